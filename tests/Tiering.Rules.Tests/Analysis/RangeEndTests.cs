using System.Globalization;
using System.Text;
using Tiering.Rules.Analysis;
using Tiering.Rules.Diagnostics;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Analysis;

/// <summary>
/// Literals at the ends of the decimal range (issue 23, item 4): a load never throws on them. The analysis steps past a
/// bound (the next whole number, a midpoint, a value beyond an open end) without overflowing, and a condition that only
/// a value beyond <see cref="decimal.MaxValue"/> could meet is reported where it is written, as a rule that can never fire.
/// </summary>
public sealed class RangeEndTests
{
    private const string Max = "79228162514264337593543950335";
    private const string Min = "-79228162514264337593543950335";

    /// <summary>Generated range-end policies per run; set <c>TIERING_RANGE_END_POLICIES</c> for a longer search.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("TIERING_RANGE_END_POLICIES"), out var n) ? n : 2_000;

    [Theory]
    [InlineData("integer", ">")]
    [InlineData("decimal", ">")]
    [InlineData("integer", "<")]
    [InlineData("decimal", "<")]
    public void Load_ComparisonBeyondTheDecimalRange_ReportsTheRuleAsNeverFiring(string type, string op)
    {
        var literal = op == ">" ? Max : Min;
        var result = TryLoad($$"""
            policy: ends
            version: "1"
            fields:
              n: { type: {{type}} }
            grades: [a, b]
            hitPolicy: first
            default: a
            rules:
              - { id: R1, when: "n {{op}} {{literal}}", then: b }
            """);

        var finding = result.Diagnostics.Should().ContainSingle(d => d.Code == "TR4003").Subject;
        finding.RuleIds.Should().Equal("R1");
        finding.Span.Start.Line.Should().Be(9, "the finding points at the rule");
    }

