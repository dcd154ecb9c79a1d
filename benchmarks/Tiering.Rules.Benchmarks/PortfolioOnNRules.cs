using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The group policy <c>loan-risk-portfolio</c> on the NRules backend against the compiled engine (the baseline), on a
/// smaller book than <see cref="PortfolioThroughput"/>: the NRules path decides each member's chained decision and the
/// member itself in sessions of their own (the grouping and aggregates are the core's accumulators), so a million loans
/// would take minutes. The hand-written NRules fluent contagion baseline the issue asks for is not written yet.
/// </summary>
[Config(typeof(PortfolioOnNRulesConfig))]
[MemoryDiagnoser]
public class PortfolioOnNRules
{
    private static readonly DateOnly AsOf = new(2024, 1, 1);
    private PolicySet _set = null!;
    private NRulesPolicySet _nrules = null!;
    private PortfolioLoan[] _book = [];
    private int _sink;

    /// <summary>Loans in the book.</summary>
    [Params(20_000)]
    public int Loans { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = PolicySet.LoadDirectory(RepositoryPaths.RulesDirectory).Prepare();
        _nrules = NRulesPolicySet.Create(_set).Prepare();
        _book = PortfolioLoan.Book(Loans, seed: 20);
    }

    [Benchmark(Baseline = true)]
    public int Compiled()
    {
        _sink = 0;
        _set.DecidePortfolio("loan-risk-portfolio", _book, d => _sink += d.Grade?.Rank ?? 0, AsOf);
        return _sink;
    }

    [Benchmark]
    public int NRules()
    {
        _sink = 0;
        _nrules.DecidePortfolio("loan-risk-portfolio", _book, d => _sink += d.Grade?.Rank ?? 0, AsOf);
        return _sink;
    }

    private sealed class PortfolioOnNRulesConfig : ManualConfig
    {
        public PortfolioOnNRulesConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
