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
/// would take minutes. <c>HandWrittenNRules</c> is the NRules path's own baseline (issue 20: the translated path within
/// 1.2x of it): the contagion written by hand as a fluent GroupBy rule over the translated <c>loan-risk-regulatory</c>'s
/// decisions, sessions of about a thousand loans of whole debtors (<see cref="HandWrittenNRulesContagion"/>). Setup checks that all three
/// give every loan the same status, grade and fired rules.
/// </summary>
[Config(typeof(PortfolioOnNRulesConfig))]
[MemoryDiagnoser]
public class PortfolioOnNRules
{
    private static readonly DateOnly AsOf = new(2024, 1, 1);
    private PolicySet _set = null!;
    private NRulesPolicySet _nrules = null!;
    private global::NRules.ISessionFactory _handWritten = null!;
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
        _handWritten = HandWrittenNRulesContagion.Compile(RepositoryPaths.RulesDirectory, AsOf);
        var compiled = _set.DecidePortfolio("loan-risk-portfolio", _book, AsOf).Select(TieringOutcome.From).ToArray();
        var nrules = _nrules.DecidePortfolio("loan-risk-portfolio", _book, AsOf).Select(TieringOutcome.From).ToArray();
        var hand = HandWrittenNRulesContagion.Decide(_handWritten, _book);
        for (var i = 0; i < _book.Length; i++)
        {
            if (!Same(compiled[i], nrules[i]) || !Same(compiled[i], hand[i]))
            {
                throw new InvalidOperationException($"loan {i + 1} ({_book[i].DebtorId}): compiled {compiled[i]}, NRules {nrules[i]}, hand-written NRules {hand[i]}");
            }
        }

        static bool Same(Outcome a, Outcome b) => a.Status == b.Status && a.Grade == b.Grade && a.Fired.SequenceEqual(b.Fired);
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

    [Benchmark]
    public int HandWrittenNRules()
    {
        _sink = 0;
        foreach (var outcome in HandWrittenNRulesContagion.Decide(_handWritten, _book))
        {
            _sink += outcome.Grade?.Length ?? 0;
        }

        return _sink;
    }

    private sealed class PortfolioOnNRulesConfig : ManualConfig
    {
        public PortfolioOnNRulesConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
