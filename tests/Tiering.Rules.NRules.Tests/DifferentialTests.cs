using System.Globalization;
using CsCheck;
using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Tests.Support;
using Xunit.Abstractions;

namespace Tiering.Rules.NRules.Tests;

/// <summary>
/// The two engines decide alike: the same status, version, grade, deciding and fired rules (with points), score,
/// outputs and errors (field, kind, message) for every fact, on the shipped policies, on generated policies, and on
/// policies that chain, scope, divide and leave fields out. The full run is <c>TIERING_NRULES_FACTS=100000</c> (facts per
/// shipped policy) and <c>CsCheck_Iter</c> (generated policies); the default is a slice that keeps <c>.ci/run</c> quick.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private static readonly int FactsPerShippedPolicy =
        int.TryParse(Environment.GetEnvironmentVariable("TIERING_NRULES_FACTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 2_000;

    /// <summary>Facts per session: a batch the size a host would insert at once.</summary>
    private const int SessionSize = 5_000;

    public static TheoryData<string> ShippedPolicyIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in PolicySet.LoadDirectory(Repo.Rules).Policies.Select(p => p.Id).Distinct().Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPolicyIds))]
    public void DecideMany_ShippedPolicyOnGeneratedFacts_EqualsTheCompiledEngine(string policyId)
    {
        var policies = PolicySet.LoadDirectory(Repo.Rules);
        var onNRules = NRulesPolicySet.Create(policies);
        var compared = Compare(policies, onNRules, policyId, FactsPerShippedPolicy, seed: policyId.Length * 7919);

        output.WriteLine($"{policyId}: {compared.Total} facts, by status {string.Join(", ", compared.Statuses.Select(s => $"{s.Key}={s.Value}"))}");
        compared.Total.Should().Be(FactsPerShippedPolicy);
        compared.Statuses.Should().ContainKey(DecisionStatus.Invalid, "the generator leaves fields out and puts wrong values in");
        compared.Statuses.Keys.Should().Contain(s => s != DecisionStatus.Invalid, "most generated facts are valid");
    }

    [Fact]
    public void DecideMany_ChainedScopedPolicyWithOptionalFieldsAndDivision_EqualsTheCompiledEngine()
    {
        var policies = Policies.Load(Chained.Base, Chained.Watch, Chained.Scored);
        var onNRules = NRulesPolicySet.Create(policies);

        foreach (var id in new[] { "base", "watch", "scored" })
        {
            var compared = Compare(policies, onNRules, id, 4_000, seed: 17);
            output.WriteLine($"{id}: {string.Join(", ", compared.Statuses.Select(s => $"{s.Key}={s.Value}"))}");
            compared.Statuses.Keys.Should().Contain([DecisionStatus.Classified, DecisionStatus.Invalid]);
        }

        var generator = new FactGenerator(policies, "watch", 17);
        var reached = Enumerable.Range(0, 4_000).Select(_ => generator.Next()).ToList();
        var errors = policies.DecideMany("watch", reached).Concat(policies.DecideMany("scored", reached)).SelectMany(d => d.Errors).Select(e => e.Kind).ToHashSet();
        errors.Should().Contain([FieldErrorKind.Evaluation, FieldErrorKind.NeededButMissing], "the slice must reach division by zero and missing optional fields");
        policies.DecideMany("watch", reached).SelectMany(d => d.Errors).Should().Contain(e => e.Message.Contains("needed by decision('base')"), "the slice must reach an invalid dependency");
    }

    [Fact]
    public void DecideMany_ChainedMembersDerivedValuesChecksFormulasAndDates_EqualsTheCompiledEngine()
    {
        var policies = Policies.Load(Chained.Base, Chained.Scored, Chained.Provisioned, Chained.Richer, Chained.Fees);
        var onNRules = NRulesPolicySet.Create(policies);

        foreach (var id in new[] { "provisioned", "richer", "fees" })
        {
            var compared = Compare(policies, onNRules, id, 4_000, seed: 23);
            output.WriteLine($"{id}: {string.Join(", ", compared.Statuses.Select(s => $"{s.Key}={s.Value}"))}");
            compared.Statuses.Keys.Should().Contain([DecisionStatus.Classified, DecisionStatus.Invalid]);
        }

        // The slice reaches what this test is for: every member of a chained decision, formulas, checks and the as-of date.
        var generator = new FactGenerator(policies, "richer", 23);
        var decisions = Enumerable.Range(0, 4_000).Select(_ => policies.Decide("richer", generator.Next(), new DateOnly(2024, 6, 1))).ToList();
        decisions.SelectMany(d => d.FiredRuleIds).Distinct().Should().Contain(["X-COVER", "X-SCORE", "X-NA", "X-LATE"]);
        decisions.Should().Contain(d => d.Outputs.ContainsKey("reserve") && d.Outputs.ContainsKey("why"));
        decisions.Should().Contain(d => d.Outputs.ContainsKey("points"));
        decisions.SelectMany(d => d.Errors).Select(e => e.Kind).Should().Contain([FieldErrorKind.Requirement, FieldErrorKind.NeededButMissing]);
        policies.DecideMany("fees", Enumerable.Range(0, 500).Select(_ => generator.Next())).Select(d => d.Outputs.GetValueOrDefault("items")).Distinct()
            .Should().Contain(["1", "2", "3"], "collect folds one, two and three fired rules");
        policies.DecideMany("fees", Enumerable.Range(0, 500).Select(_ => generator.Next())).Select(d => string.Join(",", d.Collected.Select(r => r.Id))).Distinct()
            .Should().Contain("F-LATE,F-RESERVE,F-BASE", "the list is in priority order, the tie at 1 in rule order");
    }

    [Fact]
    public void Decide_GeneratedPoliciesAndFacts_EqualsTheCompiledEngine()
    {
        var longRun = Environment.GetEnvironmentVariable("CsCheck_Iter") is not null || Environment.GetEnvironmentVariable("CsCheck_Time") is not null;
        var policiesChecked = 0;
        var statuses = new HashSet<DecisionStatus>();
        PolicyGenerator.Instance.Sample(
            policyCase =>
            {
                var policies = Policies.Load(policyCase.Yaml);
                var onNRules = NRulesPolicySet.Create(policies);
                var expected = policyCase.Facts.Select(f => Same.Describe(policies.Decide(policyCase.PolicyId, f))).ToList();
                var actual = onNRules.DecideMany(policyCase.PolicyId, policyCase.Facts).Select(Same.Describe).ToList();
                statuses.UnionWith(policies.DecideMany(policyCase.PolicyId, policyCase.Facts).Select(d => d.Status));
                Interlocked.Increment(ref policiesChecked);
                return actual.SequenceEqual(expected);
            },
            writeLine: output.WriteLine,
            iter: longRun ? -1 : 120,
            threads: 1,
            print: policyCase => policyCase.ToString());

        policiesChecked.Should().BeGreaterThanOrEqualTo(longRun ? 1 : 120);
        statuses.Should().Contain([DecisionStatus.Classified, DecisionStatus.Unclassified, DecisionStatus.Conflict]);
    }

    /// <summary>Decides generated facts with both engines (NRules in sessions of <see cref="SessionSize"/>, some one by one) and asserts equality.</summary>
    private static Comparison Compare(PolicySet policies, NRulesPolicySet onNRules, string policyId, int count, int seed)
    {
        var generator = new FactGenerator(policies, policyId, seed);
        var random = new Random(seed);
        var dates = generator.AsOfDates;
        var facts = Enumerable.Range(0, count)
            .Select(_ => (Fact: generator.Next(), AsOf: dates.Count == 0 || random.Next(20) == 0 ? (DateOnly?)null : dates[random.Next(dates.Count)]))
            .ToList();
        var statuses = new Dictionary<DecisionStatus, int>();
        foreach (var group in facts.Select((f, i) => (f.Fact, f.AsOf, Index: i)).GroupBy(f => f.AsOf))
        {
            foreach (var chunk in group.Chunk(SessionSize))
            {
                var onSessions = onNRules.DecideMany(policyId, chunk.Select(c => c.Fact), group.Key);
                for (var i = 0; i < chunk.Length; i++)
                {
                    var compiled = policies.Decide(policyId, chunk[i].Fact, group.Key);
                    var expected = Same.Describe(compiled);
                    Same.Describe(onSessions[i]).Should().Be(expected, "fact #{0} {1}", chunk[i].Index, Render(chunk[i].Fact));
                    if (chunk[i].Index % 97 == 0)
                    {
                        Same.Describe(onNRules.Decide(policyId, chunk[i].Fact, group.Key)).Should().Be(expected, "fact #{0} alone in a session", chunk[i].Index);
                    }

                    statuses[compiled.Status] = statuses.GetValueOrDefault(compiled.Status) + 1;
                }
            }
        }

        return new Comparison(facts.Count, statuses);
    }

    private static string Render(Dictionary<string, object?> fact) =>
        "{" + string.Join(", ", fact.Select(kv => $"{kv.Key}: {Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "null"}")) + "}";

    private sealed record Comparison(int Total, Dictionary<DecisionStatus, int> Statuses);

    /// <summary>Policies that chain (watch reads base), scope, divide by a field, and read optional fields with and without defaults.</summary>
    private static class Chained
    {
        public const string Base = """
            policy: base
            version: "1"
            fields:
              overdueDays: { type: integer, min: 0 }
              amount: { type: decimal, min: 0 }
              collateral: { type: decimal, optional: true }
              restructured: { type: boolean, optional: true, whenMissing: false }
            appliesWhen: amount > 100
            grades: [normal, watch, substandard, loss]
            hitPolicy: worst
            default: normal
            rules:
              - { id: B-WATCH, when: "overdueDays > 30 or restructured", then: watch }
              - { id: B-SUB, when: overdueDays > 90, then: substandard }
              - { id: B-COVER, when: "overdueDays > 60 and collateral / amount < 0.5", then: substandard }
              - { id: B-LOSS, when: overdueDays > 360, then: loss }
            """;

        public const string Watch = """
            policy: watch
            version: "1"
            fields:
              overdueDays: { type: integer, min: 0 }
              amount: { type: decimal, min: 0 }
              note: { type: string, optional: true }
            grades: [none, review, escalate]
            hitPolicy: first
            default: none
            rules:
              - { id: W-ESC, when: "decision('base').grade >= 'substandard' and note = 'urgent'", then: escalate }
              - { id: W-REV, when: "decision('base').grade >= 'watch'", then: review }
              - { id: W-BIG, when: amount > 5000000, then: review }
            """;

        /// <summary>Derived values and formulas on grades and rules, read by <see cref="Richer"/>.</summary>
        public const string Provisioned = """
            policy: provisioned
            version: "1"
            fields:
              amount: { type: decimal, min: 0 }
              collateral: { type: decimal, optional: true }
            let:
              uncovered: "max(amount - collateral, 0)"
            grades:
              - { id: small, outputs: { reserve: "=round(uncovered * 0.02, 2)" } }
              - { id: large, outputs: { reserve: "=round(uncovered * 0.25, 2)" } }
            hitPolicy: first
            rules:
              - { id: P-LARGE, when: uncovered > 1000000, then: large, outputs: { flag: "=uncovered > 2000000" } }
              - { id: P-SMALL, when: uncovered <= 1000000, then: small }
            """;

        /// <summary>Reads every member of other decisions (score, status, fired, outputs), with a check, a derived value and asOf.</summary>
        public const string Richer = """
            policy: richer
            version: "1"
            effective: { from: 2024-01-01 }
            fields:
              overdueDays: { type: integer, min: 0 }
              amount: { type: decimal, min: 0 }
              opened: { type: date, optional: true }
            let:
              share: "decision('provisioned').outputs.reserve / max(amount, 1)"
            require:
              - { that: "overdueDays < 300 or amount > 100", message: long arrears on a tiny amount are a data error, fields: [overdueDays, amount] }
            grades:
              - { id: calm, outputs: { points: "=decision('scored').score" } }
              - alert
              - { id: act, outputs: { why: "=decision('base').status", reserve: "=decision('provisioned').outputs.reserve" } }
            hitPolicy: worst
            default: calm
            rules:
              - { id: X-COVER, when: "decision('base').fired('B-COVER')", then: act }
              - { id: X-SCORE, when: "decision('scored').score < 45", then: alert }
              - { id: X-NA, when: "decision('base').status = 'not_applicable' and share > 0.01", then: alert }
              - { id: X-LATE, when: "monthsBetween(opened, asOf) >= 3 and overdueDays > 30", then: act, outputs: { since: "=addMonths(opened, 12)" } }
            """;

        /// <summary>collect as a list in declared priority order (a tie kept in rule order) with aggregates, one formula among the folded outputs, reading another policy's output.</summary>
        public const string Fees = """
            policy: fees
            version: "1"
            fields: { amount: { type: decimal, min: 0 }, overdueDays: { type: integer, min: 0 } }
            grades: [charged]
            hitPolicy: collect
            default: charged
            aggregate:
              total: { sum: fee }
              top: { max: fee }
              items: { count: fee }
            rules:
              - { id: F-BASE, when: "true", priority: 3, outputs: { fee: "2.50" } }
              - { id: F-LATE, when: overdueDays > 30, priority: 1, outputs: { fee: "=round(amount * 0.015, 2)", note: late } }
              - { id: F-RESERVE, when: "decision('provisioned').outputs.reserve > 100", priority: 1, outputs: { fee: "=decision('provisioned').outputs.reserve / 100" } }
            """;

        public const string Scored = """
            policy: scored
            version: "1"
            fields:
              overdueDays: { type: integer, min: 0 }
              amount: { type: decimal, min: 0 }
              collateral: { type: decimal, optional: true }
            grades: [A, B, C]
            hitPolicy: scorecard
            score:
              - { id: S-BASE, points: 50 }
              - { id: S-LATE, when: overdueDays > 30, points: -20 }
              - { id: S-COVER, points: "round(collateral / amount * 10, 2)" }
              - { id: S-SIZE, when: amount >= 1000000, points: 5 }
            veto:
              - { id: V-LOSS, when: overdueDays > 360, grade: C }
            grading:
              on: score
              edges: lower-inclusive
              rows:
                - { id: G-A, from: 60, grade: A }
                - { id: G-B, from: 40, to: 60, grade: B }
                - { id: G-C, to: 40, grade: C }
            """;
    }
}
