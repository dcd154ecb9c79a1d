using System.CommandLine;
using Tiering.Rules.Cli.Commands;

namespace Tiering.Rules.Cli;

/// <summary>The <c>tiering</c> command line: commands, options and exit codes, as docs/DESIGN.md §8 (CLI) fixes them.</summary>
internal static class CliApp
{
    /// <summary>Exit code when the run completed (invalid records are data, not failures).</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the policies do not load (or, for validate, have errors).</summary>
    public const int PoliciesFailed = 1;

    /// <summary>Exit code for usage errors: bad options, unknown policy, unreadable input.</summary>
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var root = new RootCommand("tiering — validate YAML tiering policies and classify facts with them.")
        {
            ValidateCommand.Create(stdout, stderr),
            ClassifyCommand.Create(stdout, stderr, stdin),
            TestCommand.Create(stdout, stderr),
            ExplainCommand.Create(stdout, stderr),
            ImpactCommand.Create(stdout, stderr, stdin),
            DiffCommand.Create(stdout, stderr),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'tiering --help' for usage.");
            return Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
