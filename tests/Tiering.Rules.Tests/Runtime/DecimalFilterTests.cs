using System.Linq.Expressions;
using Tiering.Rules.Compilation;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;
using Tiering.Rules.Tests.Compilation;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Runtime;

/// <summary>
/// Decimal fields compared with constants more than once are compared through their double first
/// (<see cref="DecimalFilter"/>). The answer must always be the exact decimal one: at the constant, a hair either side,
/// the same value at another scale, at the ends of the decimal range and for random decimals of every scale.
/// </summary>
public sealed class DecimalFilterTests
{
    private static readonly CompareOp[] Ops = Enum.GetValues<CompareOp>();

    private static readonly decimal[] Constants =
    [
        0m, 1m, -1m, 0.3m, 0.30m, 0.9m, 0.9001m, 1.00m, 5_000_000m, 199_999.99m, 3_000_000m,
        0.0000000000000000000000000001m, -0.0000000000000000000000000001m,
        decimal.MaxValue, decimal.MinValue, 7.9228162514264337593543950335m, 1m / 3m, 123_456_789_012_345_678.9m,
    ];

    [Fact]
    public void Compare_ValuesAroundShippedAndExtremeConstants_IsTheDecimalAnswer()
    {
        var inWindow = 0;
        foreach (var constant in Constants)
        {
            var values = Around(constant).ToList();
            inWindow += values.Count(v => v != constant && InWindow(v, constant));
            foreach (var op in Ops)
            {
                var filtered = Compile(op, constant);
                foreach (var value in values)
                {
                    filtered(value).Should().Be(Exact(op, value, constant), $"{value} {op} {constant}");
                }
            }
        }

        inWindow.Should().BeGreaterThan(100, "values closer to a constant than the double can tell must be compared as decimals");
    }

    [Fact]
    public void Compare_RandomDecimalsOfEveryScale_IsTheDecimalAnswer()
    {
        var random = new Random(20_261_123);
        for (var round = 0; round < 60; round++)
        {
            var constant = RandomDecimal(random);
            var values = Enumerable.Range(0, 200).Select(_ => RandomDecimal(random)).Concat(Around(constant)).ToList();
            foreach (var op in Ops)
            {
                var filtered = Compile(op, constant);
                foreach (var value in values)
                {
                    filtered(value).Should().Be(Exact(op, value, constant), $"{value} {op} {constant}");
                }
            }
        }
    }

    [Fact]
    public void Window_IsEmptyAtZeroAndTinyElsewhere()
    {
        DecimalFilter.Window(0m).Should().Be((0d, 0d));
        var (low, high) = DecimalFilter.Window(0.3m);
        low.Should().BeLessThan(0.3).And.BeGreaterThan(0.3 - 1e-12);
        high.Should().BeGreaterThan(0.3).And.BeLessThan(0.3 + 1e-12);
    }

    public sealed record Rate(decimal Value);

    [Fact]
    public void Policy_ValuesAHairFromTheEdges_EveryPathGivesTheExactGrade()
    {
        // 'value' is compared five times, so both compiled forms filter it; the closures compare decimals only.
        const string yaml = """
            policy: edges
            version: "1"
            fields:
              value: { type: decimal, min: 0, max: 1 }
            grades: [low, mid, high]
            hitPolicy: first
            rules:
              - { id: HIGH, when: "value > 0.9", then: high }
              - { id: MID, when: "value in [0.3, 0.9]", then: mid }
              - { id: LOW, when: "value < 0.3", then: low }
            """;
        decimal hair = 0.0000000000000000000000000001m;
        decimal[] values =
        [
            0m, hair, 0.3m, 0.30m, 0.3000000000000m, 0.3m - hair, 0.3m + hair, 0.2999999999999m, 0.3000000000001m,
            0.9m, 0.900m, 0.9m - hair, 0.9m + hair, 0.8999999999999m, 0.9000000000001m, 1m, 1m - hair, 1.0000m,
        ];
        var closures = Load(yaml);
        var compiled = Load(yaml).Prepare();
        var typed = Load(yaml);
        typed.Find("edges", null)!.PrepareTyped(typeof(Rate)).Should().BeTrue();

        foreach (var value in values)
        {
            var expected = value > 0.9m ? "high" : value >= 0.3m ? "mid" : "low";
            closures.Decide("edges", Fact(("value", value))).Grade!.Id.Should().Be(expected, $"closures, value {value}");
            compiled.Decide("edges", Fact(("value", value))).Grade!.Id.Should().Be(expected, $"compiled, value {value}");
            typed.Decide("edges", new Rate(value)).Grade!.Id.Should().Be(expected, $"typed, value {value}");
        }

        // Outside the domain by a hair: invalid on every path (the typed kernel's domain check is filtered too).
        foreach (var value in new[] { -hair, 1m + hair, 1.0000000000001m })
        {
            typed.Decide("edges", new Rate(value)).Status.Should().Be(DecisionStatus.Invalid, $"value {value}");
            compiled.Decide("edges", Fact(("value", value))).Status.Should().Be(DecisionStatus.Invalid, $"value {value}");
        }
    }

