using System.CommandLine;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Cli.Commands;

/// <summary><c>tiering validate &lt;dir|file&gt;…</c>: loads the policies together and prints every diagnostic.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy files or directories of policies.", Arity = ArgumentArity.ZeroOrMore };
        var rules = new Option<string[]>("--rules")
        {
            Description = "A rules directory, as the other commands take it (the same as giving it as a path).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Exit 1 on warnings too." };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also print information diagnostics, and which files the subset YAML reader left to YamlDotNet and why.",
        };
        var command = new Command("validate", "Check policy files and print diagnostics as file:line:col: severity code: message.")
        {
            paths, rules, warningsAsErrors, verbose,
        };
        command.SetAction(parse => Run(
            [.. parse.GetValue(paths) ?? [], .. parse.GetValue(rules) ?? []], parse.GetValue(warningsAsErrors), parse.GetValue(verbose), stdout, stderr));
        return command;
    }

    private static int Run(string[] paths, bool warningsAsErrors, bool verbose, TextWriter stdout, TextWriter stderr)
    {
        if (paths.Length == 0)
        {
            stderr.WriteLine("error: name the policy files or directories to check, for example: tiering validate rules");
            return CliApp.Usage;
        }

        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(PolicyLoader.PolicyFiles(path));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                stderr.WriteLine($"error: '{path}' is neither a file nor a directory");
                return CliApp.Usage;
            }
        }

        if (files.Count == 0)
        {
            stderr.WriteLine($"error: no policy files (*.yaml, *.yml) found in {string.Join(", ", paths)}");
            return CliApp.Usage;
        }

        var result = PolicyLoader.LoadFiles(files);
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity != DiagnosticSeverity.Info || verbose)
            {
                stdout.WriteLine(diagnostic);
            }
        }

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var policies = result.PolicySet?.Policies.Count ?? 0;
        if (verbose)
        {
            // Not diagnostics (nothing is wrong with such a file): on stderr, so stdout keeps only file:line:col lines.
            foreach (var fallback in result.YamlReaderFallbacks)
            {
                stderr.WriteLine($"{fallback.Span}: read by YamlDotNet, not the subset YAML reader: {fallback.Reason}");
            }

            stderr.WriteLine($"{result.YamlReaderFallbacks.Count} of {files.Count} file(s) left by the subset YAML reader to YamlDotNet");
        }

        stderr.WriteLine($"{files.Count} file(s), {policies} policy version(s) loaded, {errors} error(s), {warnings} warning(s)");
        return errors > 0 || (warningsAsErrors && warnings > 0) ? CliApp.PoliciesFailed : CliApp.Ok;
    }
}
