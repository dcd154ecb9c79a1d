using BenchmarkDotNet.Attributes;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// How a batch's cost per fact changes with its size: the loan workload (100,000 loans of <c>loan-five-category</c>)
/// decided with the span <c>DecideMany</c> in batches of 1 to 100,000 facts into a buffer of the batch's size, each
/// batch read into outcomes before the next; next to <c>Decide</c> per fact and the hand-written classifier. Per fact.
/// </summary>
[MemoryDiagnoser]
public class ScalingBatch
{
    private LoanPoco[] _facts = [];
    private PolicySet _policies = null!;
    private Decision[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _facts = Workloads.Loans();
        var engines = LoanEngines.Create();
        AgreementCheck.EnsureAgreement(engines, _facts);
        _policies = PolicySet.LoadFiles([RepositoryPaths.PolicyFile(Workloads.LoanPolicy)]);
        _buffer = new Decision[_facts.Length];

        // What is timed is what was checked: every batch size agrees with HandWritten on every loan.
        var expected = new Outcome[_facts.Length];
        engines.HandWritten(_facts, expected);
        foreach (var size in new[] { 1, 64, 4096, Workloads.Size })
        {
            var actual = new Outcome[_facts.Length];
            var sink = new OutcomeArray(actual);
            Run(size, ref sink);
            var disagreements = AgreementCheck.Compare(Workloads.LoanPolicy, $"DecideMany({size})", _facts, expected, actual);
            if (disagreements.Count > 0)
            {
                throw new AgreementException(disagreements[0].ToString());
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    public long HandWritten()
    {
        var sink = new OutcomeChecksum();
        for (var i = 0; i < _facts.Length; i++)
        {
            sink.Put(i, Benchmarks.HandWritten.Loan(_facts[i]));
        }

        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long Decide()
    {
        var sink = new OutcomeChecksum();
        for (var i = 0; i < _facts.Length; i++)
        {
            sink.Put(i, TieringOutcome.From(_policies.Decide(Workloads.LoanPolicy, _facts[i])));
        }

        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    [Arguments(1)]
    [Arguments(64)]
    [Arguments(4096)]
    [Arguments(Workloads.Size)]
    public long DecideMany(int batchSize)
    {
        var sink = new OutcomeChecksum();
        Run(batchSize, ref sink);
        return sink.Sum;
    }

    private void Run<TSink>(int batchSize, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var facts = _facts;
        var buffer = _buffer;
        for (var start = 0; start < facts.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, facts.Length - start);
            _policies.DecideMany(Workloads.LoanPolicy, new ReadOnlySpan<LoanPoco>(facts, start, count), buffer.AsSpan(0, count));
            for (var j = 0; j < count; j++)
            {
                sink.Put(start + j, TieringOutcome.From(buffer[j]));
            }
        }
    }
}