    [Fact]
    public void Load_BetweenUpToTheLargestDecimal_LoadsAndDecidesAtTheEdge()
    {
        var set = Load($$"""
            policy: ends
            version: "1"
            fields:
              n: { type: integer }
            grades: [a, b, c]
            hitPolicy: best
            rules:
              - { id: R0, when: "n between -1 and {{Max}}", then: b }
              - { id: R1, when: "n < -1", then: c }
            """);

        set.Decide("ends", Fact(("n", decimal.MaxValue))).Grade!.Id.Should().Be("b");
        set.Decide("ends", Fact(("n", decimal.MinValue))).Grade!.Id.Should().Be("c");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Normalize_OpenEndsAtTheRangeEnds_AreEmptyWithoutOverflow(bool integer)
    {
        IntervalSet.Of(new Span1(decimal.MaxValue, false, null, false), integer).IsEmpty.Should().BeTrue();
        IntervalSet.Of(new Span1(null, false, decimal.MinValue, false), integer).IsEmpty.Should().BeTrue();
        IntervalSet.Of(new Span1(decimal.MaxValue, true, null, false), integer).Pick().Should().Be(decimal.MaxValue);
        IntervalSet.Of(new Span1(null, false, decimal.MinValue, true), integer).Pick().Should().Be(decimal.MinValue);
    }

    [Fact]
    public void Union_WholeNumbersUpToTheLargestDecimal_MergesWithoutOverflow()
    {
        var top = IntervalSet.Of(new Span1(decimal.MaxValue - 1, true, decimal.MaxValue, true), true);
        var below = IntervalSet.Of(new Span1(0, true, decimal.MaxValue - 2, true), true);

        var union = below.Union(top);

        union.Spans.Should().ContainSingle().Which.Should().Be(new Span1(0, true, decimal.MaxValue, true));
        union.Complement().Pick().Should().Be(-1);
    }

    [Theory]
    [InlineData("79228162514264337593543950334", "79228162514264337593543950335", "79228162514264337593543950334.5")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950334", "-79228162514264337593543950334.5")]
    [InlineData("-79228162514264337593543950335", "79228162514264337593543950335", "0")]
    public void Pick_OpenIntervalBetweenHugeEnds_IsStrictlyInside(string low, string high, string expected)
    {
        var (l, h) = (decimal.Parse(low, CultureInfo.InvariantCulture), decimal.Parse(high, CultureInfo.InvariantCulture));

        var picked = IntervalSet.Of(new Span1(l, false, h, false), false).Pick();

        if (expected.Contains('.', StringComparison.Ordinal))
        {
            // No decimal of 29 digits lies between two neighbours at the top of the range.
            picked.Should().BeNull();
        }
        else
        {
            picked.Should().Be(decimal.Parse(expected, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Pick_OpenEndedPastAHugeBound_StaysInRange()
    {
        IntervalSet.Of(new Span1(decimal.MaxValue - 1, false, null, false), false).Pick().Should().Be(decimal.MaxValue);
        IntervalSet.Of(new Span1(null, false, decimal.MinValue + 1, false), false).Pick().Should().Be(decimal.MinValue);
    }

    /// <summary>
    /// The probe that found it: small policies over an integer and a decimal field, every hit policy, bands and
    /// scorecards, with comparisons, ranges, band edges, points and domains drawn from the ends of the decimal range
    /// and their neighbours. Before the fix 7.7% of them threw <see cref="OverflowException"/>.
    /// </summary>
    [Fact]
    public void Load_GeneratedRangeEndPolicies_NeverThrow()
    {
        var random = new Random(20_261_203);
        int loaded = 0, rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var text = RangeEndPolicy(random);
            PolicyLoadResult result = null!;
            var load = () => result = TryLoad(text);
            load.Should().NotThrow(text);
            if (result.Succeeded)
            {
                loaded++;
            }
            else
            {
                rejected++;
                result.Errors.Should().OnlyContain(e => e.Span.Start.Line >= 1, text);
            }
        }

        loaded.Should().BePositive("some range-end policies are valid");
        rejected.Should().BePositive("some are rejected with diagnostics");
    }

    internal static string RangeEndPolicy(Random random)
    {
        string[] edges =
        [
            Max, Min, "79228162514264337593543950334", "-79228162514264337593543950334", "7922816251426433759354395033.5",
            "0", "1", "-1", "0.5", "1000000000000000000000000000", "0.0000000000000000000000000001", "-0.0000000000000000000000000001",
        ];
        string[] ops = [">", ">=", "<", "<=", "=", "!="];
        string[] hits = ["first", "unique", "worst", "best", "collect"];
        string E() => edges[random.Next(edges.Length)];
        string Op() => ops[random.Next(ops.Length)];

        var sb = new StringBuilder("policy: p\nversion: \"1\"\nfields:\n");
        sb.Append(CultureInfo.InvariantCulture, $"  n: {{ type: {(random.Next(2) == 0 ? "integer" : "decimal")}");
        if (random.Next(3) == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", min: {E()}");
        }

        if (random.Next(3) == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", max: {E()}");
        }

        sb.Append(" }\n  m: { type: decimal }\ngrades: [a, b, c]\n");
        var hit = random.Next(4) == 0 ? "scorecard" : hits[random.Next(hits.Length)];
        sb.Append(CultureInfo.InvariantCulture, $"hitPolicy: {hit}\n");
        if (random.Next(3) == 0 && hit is not ("collect" or "scorecard"))
        {
            sb.Append("default: a\n");
        }

        if (hit == "scorecard")
        {
            sb.Append("score:\n");
            for (var r = 0; r < 2; r++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - {{ id: S{r}, when: \"n {Op()} {E()}\", points: {E()} }}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"grading:\n  rows:\n    - {{ from: {E()}, to: {E()}, grade: b }}\n    - {{ from: {E()}, grade: c }}\n");
        }
        else if (random.Next(3) == 0)
        {
            sb.Append("bands:\n  on: n\n");
            if (random.Next(2) == 0)
            {
                sb.Append("  below: a\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"  rows:\n    - {{ id: B1, from: {E()}, to: {E()}, grade: b }}\n    - {{ id: B2, from: {E()}, grade: c }}\n");
        }
        else
        {
            sb.Append("rules:\n");
            var rules = random.Next(1, 4);
            for (var r = 0; r < rules; r++)
            {
                var condition = random.Next(4) switch
                {
                    0 => $"n {Op()} {E()}",
                    1 => $"n between {E()} and {E()}",
                    2 => $"n in ({E()}, {E()}]",
                    _ => $"n {Op()} {E()} and m {Op()} {E()}",
                };
                sb.Append(CultureInfo.InvariantCulture, $"  - {{ id: R{r}, when: \"{condition}\", then: {(r % 2 == 0 ? "b" : "c")} }}\n");
            }
        }

        return sb.ToString();
    }
}
