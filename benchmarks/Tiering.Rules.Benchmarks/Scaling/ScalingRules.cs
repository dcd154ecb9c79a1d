using BenchmarkDotNet.Attributes;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// How a decision's cost grows with the rules of a policy: generated policies (<see cref="ScalingPolicies"/>) of 10 to
/// 1,000 rules over the same 50 fields, <c>Decide</c> per fact on <see cref="Fact50"/> facts, each decision read (grade
/// and fired ids) into a checksum. 64 is where the fired set stops fitting one <c>ulong</c>.
/// </summary>
[MemoryDiagnoser]
public class ScalingRules
{
    /// <summary>Facts per invocation.</summary>
    public const int Facts = 20_000;

    private const int Fields = 50;

    private Fact50[] _facts = [];
    private PolicySet _policies = null!;

    [Params(10, 30, 60, 100, 300, 1000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _facts = ScalingPolicies.Facts<Fact50>(Facts, Fields);
        _policies = ScalingPolicies.Load(Rules, Fields);
        ScalingCheck.EnsureEvery(_policies, _facts, Rules);
    }

    [Benchmark(OperationsPerInvoke = Facts)]
    public long Decide() => ScalingCheck.DecideEach(_policies, _facts);
}
