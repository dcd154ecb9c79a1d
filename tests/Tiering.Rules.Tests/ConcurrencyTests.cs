using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests;

/// <summary>
/// A loaded <see cref="PolicySet"/> is shared by every thread of a host, and a <see cref="Decision"/> may be read from
/// several threads (its fired rules and outputs are materialised lazily). Each thread reuses its own frames between
/// decisions, and traces use frames of their own. Decisions made concurrently must be
/// identical to decisions made one at a time. These tests compare content only; nothing here measures time.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int ThreadCount = 16;
    private const int Passes = 3;
    private const int LoanFacts = 3000;

    private static readonly PolicySet Rules = PolicySet.LoadDirectory(Repo.Rules);

    [Fact]
    public void Decide_SixteenThreadsOverThousandsOfFacts_GiveTheSequentialResults()
    {
        var work = Work();
        var expected = work.Select(w => Snapshot(Rules.Decide(w.PolicyId, w.Fact))).ToArray();
        var expectedTraces = work.Select(w => Rules.Explain(w.PolicyId, w.Fact).ToString()).ToArray();

        var mismatches = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        var compared = 0;
        RunThreads(thread =>
        {
            for (var pass = 0; pass < Passes; pass++)
            {
                if ((thread + pass) % 4 == 3)
                {
                    // The batch API over the loan facts, in input order.
                    var loans = Enumerable.Range(0, work.Length).Where(i => work[i].PolicyId == "loan-five-category").ToArray();
                    var decisions = Rules.DecideMany("loan-five-category", loans.Select(i => work[i].Fact));
                    for (var k = 0; k < loans.Length; k++)
                    {
                        Compare(loans[k], decisions[k]);
                    }

                    continue;
                }

                // Every thread walks the list from its own starting point, half of them backwards, so that threads
                // decide different facts (and different policies) at the same moment; every fifth fact is explained
                // (fresh frame, every value kept) between decisions that reuse the thread's frames.
                var start = (thread * 997) + (pass * 131);
                for (var n = 0; n < work.Length; n++)
                {
                    var i = (thread % 2 == 0 ? start + n : start - n + (work.Length * 4)) % work.Length;
                    if (n % 5 == 0)
                    {
                        var trace = Rules.Explain(work[i].PolicyId, work[i].Fact);
                        Compare(i, trace.Decision);
                        if (trace.ToString() != expectedTraces[i])
                        {
                            mismatches.Enqueue($"fact #{i} trace:\n  sequential: {expectedTraces[i]}\n  concurrent: {trace}");
                        }
                    }
                    else
                    {
                        Compare(i, Rules.Decide(work[i].PolicyId, work[i].Fact));
                    }
                }
            }
        }, failures);

        failures.Should().BeEmpty();
        mismatches.Should().BeEmpty();
        compared.Should().Be(ThreadCount * Passes * work.Length - ExpectedBatchShortfall(work));

        void Compare(int index, Decision decision)
        {
            Interlocked.Increment(ref compared);
            var actual = Snapshot(decision);
            if (actual != expected[index])
            {
                mismatches.Enqueue($"fact #{index}:\n  sequential: {expected[index]}\n  concurrent: {actual}");
            }
        }
    }

    [Fact]
    public void DecisionMembers_ReadBySixteenThreadsAtOnce_AreTheSequentialResults()
    {
        var work = Work();
        var expected = work.Select(w => Snapshot(Rules.Decide(w.PolicyId, w.Fact))).ToArray();

        // Decided once, not yet read: FiredRules, FiredRuleIds and Outputs are built on first access, which is now
        // raced by every thread.
        var shared = work.Select(w => Rules.Decide(w.PolicyId, w.Fact)).ToArray();

        var mismatches = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        var compared = 0;
        RunThreads(thread =>
        {
            for (var pass = 0; pass < Passes; pass++)
            {
                for (var n = 0; n < shared.Length; n++)
                {
                    var i = thread % 2 == 0 ? n : shared.Length - 1 - n;
                    var actual = ((thread + pass) % 3) switch
                    {
                        0 => Snapshot(shared[i]),
                        1 => SnapshotOutputsFirst(shared[i]),
                        _ => SnapshotFiredRulesFirst(shared[i]),
                    };
                    Interlocked.Increment(ref compared);
                    if (actual != expected[i])
                    {
                        mismatches.Enqueue($"fact #{i}:\n  sequential: {expected[i]}\n  concurrent: {actual}");
                    }
                }
            }
        }, failures);

        failures.Should().BeEmpty();
        mismatches.Should().BeEmpty();
        compared.Should().Be(ThreadCount * Passes * shared.Length);
    }

    [Fact]
    public void Work_VariedLoansAndCustomers_CoverEveryOutcome()
    {
        // The facts above are only worth racing if they reach every kind of result.
        var decisions = Work().Select(w => Rules.Decide(w.PolicyId, w.Fact)).ToList();
        var loans = decisions.Where(d => d.PolicyId == "loan-five-category").ToList();

        loans.Should().HaveCount(LoanFacts);
        loans.Select(d => d.Status).Distinct().Should().BeEquivalentTo([DecisionStatus.Classified, DecisionStatus.NotApplicable, DecisionStatus.Invalid]);
        loans.Where(d => d.Grade is not null).Select(d => d.Grade!.Id).Distinct()
            .Should().BeEquivalentTo(["normal", "special_mention", "substandard", "doubtful", "loss"]);
        loans.Should().Contain(d => d.FiredRuleIds.Count >= 3, "worst-of reports several fired rules at once");
        decisions.Select(d => d.PolicyId).Distinct().Should().BeEquivalentTo(["loan-five-category", "retail-aum-tier", "star-rating"]);
    }

    private static int ExpectedBatchShortfall((string PolicyId, Dictionary<string, object?> Fact)[] work)
    {
        // Batch passes decide only the loan facts.
        var batchPasses = Enumerable.Range(0, ThreadCount).Sum(t => Enumerable.Range(0, Passes).Count(p => (t + p) % 4 == 3));
        return batchPasses * work.Count(w => w.PolicyId != "loan-five-category");
    }

    private static void RunThreads(Action<int> body, ConcurrentQueue<Exception> failures)
    {
        using var start = new Barrier(ThreadCount);
        var threads = Enumerable.Range(0, ThreadCount).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary>Loans around every edge of the loan policy (and a few invalid ones), plus AUM and star-point customers.</summary>
    private static (string PolicyId, Dictionary<string, object?> Fact)[] Work()
    {
        var random = new Random(20_241_123);
        decimal[] amounts = [5_000_000m, 5_000_000.01m, 4_999_999.99m, 10_000_000m, 0m];
        int[] days = [0, 1, 90, 91, 180, 181];
        decimal[] rates = [0m, 0.0001m, 0.2999m, 0.30m, 0.90m, 0.9001m, 1m];
        var work = new List<(string, Dictionary<string, object?>)>();
        for (var i = 0; i < LoanFacts; i++)
        {
            var fact = FactBuilders.Loan(
                ("amount", random.Next(3) == 0 ? (random.Next(0, 5_000_000) * 10m) + (random.Next(0, 100) / 100m) : amounts[random.Next(amounts.Length)]),
                ("overdueDays", random.Next(3) == 0 ? random.Next(0, 400) : days[random.Next(days.Length)]),
                ("expectedLossRate", random.Next(3) == 0 ? random.Next(0, 10_001) / 10_000m : rates[random.Next(rates.Length)]));
            foreach (var flag in FactBuilders.LoanFlags)
            {
                fact[flag] = random.Next(100) < 12;
            }

            switch (random.Next(40))
            {
                case 0:
                    fact["amount"] = -1m;
                    break;
                case 1:
                    fact.Remove(FactBuilders.LoanFlags[random.Next(FactBuilders.LoanFlags.Length)]);
                    break;
                case 2:
                    fact["overdueDays"] = 90.5m;
                    break;
            }

            work.Add(("loan-five-category", fact));
        }

        decimal[] aumEdges = [0m, 999.99m, 1000m, 49_999.99m, 50_000m, 200_000m, 500_000m, 2_999_999.99m, 3_000_000m];
        decimal[] starEdges = [0m, 0.01m, 49.99m, 50m, 500m, 2000m, 10_000m, 79_999.99m, 80_000m];
        for (var i = 0; i < 500; i++)
        {
            work.Add(("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = random.Next(2) == 0 ? aumEdges[random.Next(aumEdges.Length)] : random.Next(0, 400_000_000) / 100m }));
            work.Add(("star-rating", new Dictionary<string, object?> { ["starPoints"] = random.Next(2) == 0 ? starEdges[random.Next(starEdges.Length)] : random.Next(0, 10_000_000) / 100m }));
        }

        // Interleave policies so that concurrent threads switch between them.
        return [.. work.OrderBy(_ => random.Next())];
    }

    /// <summary>Everything a caller can read from a decision, as text: equal text means an equal decision.</summary>
    private static string Snapshot(Decision d) =>
        Header(d) + FiredIds(d) + FiredRules(d) + Outputs(d) + Errors(d);

    private static string SnapshotOutputsFirst(Decision d)
    {
        var outputs = Outputs(d);
        var rules = FiredRules(d);
        return Header(d) + FiredIds(d) + rules + outputs + Errors(d);
    }

    private static string SnapshotFiredRulesFirst(Decision d)
    {
        var rules = FiredRules(d);
        var ids = FiredIds(d);
        return Header(d) + ids + rules + Outputs(d) + Errors(d);
    }

    private static string Header(Decision d) =>
        $"{d.PolicyId}@{d.PolicyVersion} {d.Status} grade={d.Grade?.Id ?? "-"} deciding={d.DecidingRuleId ?? "-"} score={d.Score?.ToString(CultureInfo.InvariantCulture) ?? "-"}";

    private static string FiredIds(Decision d) => " fired=[" + string.Join(",", d.FiredRuleIds) + "]";

    private static string FiredRules(Decision d)
    {
        var text = new StringBuilder(" rules=");
        foreach (var rule in d.FiredRules)
        {
            text.Append(rule.Id).Append('(').Append(rule.Grade?.Id ?? "-").Append(')').Append('{');
            text.AppendJoin(";", rule.Reads);
            text.Append('}');
        }

        return text.ToString();
    }

    private static string Outputs(Decision d) =>
        " outputs={" + string.Join(";", d.Outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    private static string Errors(Decision d) =>
        " errors=[" + string.Join(";", d.Errors.Select(e => $"{e.Field}:{e.Kind}:{e.Message}")) + "]";
}
