using System.CommandLine;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Testing;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering test &lt;dir|files&gt;… [--rules dir] [-v]</c>: runs policy test files (<c>*.tests.yaml</c>) against the
/// policies in the same directories; prints each failure with the case's file:line, expected and actual (and with
/// <c>-v</c> each passing case); the last line is <c>N passed, N failed</c>; exit 1 on any failure, 2 when no test is
/// found. A policy file that does not load is reported and left out, and every other policy's cases still run: the
/// cases of a policy that did not load each count as one failure, and so does each file (policy or test) with errors.
/// Paths are printed as given, as <c>validate</c> prints them.
/// </summary>
internal static class TestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "Rules directories, or *.tests.yaml files.", Arity = ArgumentArity.OneOrMore };
        var rules = new Option<string?>("--rules") { Description = "Load the policies from this directory (default: the directories of the tests)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list each passing case." };
        var engine = Engine.Option();
        var command = new Command("test", "Run policy test files and report every failing case.") { paths, rules, verbose, engine };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(rules), parse.GetValue(verbose), parse.GetValue(engine)!, stdout, stderr));
        return command;
    }

    private static int Run(string[] paths, string? rulesDir, bool verbose, string engineName, TextWriter stdout, TextWriter stderr)
    {
        var testFiles = new List<string>();
        var ruleDirs = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                testFiles.AddRange(PolicyTestFile.Find(path));
                ruleDirs.Add(path);
            }
            else if (File.Exists(path))
            {
                testFiles.Add(path);
                ruleDirs.Add(Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".");
            }
            else
            {
                stderr.WriteLine($"error: '{path}' is neither a file nor a directory");
                return CliApp.Usage;
            }
        }

        testFiles = [.. testFiles.DistinctBy(Path.GetFullPath)];
        if (testFiles.Count == 0)
        {
            stderr.WriteLine($"error: no tests found: no *.tests.yaml in {string.Join(", ", paths)}");
            return CliApp.Usage;
        }

        var policyFiles = (rulesDir is not null ? [rulesDir] : ruleDirs)
            .SelectMany(PolicyLoader.PolicyFiles)
            .DistinctBy(Path.GetFullPath)
            .ToList();
        var (set, broken) = LoadLeavingOutBrokenFiles(policyFiles, stderr);
        IPolicyEngine? engine = null;
        if (set is not null && (engine = Engine.Create(engineName, set, stderr)) is null)
        {
            return CliApp.Usage;
        }

        // Test files whose policy did not load: their cases cannot run; each is one failure.
        var runnable = new List<string>();
        var blockedCases = 0;
        foreach (var file in testFiles)
        {
            var outline = PolicyTestFile.Load(file);
            if (broken.Count > 0 && outline.PolicyId is { } id && (set is null || !set.Contains(id)))
            {
                foreach (var testCase in outline.Cases)
                {
                    stdout.WriteLine($"{testCase.Span.Path}:{testCase.Span.Start.Line}: FAIL {testCase.PolicyId}: {testCase.Name}");
                    stdout.WriteLine($"    policy '{id}' did not load (see the errors above)");
                }

                blockedCases += outline.Cases.Count;
                continue;
            }

            runnable.Add(file);
        }

        var passed = 0;
        var failed = blockedCases + broken.Count;
        if (set is not null && runnable.Count > 0)
        {
            var run = PolicyTestRunner.Run(engine!, runnable); // single-fact cases by Decide, cases over several facts by DecidePortfolio
            foreach (var diagnostic in run.Diagnostics)
            {
                stdout.WriteLine(diagnostic);
            }

            foreach (var result in run.Results)
            {
                if (result.Passed)
                {
                    if (verbose)
                    {
                        stdout.WriteLine($"{result.Case.Span.Path}:{result.Case.Span.Start.Line}: pass {result.Case.PolicyId}: {result.Case.Name}");
                    }

                    continue;
                }

                stdout.WriteLine($"{result.Case.Span.Path}:{result.Case.Span.Start.Line}: FAIL {result.Case.PolicyId}: {result.Case.Name}");
                foreach (var line in result.Failures)
                {
                    stdout.WriteLine($"    {line}");
                }
            }

            passed = run.PassedCount;
            failed += run.Results.Count(r => !r.Passed) + run.Files.Count(f => f.Diagnostics.Count > 0);
        }
        else if (set is null)
        {
            failed += runnable.Count;
        }

        stdout.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? CliApp.Ok : CliApp.PoliciesFailed;
    }

    /// <summary>
    /// Loads the policy files; while the set does not load, leaves out the files the errors are in and loads the rest
    /// again (a policy that chains to a left-out one fails next and is left out too). Prints each error once.
    /// </summary>
    private static (PolicySet? Set, List<string> Broken) LoadLeavingOutBrokenFiles(List<string> files, TextWriter stderr)
    {
        var broken = new List<string>();
        var printed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = files;
        while (remaining.Count > 0)
        {
            var load = PolicyLoader.LoadFiles(remaining);
            var errors = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var error in errors)
            {
                if (printed.Add(error.ToString()))
                {
                    stderr.WriteLine(error);
                }
            }

            if (load.PolicySet is { } set)
            {
                ReportLeftOut(broken, stderr);
                return (set, broken);
            }

            var bad = errors.Select(e => Path.GetFullPath(e.Span.Path)).ToHashSet(StringComparer.Ordinal);
            var next = remaining.Where(f => !bad.Contains(Path.GetFullPath(f))).ToList();
            if (next.Count == remaining.Count)
            {
                break;   // errors outside any file: nothing to leave out
            }

            broken.AddRange(remaining.Where(f => bad.Contains(Path.GetFullPath(f))));
            remaining = next;
        }

        ReportLeftOut(broken, stderr);
        stderr.WriteLine("error: the policies did not load");
        return (null, broken);
    }

    private static void ReportLeftOut(List<string> broken, TextWriter stderr)
    {
        foreach (var file in broken)
        {
            stderr.WriteLine($"error: {file} did not load; the tests of its policies cannot run");
        }
    }
}
