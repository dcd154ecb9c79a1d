using System.Globalization;
using System.Text;
using CsCheck;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Tests.Analysis;

/// <summary>
/// Property: every gap witness the analysis reports really matches no rule, and every overlap or masking witness
/// really matches both rules it names — checked by running the witness through the evaluator.
/// </summary>
public sealed class WitnessPropertyTests
{
    private const int Iterations = 400;

    private static readonly string[] Ops = ["<", "<=", ">", ">=", "="];

    /// <summary>A band table on one field, with random edges, inclusivity, gaps and overlaps.</summary>
    private static readonly Gen<string> BandPolicies =
        from integer in Gen.Bool
        from count in Gen.Int[1, 6]
        from edges in Gen.Int[0, 40].Array[count * 2]
        from brackets in Gen.Int[0, 3].Array[count]
        from below in Gen.Bool
        select BandPolicy(integer, edges, brackets, below);

    /// <summary>A first-hit rule set over an integer, a decimal and an enum field, with conjunctions and disjunctions.</summary>
    private static readonly Gen<string> RulePolicies =
        from count in Gen.Int[1, 6]
        from atoms in Gen.Select(Gen.Int[0, 2], Gen.Int[0, 4], Gen.Int[0, 20], Gen.Bool).Array[count * 2]
        from joins in Gen.Bool.Array[count]
        select RulePolicy(atoms, joins);

    [Fact]
    public void Analysis_BandTables_WitnessesAreReal()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        BandPolicies.Sample(yaml => Check(yaml, seen), iter: Iterations, print: yaml => yaml);

        seen.Keys.Should().Contain(["TR4001", "TR4002"], "the generator must produce gaps and overlapping bands");
    }

    [Fact]
    public void Analysis_RuleSets_WitnessesAreReal()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        RulePolicies.Sample(yaml => Check(yaml, seen), iter: Iterations, print: yaml => yaml);

        seen.Keys.Should().Contain(["TR4001", "TR4005"], "the generator must produce gaps and masked rules");
    }

    private static string BandPolicy(bool integer, int[] edges, int[] brackets, bool below)
    {
        var sb = new StringBuilder();
        sb.AppendLine("policy: p").AppendLine("version: \"1\"");
        sb.AppendLine($"fields: {{ v: {{ type: {(integer ? "integer" : "decimal")}, min: 0, max: 100 }} }}");
        sb.AppendLine("grades: [g0, g1]").AppendLine("hitPolicy: first").AppendLine("bands:").AppendLine("  on: v").AppendLine("  rows:");
        for (var i = 0; i < brackets.Length; i++)
        {
            var lo = Math.Min(edges[2 * i], edges[(2 * i) + 1]) + (i * 3);
            var hi = Math.Max(edges[2 * i], edges[(2 * i) + 1]) + (i * 3) + 1;
            var (open, close) = brackets[i] switch { 0 => ('[', ')'), 1 => ('(', ']'), 2 => ('[', ']'), _ => ('(', ')') };
            sb.AppendLine(CultureInfo.InvariantCulture, $"    - {{ id: B{i}, range: \"{open}{lo / 2m}, {hi / 2m}{close}\", grade: g{i % 2} }}");
        }

        if (below)
        {
            sb.AppendLine("  below: g0");
        }

        return sb.ToString();
    }

    private static string RulePolicy((int Field, int Op, int Value, bool Negate)[] atoms, bool[] joins)
    {
        var sb = new StringBuilder();
        sb.AppendLine("policy: p").AppendLine("version: \"1\"");
        sb.AppendLine("fields:").AppendLine("  n: { type: integer, min: 0, max: 20 }").AppendLine("  d: { type: decimal, min: 0, max: 10 }")
            .AppendLine("  k: { type: enum, values: [a, b, c] }");
        sb.AppendLine("grades: [g0, g1]").AppendLine("hitPolicy: first").AppendLine("rules:");
        for (var i = 0; i < joins.Length; i++)
        {
            var when = $"{Atom(atoms[2 * i])} {(joins[i] ? "and" : "or")} {Atom(atoms[(2 * i) + 1])}";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: R{i}, when: \"{when}\", then: g{i % 2} }}");
        }

        return sb.ToString();

        static string Atom((int Field, int Op, int Value, bool Negate) a)
        {
            var text = a.Field switch
            {
                0 => $"n {Ops[a.Op]} {a.Value}",
                1 => $"d {Ops[a.Op]} {(a.Value / 2m).ToString(CultureInfo.InvariantCulture)}",
                _ => $"k {(a.Op % 2 == 0 ? "=" : "!=")} '{"abc"[a.Value % 3]}'",
            };
            return a.Negate ? $"not ({text})" : text;
        }
    }

    private static void Check(string yaml, System.Collections.Concurrent.ConcurrentDictionary<string, int> seen)
    {
        var result = PolicyLoader.LoadSources([new PolicySource("p.yaml", yaml)]);
        var set = result.PolicySet ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));

        // The same rules under hitPolicy collect report every rule a fact matches.
        var collect = PolicySet.LoadSources([new PolicySource("c.yaml", yaml.Replace("hitPolicy: first", "hitPolicy: collect", StringComparison.Ordinal))]);
        foreach (var finding in result.Diagnostics.Where(d => d.Witness is not null))
        {
            var fact = Complete(finding.Witness!);
            var fired = collect.Decide("p", fact).FiredRuleIds;
            seen.AddOrUpdate(finding.Code, 1, (_, n) => n + 1);
            switch (finding.Code)
            {
                case "TR4001":
                    set.Decide("p", fact).Status.Should().Be(DecisionStatus.Unclassified, $"{finding} says nothing matches {Show(fact)}");
                    fired.Should().BeEmpty($"{finding}");
                    break;
                case "TR4002":
                case "TR4005":
                    fired.Should().Contain(finding.RuleIds.Take(2), $"{finding} says {Show(fact)} matches those rules");
                    break;
            }
        }

        // Conversely, a policy with no reported gap must classify every value it can be given.
        if (!result.Diagnostics.Any(d => d.Code == "TR4001") && !yaml.Contains("k:", StringComparison.Ordinal))
        {
            for (var v = 0m; v <= 100m; v += 0.25m)
            {
                if (yaml.Contains("type: integer", StringComparison.Ordinal) && v != decimal.Truncate(v))
                {
                    continue;
                }

                set.Decide("p", new Dictionary<string, object?> { ["v"] = v }).Status.Should().Be(DecisionStatus.Classified, $"no gap was reported, yet v = {v} fell through");
            }
        }
    }

    private static Dictionary<string, object?> Complete(IReadOnlyDictionary<string, object?> witness)
    {
        var fact = new Dictionary<string, object?>(witness);
        fact.TryAdd("n", 0m);
        fact.TryAdd("d", 0m);
        fact.TryAdd("k", "a");
        fact.TryAdd("v", 0m);
        return fact;
    }

    private static string Show(Dictionary<string, object?> fact) => string.Join(", ", fact.Select(kv => $"{kv.Key}={kv.Value}"));
}
