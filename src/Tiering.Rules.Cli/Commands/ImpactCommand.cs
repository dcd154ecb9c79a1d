using System.CommandLine;
using System.Text;
using Tiering.Rules.Cli.Input;
using Tiering.Rules.Cli.Output;
using Tiering.Rules.Impact;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering impact --policy &lt;id&gt; --input &lt;file.csv|file.jsonl|-&gt; --before &lt;rules-dir&gt; [--before-as-of &lt;date&gt;]
/// --after &lt;rules-dir&gt; [--after-as-of &lt;date&gt;] [--weight &lt;field&gt;] [--examples &lt;n&gt;] [--json &lt;file&gt;] [--html &lt;file&gt;]</c>:
/// decides every record under both sides (streaming) and prints the migration matrix; exit 0 when the comparison ran,
/// 1 when either side fails to load or lacks the policy, 2 usage.
/// </summary>
internal static class ImpactCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Stream stdin)
    {
        var policy = new Option<string>("--policy") { Description = "The policy id, e.g. loan-risk-regulatory.", Required = true };
        var input = new Option<string>("--input") { Description = "Records as CSV with a header row, JSON lines, or '-' for standard input.", Required = true };
        var before = new Option<string>("--before") { Description = "The rules directory before the change.", Required = true };
        var beforeAsOf = new Option<string?>("--before-as-of") { Description = "The as-of date before (yyyy-mm-dd); picks the version." };
        var after = new Option<string>("--after") { Description = "The rules directory after the change (may be the same directory).", Required = true };
        var afterAsOf = new Option<string?>("--after-as-of") { Description = "The as-of date after (yyyy-mm-dd); picks the version." };
        var weight = new Option<string?>("--weight") { Description = "A numeric column/property (e.g. balance) summed per cell and per rule, exactly." };
        var examples = new Option<int>("--examples") { Description = "Example records kept per changed cell.", DefaultValueFactory = _ => 5 };
        var json = new Option<string?>("--json") { Description = "Write the full comparison as JSON to this file." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report to this file." };
        var idField = new Option<string?>("--id-field") { Description = "Keep this input column/property as each example's \"id\"." };
        var format = new Option<string>("--format") { Description = "Input format: auto (by file extension or first character), csv or jsonl.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "csv", "jsonl");
        var engine = Engine.Option();
        var command = new Command("impact", "Decide every record under two policy versions and report which change grade, how many, how much, and because of which rule.")
        {
            policy, input, before, beforeAsOf, after, afterAsOf, weight, examples, json, html, idField, format, engine,
        };
        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(policy)!, parse.GetValue(input)!, parse.GetValue(before)!, parse.GetValue(beforeAsOf), parse.GetValue(after)!, parse.GetValue(afterAsOf),
                parse.GetValue(weight), parse.GetValue(examples), parse.GetValue(json), parse.GetValue(html), parse.GetValue(idField), parse.GetValue(format)!, parse.GetValue(engine)!),
            stdout,
            stderr,
            stdin));
        return command;
    }

    private sealed record Settings(
        string Policy, string Input, string Before, string? BeforeAsOf, string After, string? AfterAsOf,
        string? Weight, int Examples, string? Json, string? Html, string? IdField, string Format, string Engine);

    private static int Run(Settings settings, TextWriter stdout, TextWriter stderr, Stream stdin)
    {
        if (settings.Examples < 0)
        {
            stderr.WriteLine($"error: --examples must be 0 or more, not {settings.Examples}");
            return CliApp.Usage;
        }

        var sides = ComparedSides.Load(settings.Policy, settings.Before, settings.BeforeAsOf, settings.After, settings.AfterAsOf, stderr, out var exit, settings.Engine);
        if (sides is null)
        {
            return exit;
        }

        Stream input;
        try
        {
            input = settings.Input == "-" ? stdin : File.OpenRead(settings.Input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read --input '{settings.Input}': {ex.Message}");
            return CliApp.Usage;
        }

        // Cells are typed by the fields of both versions (the first side's type where a name is on both); the input is
        // read as classify reads it (Input/RecordReader): strictly, and a whole-run mistake is exit 2 with one line.
        var fields = new[] { ComparedSides.Version(sides.Before), ComparedSides.Version(sides.After) }
            .SelectMany(v => v?.Fields ?? [])
            .DistinctBy(f => f.Name)
            .ToList();
        var inputName = settings.Input == "-" ? "standard input" : settings.Input;
        PolicyImpactResult result;
        try
        {
            using var reader = RecordReader.Open(
                input,
                settings.Format switch { "csv" => RecordFormat.Csv, "jsonl" => RecordFormat.JsonLines, _ => null },
                settings.Input == "-" ? null : settings.Input,
                new RecordReaderOptions
                {
                    Fields = fields,
                    FieldsOwner = $"policy '{settings.Policy}' (before or after)",
                    IdField = settings.IdField,
                    KeepColumns = settings.Weight is { } w ? [w] : [],
                    Warn = stderr.WriteLine,
                },
                leaveOpen: ReferenceEquals(input, stdin));
            var impact = new PolicyImpact(sides.Before, sides.After, new PolicyImpactOptions { Examples = settings.Examples, WeightField = settings.Weight });
            while (reader.Read() is { } record)
            {
                if (record.IsReadable)
                {
                    impact.Add(record.Fact, record.Id);
                }
                else
                {
                    impact.AddUnreadable(record.Id);
                }
            }

            result = impact.ToResult();
        }
        catch (InputException ex)
        {
            stderr.WriteLine($"error: {inputName}: {ex.Message}");
            return CliApp.Usage;
        }
        finally
        {
            if (!ReferenceEquals(input, stdin))
            {
                input.Dispose();
            }
        }

        if (result.WeightMissing > 0)
        {
            stderr.WriteLine(result.WeightMissing == result.Total
                ? $"warning: no record has a readable number in '{settings.Weight}' (is --weight the right column?); every weight is 0"
                : $"warning: {result.WeightMissing} of {result.Total} records have no readable number in '{settings.Weight}': counted in the matrix, in no weight");
        }

        if (settings.Json is { } jsonPath && !TryWrite(jsonPath, "--json", stderr, stream => ImpactJson.Write(stream, result, sides.BeforeRules, sides.AfterRules)))
        {
            return CliApp.Usage;
        }

        if (settings.Html is { } htmlPath && !TryWrite(htmlPath, "--html", stderr, stream =>
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ImpactHtml.Render(result, sides.BeforeRules, sides.AfterRules));
                stream.Write(bytes);
            }))
        {
            return CliApp.Usage;
        }

        ImpactText.Write(stdout, result, sides.BeforeRules, sides.AfterRules, ansi: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        return CliApp.Ok;
    }

    /// <summary>Writes an output file, or says on stderr why it could not.</summary>
    internal static bool TryWrite(string path, string option, TextWriter stderr, Action<Stream> write)
    {
        try
        {
            using var stream = File.Create(path);
            write(stream);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {option} '{path}': {ex.Message}");
            return false;
        }
    }
}
