using System.CommandLine;
using System.Text;
using Tiering.Rules.Cli.Commands;

namespace Tiering.Rules.Cli;

/// <summary>The <c>tiering</c> command line: commands, options and exit codes, as docs/DESIGN.md §8 (CLI) fixes them.</summary>
internal static class CliApp
{
    /// <summary>Exit code when the run completed (invalid records are data, not failures).</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the policies do not load (or, for validate, have errors).</summary>
    public const int PoliciesFailed = 1;

    /// <summary>Exit code for usage errors and whole-run mistakes: bad options, unknown policy, unreadable or mismatched input.</summary>
    public const int Usage = 2;

    /// <summary>Runs with text on standard input (tests): the text is given to the commands as UTF-8.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin) =>
        Run(args, stdout, stderr, new MemoryStream(new UTF8Encoding(false).GetBytes(stdin.ReadToEnd())), Interrupt.Manual());

    /// <summary>Runs a command; <paramref name="interrupt"/> stops a batch run at a record boundary.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Stream stdin, Interrupt interrupt)
    {
        var root = new RootCommand("tiering — validate YAML tiering policies and classify facts with them.")
        {
            ValidateCommand.Create(stdout, stderr),
            ClassifyCommand.Create(stdout, stderr, stdin, interrupt),
            TestCommand.Create(stdout, stderr),
            ExplainCommand.Create(stdout, stderr),
            ImpactCommand.Create(stdout, stderr, stdin),
            DiffCommand.Create(stdout, stderr),
            SchemaCommand.Create(stdout, stderr),
        };

        // '@file' is an argument (explain --fact @fact.json), never a response file to expand.
        var configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        if (args.Length == 0)
        {
            // Bare 'tiering' prints the help, as 'opa' does.
            return root.Parse(["--help"], configuration).Invoke(invocation);
        }

        var parse = root.Parse(args, configuration);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'tiering --help' for usage.");
            return Usage;
        }

        return parse.Invoke(invocation);
    }
}
