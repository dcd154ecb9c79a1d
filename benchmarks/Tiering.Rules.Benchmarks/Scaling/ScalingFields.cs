using BenchmarkDotNet.Attributes;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// How a decision's cost grows with the fields of a fact: generated policies (<see cref="ScalingPolicies"/>) of 30 rules
/// over 5, 50 and 250 fields, every field declared, validated and read by some rule; <c>Decide</c> per fact, each
/// decision read into a checksum.
/// </summary>
[MemoryDiagnoser]
public class ScalingFields
{
    private const int Rules = 30;

    private Func<long> _run = null!;

    [Params(5, 50, 250)]
    public int Fields { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var policies = ScalingPolicies.Load(Rules, Fields);
        _run = Fields switch
        {
            5 => Prepare<Fact5>(policies),
            50 => Prepare<Fact50>(policies),
            250 => Prepare<Fact250>(policies),
            _ => throw new InvalidOperationException($"no fact type of {Fields} fields"),
        };
    }

    private Func<long> Prepare<TFact>(PolicySet policies)
        where TFact : class, new()
    {
        var facts = ScalingPolicies.Facts<TFact>(ScalingRules.Facts, Fields);
        ScalingCheck.EnsureEvery(policies, facts, Rules);
        return () => ScalingCheck.DecideEach(policies, facts);
    }

    [Benchmark(OperationsPerInvoke = ScalingRules.Facts)]
    public long Decide() => _run();
}
