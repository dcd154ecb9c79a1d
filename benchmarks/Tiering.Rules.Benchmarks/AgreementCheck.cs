using System.Globalization;

namespace Tiering.Rules.Benchmarks;

/// <summary>One fact on which an engine's outcome differs from the hand-written baseline.</summary>
/// <param name="Workload">The workload (policy id).</param>
/// <param name="Index">The fact's index in the workload.</param>
/// <param name="Engine">The engine that disagrees.</param>
/// <param name="Expected">The baseline's outcome.</param>
/// <param name="Actual">The engine's outcome.</param>
/// <param name="Fact">The fact, as text.</param>
public sealed record Disagreement(string Workload, int Index, string Engine, Outcome Expected, Outcome Actual, string Fact)
{
    public override string ToString() =>
        $"{Workload}: fact #{Index.ToString(CultureInfo.InvariantCulture)} ({Fact}): {Engine} gave {Actual}, HandWritten gave {Expected}";
}

/// <summary>The agreement check failed: the benchmark would compare engines that do not do the same thing.</summary>
public sealed class AgreementException : Exception
{
    public AgreementException(string message)
        : base(message)
    {
    }

    public AgreementException()
    {
    }

    public AgreementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Runs every engine over a whole workload and compares each fact's status, grade and fired-id set with the
/// hand-written baseline. The throughput benchmarks run it in <c>[GlobalSetup]</c> and so refuse to time engines that
/// disagree; <c>--check-only</c> runs it for every workload without timing anything.
/// </summary>
public static class AgreementCheck
{
    /// <summary>Whether two outcomes agree: same status, same grade, same set of fired rule ids.</summary>
    public static bool Agree(Outcome expected, Outcome actual)
    {
        if (expected.Status != actual.Status || expected.Grade != actual.Grade || expected.Fired.Count != actual.Fired.Count)
        {
            return false;
        }

        return expected.Fired.Order(StringComparer.Ordinal).SequenceEqual(actual.Fired.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Every fact on which <paramref name="actual"/> differs from <paramref name="expected"/>, in fact order.</summary>
    public static IReadOnlyList<Disagreement> Compare<TFact>(string workload, string engine, TFact[] facts, Outcome[] expected, Outcome[] actual)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var found = new List<Disagreement>();
        for (var i = 0; i < facts.Length; i++)
        {
            var outcome = actual[i];
            if (outcome.Status is null)
            {
                found.Add(new Disagreement(workload, i, engine, expected[i], new Outcome("(no outcome)", null, []), facts[i].ToString() ?? string.Empty));
            }
            else if (!Agree(expected[i], outcome))
            {
                found.Add(new Disagreement(workload, i, engine, expected[i], outcome, facts[i].ToString() ?? string.Empty));
            }
        }

        return found;
    }

    /// <summary>
    /// Runs the baseline and every competitor of <paramref name="suite"/> over <paramref name="facts"/> and returns every
    /// disagreement, ordered by fact index (then engine). Empty means every engine agrees on every fact.
    /// </summary>
    public static IReadOnlyList<Disagreement> FindDisagreements<TFact>(IEngineSuite<TFact> suite, TFact[] facts)
        where TFact : notnull => Run(suite, facts).Disagreements;

    /// <summary>Throws <see cref="AgreementException"/> naming the first disagreement, if there is any.</summary>
    public static void EnsureAgreement<TFact>(IEngineSuite<TFact> suite, TFact[] facts)
        where TFact : notnull
    {
        var disagreements = FindDisagreements(suite, facts);
        if (disagreements.Count > 0)
        {
            throw new AgreementException(Describe(disagreements));
        }
    }

    /// <summary>
    /// <c>--check-only</c>: runs the check for every workload and writes one line per workload.
    /// </summary>
    /// <returns>0 when every engine agrees on every workload, 1 otherwise.</returns>
    public static int RunAll(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (HandWritten.BreakBaseline)
        {
            output.WriteLine($"{HandWritten.BreakVariable}=1: the hand-written baselines are broken on purpose");
        }

        var ok = true;
        ok &= Report(output, LoanEngines.Create(), Workloads.Loans());
        ok &= Report(output, AumEngines.Create(), Workloads.AumCustomers());
        ok &= Report(output, StarEngines.Create(), Workloads.StarCustomers());
        return ok ? 0 : 1;
    }

    private static bool Report<TFact>(TextWriter output, IEngineSuite<TFact> suite, TFact[] facts)
        where TFact : notnull
    {
        var (expected, disagreements) = Run(suite, facts);
        var engines = string.Join(", ", suite.Competitors.Select(c => c.Name));
        if (disagreements.Count == 0)
        {
            var mix = string.Join(", ", expected
                .GroupBy(o => o.Grade ?? o.Status, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}"));
            output.WriteLine($"{suite.Workload}: agree on all {facts.Length.ToString(CultureInfo.InvariantCulture)} facts: HandWritten, {engines} ({mix})");
            return true;
        }

        output.WriteLine($"DISAGREE {Describe(disagreements)}");
        return false;
    }

    private static string Describe(IReadOnlyList<Disagreement> disagreements)
    {
        var facts = disagreements.Select(d => d.Index).Distinct().Count();
        var engines = string.Join(", ", disagreements.Select(d => d.Engine).Distinct());
        return $"{disagreements[0]} ({facts.ToString(CultureInfo.InvariantCulture)} facts disagree in all; engines: {engines})";
    }

    private static (Outcome[] Expected, IReadOnlyList<Disagreement> Disagreements) Run<TFact>(IEngineSuite<TFact> suite, TFact[] facts)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(facts);
        var expected = new Outcome[facts.Length];
        suite.HandWritten(facts, expected);
        var all = new List<Disagreement>();
        foreach (var competitor in suite.Competitors.Where(c => CheckedEngines.Includes(c.Name)))
        {
            var actual = new Outcome[facts.Length];
            competitor.Run(facts, actual);
            all.AddRange(Compare(suite.Workload, competitor.Name, facts, expected, actual));
        }

        all.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : string.CompareOrdinal(a.Engine, b.Engine));
        return (expected, all);
    }
}
