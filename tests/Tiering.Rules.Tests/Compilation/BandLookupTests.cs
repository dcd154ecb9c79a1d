using System.Globalization;
using System.Text;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Compilation;

/// <summary>
/// A disjoint band table is searched by the value's double first (<see cref="Rules.Compilation.BandLookup.FindByDouble"/>,
/// no branch on the value), and by the tree of decimal comparisons only where the double lies in an edge's window. On
/// random tables (gaps, touching bands, either inclusivity, open ends, zero and negative edges, edges of many scales) and
/// values at, a hair from and far from every edge, the typed kernel and the compiled tier (which search by the double)
/// must give exactly what the closures give (which compare decimals).
/// </summary>
public sealed class BandLookupTests
{
    public sealed record X(decimal Value);

    [Fact]
    public void FindByDouble_RandomDisjointTables_AgreesWithTheDecimalSearchOnEveryPath()
    {
        var random = new Random(20_261_204);
        var decidedBelow = 0;
        var decidedInGaps = 0;
        for (var table = 0; table < 150; table++)
        {
            var (yaml, edges, hasBelow) = RandomTable(random);
            var closures = Load(yaml);
            var compiled = Load(yaml).Prepare();
            var typed = Load(yaml);
            typed.Find("b", null)!.PrepareTyped(typeof(X)).Should().BeTrue(yaml);

            foreach (var value in ValuesAround(edges, random))
            {
                var expected = Describe(closures.Decide("b", Fact(("value", value))));
                Describe(compiled.Decide("b", Fact(("value", value)))).Should().Be(expected, $"compiled, value {value}\n{yaml}");
                Describe(typed.Decide("b", new X(value))).Should().Be(expected, $"typed, value {value}\n{yaml}");
                decidedBelow += hasBelow && expected.Contains("gb", StringComparison.Ordinal) ? 1 : 0;
                decidedInGaps += expected.StartsWith("unclassified", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        decidedBelow.Should().BeGreaterThan(100, "values under every band must be met");
        decidedInGaps.Should().BeGreaterThan(100, "values between and above the bands must be met");
    }

    private static string Describe(Decision d) => $"{d.Status} {d.Grade?.Id} [{string.Join(",", d.FiredRuleIds)}]".ToLowerInvariant();

    /// <summary>A table of 1-6 disjoint rows over sorted edges: touching or with gaps, each end either way or open.</summary>
    private static (string Yaml, List<decimal> Edges, bool HasBelow) RandomTable(Random random)
    {
        var scale = random.Next(0, 6);
        var edges = new SortedSet<decimal>();
        var count = random.Next(2, 13);
        while (edges.Count < count)
        {
            var whole = random.Next(4) == 0 ? 0 : random.Next(-2_000, 1_000_000);
            edges.Add(new decimal(Math.Abs(whole), 0, 0, whole < 0, (byte)scale) * (random.Next(5) == 0 ? 1_000m : 1m));
        }

        var sorted = edges.ToList();
        var rows = new List<(decimal? Low, bool LowInclusive, decimal? High, bool HighInclusive)>();
        var touching = random.Next(2) == 0;
        var i = 0;
        while (i + 1 < sorted.Count && rows.Count < 6)
        {
            var lowInclusive = touching && rows.Count > 0 ? !rows[^1].HighInclusive : random.Next(2) == 0;
            rows.Add((sorted[i], lowInclusive, sorted[i + 1], random.Next(2) == 0));
            i += touching ? 1 : 2;
        }

        var openLow = random.Next(4) == 0;
        var openHigh = random.Next(3) == 0 && !(openLow && rows.Count == 1);
        if (openLow)
        {
            rows[0] = rows[0] with { Low = null, LowInclusive = false };
        }

        if (openHigh)
        {
            rows[^1] = rows[^1] with { High = null, HighInclusive = false };
        }

        var hasBelow = !openLow;
        var yaml = new StringBuilder();
        yaml.Append("policy: b\nversion: \"1\"\nfields:\n  value: { type: decimal }\n");
        yaml.Append("grades: [").Append(string.Join(", ", rows.Select((_, r) => "g" + r))).Append(hasBelow ? ", gb" : string.Empty).Append("]\n");
        yaml.Append("hitPolicy: first\nbands:\n  on: value\n  rows:\n");
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var range = $"{(row.LowInclusive ? "[" : "(")}{Text(row.Low)}, {Text(row.High)}{(row.HighInclusive ? "]" : ")")}";
            yaml.Append(CultureInfo.InvariantCulture, $"    - {{ id: B{r}, range: \"{range}\", grade: g{r} }}\n");
        }

        if (hasBelow)
        {
            yaml.Append("  below: gb\n");
        }

        return (yaml.ToString(), sorted, hasBelow);

        static string Text(decimal? edge) => edge?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>Every edge, at another scale, a hair either side (the smallest steps, then ones the double just tells), and values between and beyond.</summary>
    private static IEnumerable<decimal> ValuesAround(List<decimal> edges, Random random)
    {
        foreach (var edge in edges)
        {
            yield return edge;
            yield return edge * 1.000m;
            foreach (var step in new[] { 0.0000000000000001m, 0.000000001m, 0.01m, 1m })
            {
                yield return edge - step;
                yield return edge + step;
            }
        }

        yield return 0m;
        yield return new decimal(0, 0, 0, true, 3);
        yield return edges[0] - 1_000_000m;
        yield return edges[^1] + 1_000_000m;
        for (var k = 0; k < 20; k++)
        {
            var a = edges[random.Next(edges.Count)];
            var b = edges[random.Next(edges.Count)];
            yield return (a + b) / 2;
        }
    }
}
