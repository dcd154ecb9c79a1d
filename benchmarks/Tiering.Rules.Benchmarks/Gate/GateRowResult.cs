namespace Tiering.Rules.Benchmarks;

/// <summary>One row of the gate's table: its ratio to the same-run baseline, its allocation, its thresholds and what failed.</summary>
/// <param name="Class">The benchmark class.</param>
/// <param name="Method">The benchmark method.</param>
/// <param name="Ratio">Mean ÷ the class baseline's Mean in the same run (1 for the baseline).</param>
/// <param name="AllocatedBytesPerOp">Bytes allocated per operation.</param>
/// <param name="Threshold">The row's thresholds; null for the baseline, which is not gated.</param>
/// <param name="Failures">Why the row fails; empty when it passes.</param>
internal sealed record GateRowResult(string Class, string Method, double Ratio, long AllocatedBytesPerOp, GateThreshold? Threshold, IReadOnlyList<string> Failures)
{
    /// <summary>When the row was measured again (its first ratio passed its threshold), the first run's ratio (and
    /// <see cref="Ratio"/> the last measurement's, which decides); else null.</summary>
    public double? FirstRunRatio { get; init; }

    /// <summary>The ratio column: <c>1.23</c>, or <c>1.84 → 1.45</c> (first → last) for a row measured again.</summary>
    public string RatioText => FirstRunRatio is { } first
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first:0.00} → {Ratio:0.00}")
        : Ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the row failed on its ratio alone (the case a second measurement may clear; bytes are deterministic).</summary>
    public bool FailsOnRatioOnly => Failures.Count > 0 && Threshold is not null && Ratio > Threshold.MaxRatio && AllocatedBytesPerOp <= Threshold.MaxAllocatedBytesPerOp;

    /// <summary>The verdict column: <c>baseline</c>, <c>ok</c> or <c>FAIL</c>.</summary>
    public string Verdict => Threshold is null ? "baseline" : Failures.Count == 0 ? "ok" : "FAIL";
}
