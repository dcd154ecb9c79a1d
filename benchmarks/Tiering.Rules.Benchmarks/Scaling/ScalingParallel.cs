using BenchmarkDotNet.Attributes;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// <c>DecideMany</c> on every core against one thread: the loan workload (100,000 loans) cut into one contiguous slice
/// per core (<see cref="Environment.ProcessorCount"/>), each slice decided by its own thread with the span
/// <c>DecideMany</c> in chunks of 4,096 into the thread's own buffer and read into its own checksum; the compiled
/// <see cref="PolicySet"/> is shared (it is immutable and thread-safe). Per fact; the speedup is
/// <c>OneThread</c> ÷ <c>AllCores</c>.
/// </summary>
[MemoryDiagnoser]
public class ScalingParallel
{
    private const int Chunk = 4096;

    private LoanPoco[] _facts = [];
    private PolicySet _policies = null!;
    private Decision[][] _buffers = [];
    private long[] _sums = [];

    [GlobalSetup]
    public void Setup()
    {
        _facts = Workloads.Loans();
        _policies = PolicySet.LoadFiles([RepositoryPaths.PolicyFile(Workloads.LoanPolicy)]);
        _buffers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Decision[Chunk]).ToArray();
        _sums = new long[Environment.ProcessorCount];

        // Both forms give every loan the decision HandWritten gives it (the parallel one written into one array by slice).
        var engines = LoanEngines.Create();
        var expected = new Outcome[_facts.Length];
        engines.HandWritten(_facts, expected);
        var actual = new Outcome[_facts.Length];
        Parallel.For(0, _buffers.Length, slice =>
        {
            var sink = new OutcomeArray(actual);
            DecideSlice(slice, _buffers.Length, ref sink);
        });
        var disagreements = AgreementCheck.Compare(Workloads.LoanPolicy, nameof(AllCores), _facts, expected, actual);
        if (disagreements.Count > 0)
        {
            throw new AgreementException(disagreements[0].ToString());
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    public long OneThread()
    {
        var sink = new OutcomeChecksum();
        DecideSlice(0, 1, ref sink);
        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long AllCores()
    {
        var sums = _sums;
        Parallel.For(0, _buffers.Length, slice =>
        {
            var sink = new OutcomeChecksum();
            DecideSlice(slice, _buffers.Length, ref sink);
            sums[slice] = sink.Sum;
        });
        return sums.Sum();
    }

    /// <summary>Decides slice <paramref name="slice"/> of <paramref name="slices"/> contiguous slices of the workload.</summary>
    private void DecideSlice<TSink>(int slice, int slices, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        var facts = _facts;
        var from = (int)((long)facts.Length * slice / slices);
        var to = (int)((long)facts.Length * (slice + 1) / slices);
        var buffer = _buffers[slice];
        for (var start = from; start < to; start += Chunk)
        {
            var count = Math.Min(Chunk, to - start);
            _policies.DecideMany(Workloads.LoanPolicy, new ReadOnlySpan<LoanPoco>(facts, start, count), buffer.AsSpan(0, count));
            for (var j = 0; j < count; j++)
            {
                sink.Put(start + j, TieringOutcome.From(buffer[j]));
            }
        }
    }
}
