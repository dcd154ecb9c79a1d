using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// Issue 20's target: a loan book through the group policy <c>loan-risk-portfolio</c> (each loan's own category from
/// <c>loan-risk-regulatory</c>, grouped by debtor, the debtor's non-performing share, 第七条's contagion) within 3x the
/// time of deciding the same loans one by one with <c>loan-risk-regulatory</c> in a streaming batch (the baseline), on
/// the compiled engine. One operation is the whole book; decisions are handed to a sink that keeps nothing, so
/// <c>Allocated</c> ÷ loans is what a run allocates per loan (a run holds per loan a snapshot of its bound frame and a
/// group id until its pass two, and per debtor a row of its group table). <c>PortfolioSorted</c> is the same book sorted by debtor, streamed group by group.
/// </summary>
[Config(typeof(PortfolioConfig))]
[MemoryDiagnoser]
public class PortfolioThroughput
{
    private static readonly DateOnly AsOf = new(2024, 1, 1);
    private PolicySet _set = null!;
    private PortfolioLoan[] _book = [];
    private PortfolioLoan[] _sorted = [];
    private int _sink;

    /// <summary>Loans in the book.</summary>
    [Params(1_000_000)]
    public int Loans { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = PolicySet.LoadDirectory(RepositoryPaths.RulesDirectory).Prepare();
        _book = PortfolioLoan.Book(Loans, seed: 20);
        _sorted = [.. _book.OrderBy(l => l.DebtorId, StringComparer.Ordinal)];
    }

    [Benchmark(Baseline = true)]
    public int RegulatoryBatch()
    {
        _sink = 0;
        _set.DecideMany("loan-risk-regulatory", _book.AsSpan(), (_, d) => _sink += d.Grade?.Rank ?? 0, AsOf);
        return _sink;
    }

    [Benchmark]
    public int Portfolio()
    {
        _sink = 0;
        _set.DecidePortfolio("loan-risk-portfolio", _book, d => _sink += d.Grade?.Rank ?? 0, AsOf);
        return _sink;
    }

    [Benchmark]
    public int PortfolioSorted()
    {
        _sink = 0;
        _set.DecidePortfolio("loan-risk-portfolio", _sorted, d => _sink += d.Grade?.Rank ?? 0, AsOf, sortedByKey: true);
        return _sink;
    }

    private sealed class PortfolioConfig : ManualConfig
    {
        public PortfolioConfig() =>
            // In process, as ImpactVsClassify: one operation takes about a second, so a few iterations suffice.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}

/// <summary>One loan of a generated book: the portfolio's fields and loan-risk-regulatory 2023's.</summary>
public sealed class PortfolioLoan
{
    public string DebtorId { get; init; } = string.Empty;

    public decimal Balance { get; init; }

    public bool NonRetail { get; init; }

    public int OverdueDays { get; init; }

    public bool TechnicalOverdue { get; init; }

    public bool CreditImpaired { get; init; }

    public decimal EclToCarrying { get; init; }

    public decimal Overdue90ShareAllBanks { get; init; }

    public bool Restructured { get; init; }

    public string PriorCategory { get; init; } = "normal";

    /// <summary>A book of debtors with 1 to 20 loans (mean about 4), interleaved; about 8% of loans overdue past 90 days.</summary>
    public static PortfolioLoan[] Book(int count, int seed)
    {
        var random = new Random(seed);
        var loans = new List<PortfolioLoan>(count);
        var debtor = 0;
        while (loans.Count < count)
        {
            var id = $"D{debtor++:0000000}";
            var nonRetail = random.Next(3) != 0;
            var n = Math.Min(count - loans.Count, 1 + (int)(random.NextDouble() * random.NextDouble() * 20));
            for (var i = 0; i < n; i++)
            {
                var overdue = random.Next(100) switch { < 8 => 91 + random.Next(400), < 20 => 1 + random.Next(90), _ => 0 };
                loans.Add(new PortfolioLoan
                {
                    DebtorId = id,
                    Balance = Math.Round((decimal)random.NextDouble() * 1_000_000m, 2),
                    NonRetail = nonRetail,
                    OverdueDays = overdue,
                    CreditImpaired = overdue > 180,
                    EclToCarrying = overdue > 180 ? 0.6m : 0m,
                });
            }
        }

        // Interleave the debtors (a book is rarely in debtor order): a fixed shuffle.
        for (var i = loans.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (loans[i], loans[j]) = (loans[j], loans[i]);
        }

        return [.. loans];
    }
}
