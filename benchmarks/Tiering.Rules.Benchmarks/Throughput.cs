using BenchmarkDotNet.Attributes;

namespace Tiering.Rules.Benchmarks;

// Each benchmark method decides the whole 100,000-fact workload per invocation, producing an Outcome per fact (fired
// ids materialised) that is read into a checksum and then dropped, as a streaming host does; with
// OperationsPerInvoke = Workloads.Size the Mean column is per fact. [GlobalSetup] first runs the agreement check over
// the very same runs and throws (stopping the run) if any engine disagrees with HandWritten on any fact.

/// <summary><c>loan-five-category</c>: 21 rules, worst-of, default normal, scope amount &gt; 5,000,000.</summary>
[MemoryDiagnoser]
public class LoanThroughput
{
    private LoanPoco[] _facts = [];
    private LoanEngines _engines = null!;

    [GlobalSetup]
    public void Setup()
    {
        _facts = Workloads.Loans();
        _engines = LoanEngines.Create();
        AgreementCheck.EnsureAgreement(_engines, _facts);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    public long HandWritten()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWritten(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long HandWrittenAllocating()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWrittenAllocating(_facts, ref sink);
        return sink.Sum;
    }

    /// <summary>The hand-written classifier in the span batch's two passes: what that shape costs without the engine.</summary>
    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long HandWrittenSpanBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWrittenSpanBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRules()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRules(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRulesBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesSpanBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRulesSpanBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long RulesEngine()
    {
        var sink = new OutcomeChecksum();
        _engines.RulesEngine(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long NRules()
    {
        var sink = new OutcomeChecksum();
        _engines.NRules(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long NRulesBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.NRulesBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long HandWrittenNRules()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWrittenNRules(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long HandWrittenNRulesBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWrittenNRulesBatch(_facts, ref sink);
        return sink.Sum;
    }
}

/// <summary><c>retail-aum-tier</c>: five [from, to) bands, first match, below 1,000 untiered.</summary>
[MemoryDiagnoser]
public class AumThroughput
{
    private AumCustomer[] _facts = [];
    private AumEngines _engines = null!;

    [GlobalSetup]
    public void Setup()
    {
        _facts = Workloads.AumCustomers();
        _engines = AumEngines.Create();
        AgreementCheck.EnsureAgreement(_engines, _facts);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    public long HandWritten()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWritten(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long HandWrittenAllocating()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWrittenAllocating(_facts, ref sink);
        return sink.Sum;
    }

    /// <summary>The hand-written classifier in the span batch's two passes: what that shape costs without the engine.</summary>
    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long HandWrittenSpanBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWrittenSpanBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRules()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRules(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRulesBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesSpanBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRulesSpanBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long RulesEngine()
    {
        var sink = new OutcomeChecksum();
        _engines.RulesEngine(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long NRules()
    {
        var sink = new OutcomeChecksum();
        _engines.NRules(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long NRulesBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.NRulesBatch(_facts, ref sink);
        return sink.Sum;
    }
}

/// <summary><c>star-rating</c>: six bands (one open at both ends), first match, 0 not rated.</summary>
[MemoryDiagnoser]
public class StarThroughput
{
    private StarCustomer[] _facts = [];
    private StarEngines _engines = null!;

    [GlobalSetup]
    public void Setup()
    {
        _facts = Workloads.StarCustomers();
        _engines = StarEngines.Create();
        AgreementCheck.EnsureAgreement(_engines, _facts);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    public long HandWritten()
    {
        var sink = new OutcomeChecksum();
        _engines.HandWritten(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRules()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRules(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRulesBatch(_facts, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesSpanBatch()
    {
        var sink = new OutcomeChecksum();
        _engines.TieringRulesSpanBatch(_facts, ref sink);
        return sink.Sum;
    }
}
