namespace Tiering.Rules.Benchmarks;

/// <summary>One gated row of the CI gate: a benchmark method of a throughput class and what it may cost.</summary>
/// <param name="Class">The benchmark class, for example <c>LoanThroughput</c>.</param>
/// <param name="Method">The benchmark method, for example <c>TieringRules</c>.</param>
/// <param name="MaxRatio">The largest Mean allowed, as a multiple of the class's baseline Mean in the same run.</param>
/// <param name="MaxAllocatedBytesPerOp">The most bytes the row may allocate per operation (per fact).</param>
internal sealed record GateThreshold(string Class, string Method, double MaxRatio, long MaxAllocatedBytesPerOp);
