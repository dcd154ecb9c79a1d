using System.Globalization;

namespace Tiering.Rules.Benchmarks;

/// <summary>Judges the gate's measurements against its thresholds: ratios to the same-run baseline and bytes per operation.</summary>
internal static class GateVerdict
{
    /// <summary>
    /// One result per measured row (baselines first, then the gated rows, each class in turn). A gated row with no
    /// measurement, or a class without a measured baseline, is an error: the gate must not pass what it did not measure.
    /// </summary>
    /// <exception cref="InvalidOperationException">A gated row or a class's baseline was not measured.</exception>
    public static IReadOnlyList<GateRowResult> Judge(IReadOnlyList<GateThreshold> thresholds, IReadOnlyList<GateMeasurement> measurements)
    {
        var results = new List<GateRowResult>();
        foreach (var type in thresholds.Select(t => t.Class).Distinct(StringComparer.Ordinal))
        {
            var baseline = measurements.SingleOrDefault(m => m.Class == type && m.IsBaseline)
                ?? throw new InvalidOperationException($"{type}: the baseline was not measured, so no ratio can be taken");
            if (!(baseline.MeanNs > 0))
            {
                throw new InvalidOperationException($"{type}.{baseline.Method}: the baseline's mean is {baseline.MeanNs.ToString(CultureInfo.InvariantCulture)} ns, so no ratio can be taken");
            }

            results.Add(new GateRowResult(type, baseline.Method, 1.0, baseline.AllocatedBytesPerOp, null, []));
            foreach (var threshold in thresholds.Where(t => t.Class == type))
            {
                var row = measurements.SingleOrDefault(m => m.Class == type && m.Method == threshold.Method)
                    ?? throw new InvalidOperationException($"{type}.{threshold.Method}: gated but not measured");
                var ratio = row.MeanNs / baseline.MeanNs;
                var failures = new List<string>();
                if (ratio > threshold.MaxRatio)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{type}.{row.Method}: {ratio:0.00}x {baseline.Method}, over the threshold of {threshold.MaxRatio:0.00}x"));
                }

                if (row.AllocatedBytesPerOp > threshold.MaxAllocatedBytesPerOp)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{type}.{row.Method}: allocates {row.AllocatedBytesPerOp} B per operation, over the threshold of {threshold.MaxAllocatedBytesPerOp} B"));
                }

                results.Add(new GateRowResult(type, row.Method, ratio, row.AllocatedBytesPerOp, threshold, failures));
            }
        }

        return results;
    }
}
