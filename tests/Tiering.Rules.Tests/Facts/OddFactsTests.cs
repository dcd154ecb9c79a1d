using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Facts;

/// <summary>
/// Whatever a host puts in a fact — missing fields, nulls, text where a number belongs, NaN, infinities, values past
/// the decimal range, dates, arrays, objects, extra keys — every shipped policy decides it without throwing: an
/// invalid fact names its fields, a valid one is classified, and <c>Explain</c>, <c>Decide</c> and <c>DecideMany</c>
/// give the same decision for it.
/// </summary>
public sealed class OddFactsTests
{
    private static readonly object?[] Odd =
    [
        null, string.Empty, "abc", "12", "12.5", " 7 ", "1e3", "true", "2024-01-01", "31/12/2023", "正常",
        0, 1, -1, 7, 90, 91, 180, 181, 12.5, -0.5, 0.3m, 0.9m, 1m, 5_000_000m, 5_000_000.01m, 3_000_000m,
        int.MaxValue, long.MaxValue, long.MinValue, ulong.MaxValue, decimal.MaxValue, decimal.MinValue,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, float.NaN, 1e30,
        true, false, new DateOnly(2024, 1, 1), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 'x',
        new object(), new[] { 1, 2 }, new Dictionary<string, object?> { ["a"] = 1 }, Guid.Empty, TimeSpan.FromDays(3),
    ];

    [Fact]
    public void EveryShippedPolicy_RandomOddFacts_DecideWithoutThrowing_AndAgreeAcrossApis()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        var random = new Random(20_261_123);
        var statuses = new HashSet<DecisionStatus>();
        foreach (var policy in set.Policies)
        {
            var asOf = policy.EffectiveFrom ?? policy.EffectiveUntil?.AddDays(-1); // a date this version is effective on
            // The policy's fields and those of the policies it reads decision(…) of: a chained policy decides the same fact.
            var names = policy.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var reads = new Queue<string>(policy.Reads);
            while (reads.TryDequeue(out var read))
            {
                foreach (var other in set.Policies.Where(p => p.Id == read))
                {
                    names.UnionWith(other.Fields.Select(f => f.Name));
                    other.Reads.ToList().ForEach(reads.Enqueue);
                }
            }

            var facts = Enumerable.Range(0, 300).Select(_ => OddFact(policy, random)).ToList();
            var batch = set.DecideMany(policy.Id, facts, asOf);

            for (var i = 0; i < facts.Count; i++)
            {
                var because = $"{policy.Id} {policy.Version}, fact #{i}: {Show(facts[i])}";
                Decision decision = null!;
                var decide = () => decision = set.Decide(policy.Id, facts[i], asOf);
                decide.Should().NotThrow(because);
                statuses.Add(decision.Status);

                if (decision.Status == DecisionStatus.Invalid)
                {
                    decision.Errors.Should().NotBeEmpty(because);
                    decision.Errors.Should().OnlyContain(e => names.Contains(e.Field) || e.Kind == FieldErrorKind.Dependency, because);
                }
                else if (decision.Status == DecisionStatus.Classified && policy.HitPolicy != HitPolicy.Collect)
                {
                    decision.Grade.Should().NotBeNull(because);
                }

                var trace = set.Explain(policy.Id, facts[i], asOf);
                Describe(trace.Decision).Should().Be(Describe(decision), because);
                Describe(batch[i]).Should().Be(Describe(decision), because);
            }
        }

        statuses.Should().Contain([DecisionStatus.Invalid, DecisionStatus.Classified]);
    }

    private static Dictionary<string, object?> OddFact(PolicyInfo policy, Random random)
    {
        var fact = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in policy.Fields)
        {
            switch (random.Next(10))
            {
                case 0:
                    break; // missing
                case < 4 when field.Values.Count > 0:
                    fact[field.Name] = field.Values[random.Next(field.Values.Count)];
                    break;
                default:
                    fact[field.Name] = Odd[random.Next(Odd.Length)];
                    break;
            }
        }

        if (random.Next(5) == 0)
        {
            fact["notAField"] = Odd[random.Next(Odd.Length)];
        }

        return fact;
    }

    private static string Describe(Decision d) =>
        $"{d.Status} {d.Grade?.Id} [{string.Join(",", d.FiredRuleIds)}] {string.Join("; ", d.Errors.Select(e => $"{e.Field}: {e.Message}"))}";

    private static string Show(Dictionary<string, object?> fact) =>
        string.Join(", ", fact.Select(kv => $"{kv.Key}={kv.Value switch { null => "null", string s => $"\"{s}\"", _ => kv.Value.ToString() }}"));
}