    [Fact]
    public void DisjointBands_ValuesAHairFromTheEdges_TypedAndCompiledGiveTheExactBand()
    {
        var shipped = PolicySet.LoadDirectory(Support.Repo.Rules).Prepare();
        var typed = PolicySet.LoadDirectory(Support.Repo.Rules);
        typed.Find("retail-aum-tier", null)!.PrepareTyped(typeof(TypedKernelTests.AumPoco)).Should().BeTrue();
        decimal hair = 0.0000000000000001m; // the smallest step at this size (28 significant digits)
        foreach (var edge in new[] { 1_000m, 50_000m, 200_000m, 500_000m, 3_000_000m })
        {
            foreach (var value in new[] { edge - hair, edge, edge + hair, edge - 0.0000001m, edge + 0.0000001m })
            {
                // Bands are [from, to): an edge belongs to the band above it.
                var expected = Tier(value);
                shipped.Decide("retail-aum-tier", Fact(("aum", value))).Grade!.Id.Should().Be(expected, $"compiled, aum {value}");
                typed.Decide("retail-aum-tier", new TypedKernelTests.AumPoco(value)).Grade!.Id.Should().Be(expected, $"typed, aum {value}");
            }
        }

        static string Tier(decimal aum) => aum >= 3_000_000m ? "tier_5" : aum >= 500_000m ? "tier_4" : aum >= 200_000m ? "tier_3"
            : aum >= 50_000m ? "tier_2" : aum >= 1_000m ? "tier_1" : "untiered";
    }

    [Fact]
    public void ToApprox_RandomAndExtremeDecimals_IsWithinTheWindowsErrorBoundAndKeepsSignAndZero()
    {
        var random = new Random(25);
        var values = new List<decimal> { 0m, -0m, 0.000m, decimal.MaxValue, decimal.MinValue, 1e-28m, -1e-28m, 1m / 3m, 0.30m, 5_000_000m };
        for (var i = 0; i < 20_000; i++)
        {
            var scale = (byte)random.Next(0, 29);
            values.Add(new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, scale));
            values.Add(new decimal(random.Next(), 0, 0, random.Next(2) == 0, scale));
        }

        foreach (var value in values)
        {
            var approx = DecimalFilter.ToApprox(value);
            var exact = (double)value;
            Math.Abs(approx - exact).Should().BeLessThanOrEqualTo(Math.Abs(exact) * 1e-15, $"{value}");
            Math.Sign(approx).Should().Be(Math.Sign(value), $"{value}");
        }
    }

    private static Func<decimal, bool> Compile(CompareOp op, decimal constant)
    {
        var value = Expression.Parameter(typeof(decimal), "value");
        var body = DecimalFilter.Compare(op, value, DecimalFilter.Approximate(value), constant);
        return Expression.Lambda<Func<decimal, bool>>(body, value).Compile();
    }

    private static bool Exact(CompareOp op, decimal value, decimal constant) => op switch
    {
        CompareOp.Equal => value == constant,
        CompareOp.NotEqual => value != constant,
        CompareOp.Less => value < constant,
        CompareOp.LessEqual => value <= constant,
        CompareOp.Greater => value > constant,
        _ => value >= constant,
    };

    private static bool InWindow(decimal value, decimal constant)
    {
        var (low, high) = DecimalFilter.Window(constant);
        var d = (double)value;
        return d >= low && d <= high;
    }

    /// <summary>The constant, the same value at other scales, and values a hair to a fair way either side of it.</summary>
    private static IEnumerable<decimal> Around(decimal c)
    {
        yield return c;
        yield return -c;
        yield return 0m;
        yield return new decimal(0, 0, 0, true, 5); // negative zero at scale 5
        if (TryScale(c, out var rescaled))
        {
            yield return rescaled;
        }

        for (var k = 0; k <= 28; k++)
        {
            var step = new decimal(1, 0, 0, false, (byte)k);
            foreach (var sign in new[] { 1m, -1m })
            {
                if (TryAdd(c, sign * step, out var near))
                {
                    yield return near;
                }
            }
        }

        foreach (var factor in new[] { 1e-9m, 1e-11m, 1e-12m, 1e-13m, 1e-15m, 1e-20m })
        {
            foreach (var sign in new[] { 1m, -1m })
            {
                if (TryAdd(c, sign * factor * c, out var near))
                {
                    yield return near;
                }
            }
        }
    }

    private static bool TryScale(decimal c, out decimal rescaled)
    {
        try
        {
            rescaled = c * 1.000m;
            return true;
        }
        catch (OverflowException)
        {
            rescaled = 0;
            return false;
        }
    }

    private static bool TryAdd(decimal a, decimal b, out decimal sum)
    {
        try
        {
            sum = a + b;
            return true;
        }
        catch (OverflowException)
        {
            sum = 0;
            return false;
        }
    }

    private static decimal RandomDecimal(Random random)
    {
        // Any magnitude (0 to 3 words of mantissa) at any scale, either sign.
        var words = random.Next(4);
        return new decimal(
            words > 0 ? random.Next() : 0,
            words > 1 ? random.Next() : 0,
            words > 2 ? random.Next() : 0,
            random.Next(2) == 0,
            (byte)random.Next(29));
    }
}
