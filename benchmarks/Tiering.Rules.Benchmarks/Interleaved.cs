using System.Diagnostics;
using System.Globalization;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// <c>--interleaved [processes]</c>: the loan and AUM throughput rows timed in one process, a pass of each row in turn,
/// so that what the machine does meanwhile (another tenant, a slow phase) falls on every row at once, if not always
/// equally (rows that touch more memory per fact slow more under another tenant's load). BenchmarkDotNet
/// runs each row in a process of its own, one after another, and its ratios also carry how the machine and each
/// process's compiled loop happened to be at the time (benchmarks/README.md, issue 25, session 13: the same code
/// measured 0.67x to 1.69x in one afternoon). Here each of <c>processes</c> fresh processes per class (default 3)
/// builds the benchmark class as BenchmarkDotNet does (its <c>[GlobalSetup]</c>, with the agreement check over the
/// timed engines), then runs <see cref="Passes"/> passes; a pass calls each row's benchmark method once, in order,
/// each over the whole 100,000-fact workload. A row's figure is the median of its last <see cref="Passes"/>/2 passes
/// (the first half is left to the runtime's tiered compilation), per fact; the ratio is to <c>HandWritten</c>'s in the
/// same process. A second view next to BenchmarkDotNet's, not a replacement: the rows share the process's caches, and
/// each still runs the loop its process compiled.
/// </summary>
public static class Interleaved
{
    /// <summary>The switch that runs this mode.</summary>
    public const string Switch = "--interleaved";

    /// <summary>The switch a child process runs with: the class's name follows.</summary>
    public const string ProcessSwitch = "--interleaved-process";

    /// <summary>Passes per process.</summary>
    public const int Passes = 200;

    // The rows, in the order a pass runs them; the first is the baseline.
    private static readonly string[] Rows = [nameof(LoanThroughput.HandWritten), nameof(LoanThroughput.TieringRules), nameof(LoanThroughput.TieringRulesBatch), nameof(LoanThroughput.TieringRulesSpanBatch), nameof(LoanThroughput.HandWrittenSpanBatch)];

    private static readonly string[] Classes = [nameof(LoanThroughput), nameof(AumThroughput)];

    /// <summary>Starts the child processes, class by class, and prints a table per class.</summary>
    /// <returns>0, or 1 when a child process failed (its output is printed).</returns>
    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, Switch);
        var processes = at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
        output.WriteLine($"Interleaved: {processes} processes per class, {Passes} passes each (every row once per pass, in turn), median of the last {Passes / 2}; ns per fact and the ratio to HandWritten in the same process");
        foreach (var name in Classes)
        {
            var perProcess = new List<double[]>();
            for (var p = 0; p < processes; p++)
            {
                if (ChildProcesses.ExecuteSelf([ProcessSwitch, name], out var printed) != 0)
                {
                    output.WriteLine($"{name}: process {p + 1} failed:");
                    output.WriteLine(printed);
                    return 1;
                }

                // The child's result line: "ns" and one figure per row (whatever else it printed, on either stream).
                var result = printed.Split('\n').Last(line => line.StartsWith("ns ", StringComparison.Ordinal));
                perProcess.Add([.. result.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture))]);
            }

            output.WriteLine();
            output.WriteLine($"{name}:");
            output.WriteLine();
            output.WriteLine($"| process | {string.Join(" | ", Rows)} |");
            output.WriteLine($"|---|{string.Concat(Rows.Select(_ => "---|"))}");
            for (var p = 0; p < perProcess.Count; p++)
            {
                var ns = perProcess[p];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {p + 1} | {string.Join(" | ", ns.Select((v, i) => i == 0 ? $"{v:F2} ns" : $"{v:F2} ns ({v / ns[0]:F2}x)"))} |"));
            }

            var ratios = Enumerable.Range(1, Rows.Length - 1).Select(i => ChildProcesses.Median(perProcess.Select(ns => ns[i] / ns[0])));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| median ratio | 1.00x | {string.Join(" | ", ratios.Select(r => $"{r:F2}x"))} |"));
        }

        return 0;
    }

    /// <summary>In a child process: sets up the class named after <see cref="ProcessSwitch"/>, runs the passes, prints the medians.</summary>
    public static int RunProcess(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, ProcessSwitch);
        var name = at + 1 < args.Length ? args[at + 1] : string.Empty;

        // The agreement check in [GlobalSetup] runs the timed engines only, as in the CI gate's processes.
        Environment.SetEnvironmentVariable(CheckedEngines.Variable, string.Join(',', Rows.Skip(1)));
        Func<long>[] rows;
        switch (name)
        {
            case nameof(LoanThroughput):
                var loan = new LoanThroughput();
                loan.Setup();
                rows = [loan.HandWritten, loan.TieringRules, loan.TieringRulesBatch, loan.TieringRulesSpanBatch, loan.HandWrittenSpanBatch];
                break;
            case nameof(AumThroughput):
                var aum = new AumThroughput();
                aum.Setup();
                rows = [aum.HandWritten, aum.TieringRules, aum.TieringRulesBatch, aum.TieringRulesSpanBatch, aum.HandWrittenSpanBatch];
                break;
            default:
                output.WriteLine($"unknown class '{name}'; expected one of {string.Join(", ", Classes)}");
                return 2;
        }

        var times = rows.Select(_ => new double[Passes]).ToArray();
        for (var pass = 0; pass < Passes; pass++)
        {
            var checksums = new long[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                var start = Stopwatch.GetTimestamp();
                checksums[r] = rows[r]();
                times[r][pass] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Workloads.Size;
            }

            // Every row reads the same outcomes into its checksum (the agreement check compared them fact by fact).
            if (Array.FindIndex(checksums, c => c != checksums[0]) is var differs and > 0)
            {
                output.WriteLine($"{Rows[differs]}'s checksum {checksums[differs]} is not {Rows[0]}'s {checksums[0]} (pass {pass + 1})");
                return 1;
            }
        }

        output.WriteLine("ns " + string.Join(' ', times.Select(t => ChildProcesses.Median(t.Skip(Passes / 2)).ToString("F3", CultureInfo.InvariantCulture))));
        return 0;
    }
}
