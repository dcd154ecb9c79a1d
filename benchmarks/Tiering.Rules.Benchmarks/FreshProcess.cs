using System.Globalization;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// <c>--fresh-process [launches]</c>: the cold start as a new host process pays it, which <see cref="ColdStart"/> (run
/// inside BenchmarkDotNet's process, whose own work has already warmed much of the framework: its collections, its
/// globalization, its file access) cannot show. Builds <c>benchmarks/Tiering.Rules.ColdHost</c> twice, with the package's
/// precompiled image and with the IL assembly, then starts each build <c>launches</c> times (alternating, default 20)
/// and prints the load-and-decision time each process measured of itself: median, fastest, slowest; and, apart, what a
/// second loan's decision cost those processes. Ratios and these
/// times are for this machine; compare builds run side by side, never across machines.
/// </summary>
public static class FreshProcess
{
    public const string Switch = "--fresh-process";

    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, Switch);
        var launches = at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
        var root = RepositoryPaths.RepositoryRoot;
        var project = Path.Combine(root, "benchmarks", "Tiering.Rules.ColdHost", "Tiering.Rules.ColdHost.csproj");
        var scratch = Path.Combine(Path.GetTempPath(), "tiering-coldhost-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var builds = new (string Name, string Folder, string Property)[]
        {
            ("ReadyToRun", Path.Combine(scratch, "image"), "-p:TieringReadyToRun=true"),
            ("Jit", Path.Combine(scratch, "il"), "-p:TieringReadyToRun=false"),
        };
        try
        {
            foreach (var build in builds)
            {
                output.WriteLine($"building {build.Name} host into {build.Folder}");
                if (ChildProcesses.Execute("dotnet", ["build", project, "-c", "Release", "-o", build.Folder, build.Property, "-nologo", "-v", "q"], out var log) != 0)
                {
                    output.WriteLine(log);
                    return 1;
                }
            }

            var policy = RepositoryPaths.PolicyFile(Workloads.LoanPolicy);
            var times = builds.ToDictionary(b => b.Name, _ => new List<(double Cold, double Load, double Decide, double Second, string Icu)>());
            for (var i = 0; i < launches; i++)
            {
                foreach (var build in builds)
                {
                    var host = Path.Combine(build.Folder, "Tiering.Rules.ColdHost.dll");
                    if (ChildProcesses.Execute("dotnet", [host, policy], out var line) != 0)
                    {
                        output.WriteLine($"{build.Name} host failed: {line}");
                        return 1;
                    }

                    var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    double Value(string key) => double.Parse(words[Array.IndexOf(words, key) + 1], CultureInfo.InvariantCulture);
                    times[build.Name].Add((Value("cold-ms"), Value("load-ms"), Value("decide-ms"), Value("second-ms"), words[Array.IndexOf(words, "icu") + 1]));
                }
            }

            output.WriteLine();
            output.WriteLine($"Fresh host process, {launches} launches each (alternated): load rules/loan-five-category.yaml, decide one loan, read its grade and fired ids; timed inside the process");
            output.WriteLine();
            output.WriteLine("| Tiering.Rules.dll | median | fastest | slowest | load (median) | decision (median) | second decision (median) | ICU loaded |");
            output.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var build in builds)
            {
                var runs = times[build.Name];
                var cold = runs.Select(r => r.Cold).Order().ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {build.Name} | {ChildProcesses.Median(cold):F2} ms | {cold[0]:F2} ms | {cold[^1]:F2} ms | {ChildProcesses.Median(runs.Select(r => r.Load)):F2} ms | {ChildProcesses.Median(runs.Select(r => r.Decide)):F2} ms | {ChildProcesses.Median(runs.Select(r => r.Second)):F2} ms | {runs.Count(r => r.Icu == "loaded")} of {runs.Count} |"));
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
