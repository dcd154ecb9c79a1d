namespace Tiering.Rules.Benchmarks;

/// <summary>One row as BenchmarkDotNet measured it in the gate's run.</summary>
/// <param name="Class">The benchmark class.</param>
/// <param name="Method">The benchmark method.</param>
/// <param name="IsBaseline">Whether this is the class's baseline (<c>HandWritten</c>).</param>
/// <param name="MeanNs">The mean time per operation, in nanoseconds (used only as a ratio to the baseline's).</param>
/// <param name="AllocatedBytesPerOp">Bytes allocated per operation, from the MemoryDiagnoser.</param>
internal sealed record GateMeasurement(string Class, string Method, bool IsBaseline, double MeanNs, long AllocatedBytesPerOp);
