using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Tiering.Rules.Cli.Input;
using Tiering.Rules.Cli.Output;
using Tiering.Rules.Text;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering classify --rules &lt;dir&gt; --policy &lt;id&gt; [--as-of &lt;date&gt;] --input &lt;file.csv|file.jsonl|-&gt;</c>:
/// one JSON object per fact, in input order. Invalid records are data: the run goes on and exits 0.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var rules = new Option<string>("--rules") { Description = "The rules directory.", Required = true };
        var policy = new Option<string>("--policy") { Description = "The policy id, e.g. loan-five-category.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The date the decisions are for (yyyy-mm-dd); picks the effective policy version." };
        var input = new Option<string>("--input") { Description = "Facts as CSV with a header row, JSON lines, or '-' for standard input.", Required = true };
        var format = new Option<string>("--format") { Description = "Input format: auto (by file extension or first character), csv or jsonl.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "csv", "jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON lines to this file instead of standard output." };
        var idField = new Option<string?>("--id-field") { Description = "Copy this input column/property into each result as \"id\"." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show a progress bar on stderr (it is shown only when stderr is a terminal)." };
        var engine = Engine.Option();
        var command = new Command("classify", "Decide every fact in the input and write one JSON object per fact.")
        {
            rules, policy, asOf, input, format, output, idField, noProgress, engine,
        };
        command.SetAction(parse => Run(
            new Settings(parse.GetValue(rules)!, parse.GetValue(policy)!, parse.GetValue(asOf), parse.GetValue(input)!, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(idField), parse.GetValue(noProgress), parse.GetValue(engine)!),
            stdout,
            stderr,
            stdin));
        return command;
    }

    private sealed record Settings(string Rules, string Policy, string? AsOf, string Input, string Format, string? Output, string? IdField, bool NoProgress, string Engine);

    /// <summary>Inputs smaller than this finish before a progress bar would be useful.</summary>
    private const long ProgressThresholdBytes = 1 << 20;

    private static int Run(Settings settings, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        DateOnly? asOf = null;
        if (settings.AsOf is not null)
        {
            if (!DateOnly.TryParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                stderr.WriteLine($"error: --as-of '{settings.AsOf}' is not a date (yyyy-mm-dd)");
                return CliApp.Usage;
            }

            asOf = date;
        }

        var load = PolicyLoader.LoadDirectory(settings.Rules);
        if (load.PolicySet is not { } set)
        {
            foreach (var diagnostic in load.Diagnostics)
            {
                stderr.WriteLine(diagnostic);
            }

            stderr.WriteLine($"error: the policies in '{settings.Rules}' did not load");
            return CliApp.PoliciesFailed;
        }

        var versions = set.Policies.Where(p => p.Id == settings.Policy).ToList();
        if (versions.Count == 0)
        {
            stderr.WriteLine($"error: {Suggestions.UnknownPolicy(settings.Policy, set.Policies.Select(p => p.Id), settings.Rules)}");
            return CliApp.Usage;
        }

        if (Engine.Create(settings.Engine, set, stderr) is not { } engine)
        {
            return CliApp.Usage;
        }

        var chosen = (asOf is { } d ? versions.FirstOrDefault(v => (v.EffectiveFrom is null || d >= v.EffectiveFrom) && (v.EffectiveUntil is null || d < v.EffectiveUntil)) : null) ?? versions[^1];

        TextReader reader;
        try
        {
            reader = settings.Input == "-" ? stdin : new StreamReader(settings.Input, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read --input '{settings.Input}': {ex.Message}");
            return CliApp.Usage;
        }

        TextWriter writer;
        try
        {
            writer = settings.Output is null ? stdout : new StreamWriter(settings.Output, append: false, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"error: cannot write --output '{settings.Output}': {ex.Message}");
            return CliApp.Usage;
        }

        var isCsv = settings.Format switch
        {
            "csv" => true,
            "jsonl" => false,
            _ => settings.Input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                || (!settings.Input.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && !settings.Input.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && (char)reader.Peek() != '{'),
        };

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var grades = new Dictionary<string, int>(StringComparer.Ordinal);
        var stream = (reader as StreamReader)?.BaseStream;
        var showProgress = !settings.NoProgress && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error)
            && stream is { CanSeek: true } && stream.Length >= ProgressThresholdBytes;
        try
        {
            using var json = new DecisionJson(writer);
            var records = isCsv ? FactReader.ReadCsv(reader, chosen.Fields, settings.IdField) : FactReader.ReadJsonLines(reader, settings.IdField);

            void Classify(Action? tick)
            {
                foreach (var record in records)
                {
                    using (record)
                    {
                        if (record.Fact is null)
                        {
                            Count(counts, "unreadable");
                            json.WriteUnreadable(chosen.Id, chosen.Version, record.Id, settings.IdField is not null, record.Error!);
                        }
                        else
                        {
                            var decision = engine.Decide(settings.Policy, record.Fact, asOf);
                            Count(counts, DecisionJson.StatusName(decision.Status));
                            if (decision.Grade is { } grade)
                            {
                                Count(grades, grade.Label is null ? grade.Id : $"{grade.Id} ({grade.Label})");
                            }

                            json.Write(decision, record.Id, settings.IdField is not null);
                        }
                    }

                    tick?.Invoke();
                }
            }

            if (showProgress)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                var length = stream!.Length;
                console.Progress().Start(ctx =>
                {
                    var task = ctx.AddTask("classifying", maxValue: length);
                    Classify(() => task.Value = stream.CanSeek ? stream.Position : length);
                    task.Value = length;
                });
            }
            else
            {
                Classify(null);
            }
        }
        finally
        {
            if (!ReferenceEquals(reader, stdin))
            {
                reader.Dispose();
            }

            if (!ReferenceEquals(writer, stdout))
            {
                writer.Dispose();
            }
        }

        WriteSummary(stderr, counts, grades);
        return CliApp.Ok;
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The closing summary on stderr: count per status and per grade.</summary>
    private static void WriteSummary(TextWriter stderr, Dictionary<string, int> counts, Dictionary<string, int> grades)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        var table = new Table().Border(TableBorder.Rounded).AddColumn("status / grade").AddColumn(new TableColumn("records").RightAligned());
        foreach (var status in new[] { "classified", "not_applicable", "unclassified", "invalid", "conflict", "unreadable" })
        {
            if (counts.TryGetValue(status, out var n))
            {
                table.AddRow(Markup.Escape(status), n.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var (grade, n) in grades.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape("  grade " + grade), n.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("total", counts.Values.Sum().ToString(CultureInfo.InvariantCulture));
        console.Write(table);
    }
}
