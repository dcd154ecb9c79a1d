using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Tiering.Rules.Cli;
using Tiering.Rules.Samples.DataGenerator;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// Issue 21's target: <c>tiering impact</c> over a loan book within 2.5x the time of one <c>tiering classify</c> of the
/// same file, memory flat in the input size. Both commands run in-process (<c>CliApp.Run</c>, as the tool does) on the
/// same CSV, written once per size by the sample book's generator (<c>samples/DataGenerator/LoanBook.cs</c>: both
/// versions' fields, five broken records): <c>Classify</c> (baseline) decides every loan under the 2023 version and
/// writes its JSON lines to a file; <c>Impact</c> decides every loan under 2007 and 2023, counts the matrix, the rules
/// and the examples, and writes the <c>--json</c> result. One operation is one whole run; each iteration is one run, in the benchmark's own process
/// (a run of a million loans takes seconds, so a few iterations suffice). Peak memory: the process's peak working set
/// after each run, in the <c>PeakWorkingSetMB</c> column of the results file (BenchmarkDotNet's <c>Allocated</c> counts
/// every allocation, not what is live at once).
/// </summary>
[Config(typeof(ImpactVsClassifyConfig))]
[MemoryDiagnoser]
public class ImpactVsClassify
{
    private string _book = string.Empty;
    private string _output = string.Empty;

    /// <summary>Loans in the book.</summary>
    [Params(100_000, 1_000_000)]
    public int Loans { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tiering-bench-books");
        Directory.CreateDirectory(directory);
        _book = Path.Combine(directory, $"loan-book-{Loans}.csv");
        if (!File.Exists(_book))
        {
            using var writer = new StreamWriter(_book, append: false, new UTF8Encoding(false), 1 << 16);
            LoanBook.WriteCsv(writer, Loans);
        }

        _output = Path.Combine(directory, $"out-{Environment.ProcessId}");
        Directory.CreateDirectory(_output);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// peak working set after {Loans:N0} loans: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        Directory.Delete(_output, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int Classify() => Run(
        "classify", "--rules", RepositoryPaths.RulesDirectory, "--policy", "loan-risk-regulatory", "--as-of", "2023-07-01",
        "--input", _book, "--output", Path.Combine(_output, "classify.jsonl"), "--no-progress");

    [Benchmark]
    public int Impact() => Run(
        "impact", "--policy", "loan-risk-regulatory", "--input", _book,
        "--before", RepositoryPaths.RulesDirectory, "--before-as-of", "2023-06-30", "--after", RepositoryPaths.RulesDirectory, "--after-as-of", "2023-07-01",
        "--weight", "balance", "--json", Path.Combine(_output, "impact.json"));

    private static int Run(params string[] args)
    {
        var exit = CliApp.Run(args, TextWriter.Null, TextWriter.Null, TextReader.Null);
        return exit == 0 ? exit : throw new InvalidOperationException($"tiering {args[0]} exited with {exit}");
    }

    private sealed class ImpactVsClassifyConfig : ManualConfig
    {
        public ImpactVsClassifyConfig() =>
            // In process: one run takes seconds, so the harness's own overhead does not matter, and there is no project
            // to generate and build for it (which, on a busy 2-core machine, can outlast BenchmarkDotNet's build timeout).
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
