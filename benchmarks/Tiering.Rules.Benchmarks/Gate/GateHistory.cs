using System.Globalization;
using System.Text;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The CI gate's results history, <c>benchmarks/results/ci-gate-history.md</c>: one markdown table, one line per row per
/// run (UTC date, commit, machine, load, ratio to the same-run baseline, bytes per operation, thresholds, verdict).
/// Every gate run appends to it; the runs made on the development machine are committed.
/// </summary>
internal static class GateHistory
{
    /// <summary>The file's path relative to the repository root.</summary>
    public const string RelativePath = "benchmarks/results/ci-gate-history.md";

    private const string Header = """
        # CI benchmark gate: results history

        Appended by every run of `dotnet run -c Release --project benchmarks/Tiering.Rules.Benchmarks -- --ci-gate` (which
        `.ci/run` runs after the tests); thresholds in `benchmarks/ci-gate.json`, explained in `benchmarks/README.md`
        ("The CI gate"). Ratio: the row's Mean ÷ `HandWritten`'s Mean in the same run (short job: 1 launch, 3 warm-up and
        3 measured iterations). Allocated: bytes per fact (MemoryDiagnoser). Load: the 1-minute load average at the start
        and the end of the run. A commit marked `+dirty` was measured with uncommitted changes. A ratio written `1.84 → 1.45`
        was over its threshold in the first measurement and measured again with its baseline (up to twice since 2026-12-04;
        once before); the last measurement decides.

        | date (UTC) | commit | machine | load | .NET | class | row | ratio | max ratio | allocated B/op | max B/op | verdict |
        |---|---|---|---|---|---|---|---:|---:|---:|---:|---|
        """;

    /// <summary>The table lines of one run, as appended.</summary>
    public static IReadOnlyList<string> Lines(GateRun run, IReadOnlyList<GateRowResult> results) =>
        results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {run.DateUtc} | {run.Commit} | {run.Machine} | {run.Load} | {run.Runtime} | {r.Class} | {r.Method} | {r.RatioText} | {(r.Threshold is null ? "–" : r.Threshold.MaxRatio.ToString("0.00", CultureInfo.InvariantCulture))} | {r.AllocatedBytesPerOp} | {(r.Threshold is null ? "–" : r.Threshold.MaxAllocatedBytesPerOp.ToString(CultureInfo.InvariantCulture))} | {r.Verdict} |"))
        .ToList();

    /// <summary>Appends one run to the file at <paramref name="path"/>, writing the header first when the file is new.</summary>
    public static void Append(string path, GateRun run, IReadOnlyList<GateRowResult> results)
    {
        var text = new StringBuilder();
        if (!File.Exists(path))
        {
            text.Append(Header.ReplaceLineEndings("\n")).Append('\n');
        }

        foreach (var line in Lines(run, results))
        {
            text.Append(line).Append('\n');
        }

        File.AppendAllText(path, text.ToString());
    }
}
