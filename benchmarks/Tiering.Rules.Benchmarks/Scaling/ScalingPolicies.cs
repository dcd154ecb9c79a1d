using System.Globalization;
using System.Text;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// Generates the Scaling benchmarks' policies as YAML text and loads them with <see cref="PolicySet.LoadSources"/>, so
/// they are read, analysed and compiled as a policy file is. Field <c>fj</c> is a decimal in [0, 1000) when
/// <c>j % 3 == 0</c>, an integer in [0, 1000) when <c>j % 3 == 1</c> and a boolean when <c>j % 3 == 2</c>; grades
/// <c>ok</c> &lt; <c>watch</c> &lt; <c>low</c> &lt; <c>mid</c> &lt; <c>high</c>, hit policy <c>worst</c> (every rule is
/// checked, as for the loan policy), default <c>ok</c>. The rules take turns between three shapes: a band row written as
/// an interval on a decimal field (<c>f0 in [120.5, 135.5)</c>), an integer threshold with a flag
/// (<c>f1 &gt; 970 and f2</c>) and a decimal and an integer threshold (<c>f3 &gt; 950 and f4 &lt; 60</c>); each fires
/// for about <see cref="FiringRules"/> ÷ rules of the facts, so a fact fires about that many rules whatever the count.
/// </summary>
public static class ScalingPolicies
{
    /// <summary>The id of every generated policy.</summary>
    public const string PolicyId = "scaling";

    /// <summary>How many rules an average fact fires.</summary>
    public const double FiringRules = 1.5;

    /// <summary>The grades, least severe first.</summary>
    public static readonly string[] Grades = ["ok", "watch", "low", "mid", "high"];

    /// <summary>The type of field <paramref name="index"/>: <c>decimal</c>, <c>integer</c> or <c>boolean</c>.</summary>
    public static string FieldType(int index) => (index % 3) switch
    {
        0 => "decimal",
        1 => "integer",
        _ => "boolean",
    };

    /// <summary>
    /// A policy of <paramref name="rules"/> rules over <paramref name="fields"/> fields (at least 5), every field read
    /// by some rule: rule <c>i</c> starts at field <c>(3 · i) mod fields</c> (rounded down to a decimal field), and the
    /// rules take the fields in turn, so with few rules and many fields the rules read several pairs each.
    /// </summary>
    public static string Yaml(int rules, int fields)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fields, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(rules, 1);
        var p = Math.Min(0.5, FiringRules / rules);
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            policy: {PolicyId}
            version: "1"
            title: generated, {rules} rules over {fields} fields
            fact: item
            fields:

            """);
        for (var j = 0; j < fields; j++)
        {
            var bounds = FieldType(j) == "boolean" ? string.Empty : ", min: 0";
            yaml.Append(CultureInfo.InvariantCulture, $"  f{j}: {{ type: {FieldType(j)}{bounds} }}\n");
        }

        yaml.Append("grades:\n");
        foreach (var grade in Grades)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {grade} }}\n");
        }

        yaml.Append("hitPolicy: worst\ndefault: ok\nrules:\n");
        // The decimal fields (j % 3 == 0), in turn; each shape reads the decimal field j and its neighbours j+1, j+2.
        var groups = (fields + 2) / 3;
        var conjunctsPerRule = Math.Max(1, (groups + rules - 1) / rules);
        for (var i = 0; i < rules; i++)
        {
            var parts = new List<string>();
            // With fewer rules than field groups a rule reads several groups (or-ed, so it still fires about p).
            for (var k = 0; k < conjunctsPerRule; k++)
            {
                var j = 3 * ((i + k * rules) % groups);
                parts.Add(Shape(i, j, fields, p / conjunctsPerRule));
            }

            var when = parts.Count == 1 ? parts[0] : string.Join(" or ", parts.Select(c => $"({c})"));
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - id: R-{i:D4}
                    when: "{when}"
                    then: {Grades[1 + (i % 4)]}

                """);
        }

        return yaml.ToString();
    }

    /// <summary>Loads <see cref="Yaml"/> as <c>scaling.yaml</c>.</summary>
    public static PolicySet Load(int rules, int fields) =>
        PolicySet.LoadSources([new PolicySource($"scaling-{rules}x{fields}.yaml", Yaml(rules, fields))]);

    /// <summary>One rule's condition, true for about <paramref name="p"/> of uniformly drawn facts.</summary>
    private static string Shape(int rule, int j, int fields, double p)
    {
        var integer = Math.Min(j + 1, fields - 1);
        var flag = Math.Min(j + 2, fields - 1);
        var hasFlag = FieldType(flag) == "boolean";
        var hasInteger = FieldType(integer) == "integer";
        // A deterministic position per rule, so the intervals of a band field spread over [0, 1000).
        var start = (rule * 379 % 1000) * 1.0;
        switch (rule % 3)
        {
            case 0:
            {
                var width = Math.Max(0.02, 1000 * p);
                var from = Math.Round(Math.Min(start, 1000 - width), 2);
                return Invariant($"f{j} in [{from:0.##}, {from + width:0.##})");
            }

            case 1 when hasInteger && hasFlag:
            {
                var above = Math.Round(1000 - 2000 * p);
                return Invariant($"f{integer} > {above:0} and f{flag}");
            }

            default:
            {
                if (!hasInteger)
                {
                    return Invariant($"f{j} > {1000 - 1000 * p:0.##}");
                }

                var q = Math.Sqrt(p);
                return Invariant($"f{j} > {1000 - 1000 * q:0.##} and f{integer} < {1000 * q:0}");
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> facts with every field drawn uniformly (decimals with two places, integers, flags), from a
    /// fixed seed.
    /// </summary>
    public static TFact[] Facts<TFact>(int count, int fields, int seed = Workloads.Seed)
        where TFact : class, new()
    {
        var random = new Random(seed);
        var facts = new TFact[count];
        for (var i = 0; i < facts.Length; i++)
        {
            var fact = new TFact();
            for (var j = 0; j < fields; j++)
            {
                ScalingFact.Set(fact, j, (j % 3) switch
                {
                    0 => random.Next(100_000) / 100m,
                    1 => random.Next(1000),
                    _ => random.Next(2),
                });
            }

            facts[i] = fact;
        }

        return facts;
    }
}
