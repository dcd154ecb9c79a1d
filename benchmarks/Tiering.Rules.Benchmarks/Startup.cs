using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RulesEngine.Models;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// From nothing to the first decision, in a fresh process each time: every launch is a new process and the one
/// measured invocation is the first call (no jitting, pilot or warm-up stage), so it includes loading the assemblies,
/// JIT-compiling the loader, reading, parsing, analysing and compiling the policy, binding the first POCO and deciding.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1, id: "ColdStart")]
public class ColdStart
{
    private string _loanPolicy = string.Empty;
    private LoanFact _loan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _loanPolicy = RepositoryPaths.PolicyFile(Workloads.LoanPolicy);
        _loan = new LoanFact { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.10m, HasSupplementarySource = true };
    }

    /// <summary><c>PolicySet.LoadFiles([loan-five-category.yaml])</c>, then one <c>Decide</c> with its fired ids.</summary>
    [Benchmark(Baseline = true)]
    public Outcome TieringRules()
    {
        var policies = PolicySet.LoadFiles([_loanPolicy]);
        return TieringOutcome.From(policies.Decide(Workloads.LoanPolicy, _loan));
    }

    /// <summary>For comparison: the peer engine from its JSON workflow to the first result (scope and worst-of in C#).</summary>
    [Benchmark]
    public Outcome RulesEngine() => new PeerLoanClassifier(PeerWorkflow.Load(Workloads.LoanPolicy)).Classify(_loan);
}

/// <summary>
/// Rebuilding the whole shipped <c>rules/</c> directory in a warm process, as a host's reload does: read, parse,
/// analyse and compile every policy into a new <see cref="PolicySet"/>.
/// </summary>
[MemoryDiagnoser]
public class Reload
{
    private string _rules = string.Empty;

    [GlobalSetup]
    public void Setup() => _rules = RepositoryPaths.RulesDirectory;

    [Benchmark]
    public PolicySet LoadDirectory() => PolicySet.LoadDirectory(_rules);
}

/// <summary>
/// The static analysis alone (gaps, overlaps, masking, dead grades…) of each shipped policy's model, in a warm process:
/// the part of a load that issue 4 bounds ("well under 100 ms for the largest shipped policy").
/// </summary>
[MemoryDiagnoser]
public class StaticAnalysis
{
    private Dictionary<string, Tiering.Rules.Model.PolicyDefinition> _models = [];

    [Params("loan-five-category", "loan-risk-regulatory", "credit-scorecard-example", "field-service-sla")]
    public string Policy { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var set = PolicySet.LoadDirectory(RepositoryPaths.RulesDirectory);
        _models = set.Policies.Select(p => p.Id).Distinct().ToDictionary(id => id, id => set.Find(id, null)!.Definition);
    }

    [Benchmark]
    public int Analyze() => Tiering.Rules.Analysis.PolicyAnalyzer.Analyze(_models[Policy]).Count;
}
