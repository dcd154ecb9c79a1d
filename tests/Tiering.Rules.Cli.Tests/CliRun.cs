using System.Text;
using System.Text.Json;

namespace Tiering.Rules.Cli.Tests;

/// <summary>Runs the `tiering` command line in-process with bytes on standard input, as an operator's pipe would give them.</summary>
internal static class CliRun
{
    public static readonly string Root = FindRoot();
    public static readonly string Rules = Path.Combine(Root, "rules");

    public static Result Run(string stdin, params string[] args) => Run(new UTF8Encoding(false).GetBytes(stdin), args);

    public static Result Run(byte[] stdin, params string[] args) => Run(new MemoryStream(stdin), Interrupt.Manual(), args);

    public static Result Run(Stream stdin, Interrupt interrupt, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, stdin, interrupt);
        return new Result(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>classify on standard input with the retail AUM policy (fields: aum) and ids.</summary>
    public static Result ClassifyAum(byte[] stdin, params string[] more) =>
        Run(stdin, ["classify", "--rules", Rules, "--policy", "retail-aum-tier", "--input", "-", "--id-field", "id", .. more]);

    public static Result ClassifyAum(string stdin, params string[] more) => ClassifyAum(new UTF8Encoding(false).GetBytes(stdin), more);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    internal sealed record Result(int Exit, string Out, string Err)
    {
        public List<JsonElement> Lines => [.. Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

        public List<string?> Statuses => [.. Lines.Select(l => l.GetProperty("status").GetString())];

        public List<string?> Ids => [.. Lines.Select(l => l.GetProperty("id").GetString())];

        /// <summary>The stderr summary's "records: N read, N written" counts.</summary>
        public (long Read, long Written) Counts
        {
            get
            {
                var match = System.Text.RegularExpressions.Regex.Match(Err, @"records: (\d+) read, (\d+) written");
                match.Success.Should().BeTrue($"the summary states the records read and written; stderr was:\n{Err}");
                return (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        /// <summary>The error lines on stderr (those starting with "error:").</summary>
        public List<string> Errors => [.. Err.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r'))];
    }
}
