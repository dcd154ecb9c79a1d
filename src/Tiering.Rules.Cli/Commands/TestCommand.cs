using System.CommandLine;
using Tiering.Rules.Testing;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering test &lt;dir|files&gt;…</c>: runs policy test files (<c>*.tests.yaml</c>) against the policies in the same
/// directories; prints each failure with the case's file:line, expected and actual; the last line is
/// <c>N passed, N failed</c>; exit 1 on any failure.
/// </summary>
internal static class TestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "Rules directories, or *.tests.yaml files.", Arity = ArgumentArity.OneOrMore };
        var rules = new Option<string?>("--rules") { Description = "Load the policies from this directory (default: the directories of the tests)." };
        var engine = Engine.Option();
        var command = new Command("test", "Run policy test files and report every failing case.") { paths, rules, engine };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(rules), parse.GetValue(engine)!, stdout, stderr));
        return command;
    }

    private static int Run(string[] paths, string? rulesDir, string engineName, TextWriter stdout, TextWriter stderr)
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
                ruleDirs.Add(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }
            else
            {
                stderr.WriteLine($"error: '{path}' is neither a file nor a directory");
                return CliApp.Usage;
            }
        }

        var policyFiles = (rulesDir is not null ? [rulesDir] : ruleDirs.Distinct())
            .SelectMany(PolicyLoader.PolicyFiles)
            .Select(Path.GetFullPath)
            .Distinct()
            .ToList();
        var load = PolicyLoader.LoadFiles(policyFiles);
        if (load.PolicySet is not { } set)
        {
            foreach (var diagnostic in load.Diagnostics)
            {
                stderr.WriteLine(diagnostic);
            }

            stderr.WriteLine("error: the policies did not load");
            stdout.WriteLine("0 passed, 1 failed");
            return CliApp.PoliciesFailed;
        }

        if (Engine.Create(engineName, set, stderr) is not { } engine)
        {
            return CliApp.Usage;
        }

        var run = PolicyTestRunner.Run(set, testFiles, c => engine.Decide(c.PolicyId, c.Facts, c.AsOf));
        foreach (var diagnostic in run.Diagnostics)
        {
            stdout.WriteLine(diagnostic);
        }

        foreach (var failure in run.Results.Where(r => !r.Passed))
        {
            stdout.WriteLine($"{failure.Case.Span.Path}:{failure.Case.Span.Start.Line}: FAIL {failure.Case.PolicyId}: {failure.Case.Name}");
            foreach (var line in failure.Failures)
            {
                stdout.WriteLine($"    {line}");
            }
        }

        stdout.WriteLine($"{run.PassedCount} passed, {run.FailedCount} failed");
        return run.Succeeded ? CliApp.Ok : CliApp.PoliciesFailed;
    }
}
