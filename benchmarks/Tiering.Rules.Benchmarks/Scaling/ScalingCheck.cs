using System.Globalization;

namespace Tiering.Rules.Benchmarks;

/// <summary>The Scaling benchmarks' shared run and setup check.</summary>
public static class ScalingCheck
{
    /// <summary><see cref="PolicySet.Decide"/> on every fact, reading the grade and the fired ids into a checksum.</summary>
    public static long DecideEach<TFact>(PolicySet policies, TFact[] facts)
        where TFact : notnull
    {
        var sink = new OutcomeChecksum();
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, TieringOutcome.From(policies.Decide(ScalingPolicies.PolicyId, facts[i])));
        }

        return sink.Sum;
    }

    /// <summary>
    /// Fails the setup unless every fact is classified and the facts fire, on average, about the number of rules the
    /// generator aims at (within a factor of three), with every grade reached: a generated policy that fires nothing,
    /// or everything, would time a different workload than it claims.
    /// </summary>
    public static void EnsureEvery<TFact>(PolicySet policies, TFact[] facts, int rules)
        where TFact : notnull
    {
        long fired = 0;
        var grades = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            var decision = policies.Decide(ScalingPolicies.PolicyId, fact);
            if (decision.Status != DecisionStatus.Classified)
            {
                throw new InvalidOperationException($"{rules} rules: a generated fact came out {decision.Status}: {string.Join("; ", decision.Errors)}");
            }

            fired += decision.FiredRuleIds.Count;
            grades.Add(decision.Grade!.Id);
        }

        var mean = (double)fired / facts.Length;
        var aim = Math.Min(ScalingPolicies.FiringRules, rules / 2.0);
        if (mean < aim / 3 || mean > aim * 3 || grades.Count < Math.Min(ScalingPolicies.Grades.Length, rules + 1))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{rules} rules: the facts fire {mean:0.00} rules on average (aim {aim:0.00}) and reach {grades.Count} grades"));
        }
    }
}
