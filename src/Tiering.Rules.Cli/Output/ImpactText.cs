using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tiering.Rules.Impact;

namespace Tiering.Rules.Cli.Output;

/// <summary>The readable summary of <c>tiering impact</c>: the migration matrix as a table, the rules behind the changes, invalid records.</summary>
internal static class ImpactText
{
    public static void Write(TextWriter output, PolicyImpactResult result, string beforeRules, string afterRules, bool ansi)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        output.WriteLine($"{result.PolicyId}: {Side(result.Before, beforeRules)} -> {Side(result.After, afterRules)}");
        var share = result.Total == 0 ? 0 : 100.0 * result.Changed / result.Total;
        output.WriteLine($"{N(result.Total)} records, {N(result.Changed)} changed ({share.ToString("0.0", CultureInfo.InvariantCulture)}%)"
            + (result.Weighted ? $"; {result.WeightField} {W(result.ChangedWeight)} of {W(result.TotalWeight)} changed" : string.Empty));
        if (result.UnmappedBefore.Count > 0 || result.UnmappedAfter.Count > 0)
        {
            output.WriteLine($"grades on one side only: before {List(result.UnmappedBefore)}; after {List(result.UnmappedAfter)}");
        }

        output.WriteLine();
        console.Write(Matrix(result));
        output.WriteLine();
        var rules = new Table().Border(TableBorder.Rounded).Title("rules: records fired before / after, changed records explained")
            .AddColumn("rule").AddColumn(new TableColumn("fired before").RightAligned()).AddColumn(new TableColumn("fired after").RightAligned())
            .AddColumn(new TableColumn("explains").RightAligned());
        if (result.Weighted)
        {
            rules.AddColumn(new TableColumn("changed " + Markup.Escape(result.WeightField!)).RightAligned());
        }

        foreach (var rule in result.Rules)
        {
            var row = new List<string> { Markup.Escape(rule.Id), N(rule.FiredBefore), N(rule.FiredAfter), N(rule.ChangedExplained) };
            if (result.Weighted)
            {
                row.Add(W(rule.ChangedWeight));
            }

            rules.AddRow([.. row]);
        }

        if (result.ChangedUnexplained > 0)
        {
            rules.AddRow("(no rule: status or default)", string.Empty, string.Empty, N(result.ChangedUnexplained));
        }

        console.Write(rules);
        Invalid(output, "before", result.InvalidBefore);
        Invalid(output, "after", result.InvalidAfter);
        if (result.Examples.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("examples:");
            foreach (var example in result.Examples.Take(20))
            {
                output.WriteLine($"  #{example.Index}{(example.Id is null ? string.Empty : " " + example.Id)}: {example.From} -> {example.To}   before [{string.Join(", ", example.FiredBefore)}]   after [{string.Join(", ", example.FiredAfter)}]");
            }

            if (result.Examples.Count > 20)
            {
                output.WriteLine($"  … {result.Examples.Count - 20} more in --json / --html");
            }
        }
    }

    private static Table Matrix(PolicyImpactResult result)
    {
        var used = result.Labels.Where(l => result.Cells.Any(c => c.From == l || c.To == l)).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("before (rows) -> after (columns)").AddColumn("before \\ after");
        foreach (var to in used)
        {
            table.AddColumn(new TableColumn(Markup.Escape(to)).RightAligned());
        }

        table.AddColumn(new TableColumn("total").RightAligned());
        foreach (var from in used.Where(f => result.Cells.Any(c => c.From == f)))
        {
            var row = new List<IRenderable> { new Spectre.Console.Text(from) };
            foreach (var to in used)
            {
                var count = result.CountOf(from, to);
                var text = count == 0 ? "·" : N(count);
                row.Add(count > 0 && from != to ? new Markup($"[bold]{text}[/]") : new Spectre.Console.Text(text));
            }

            row.Add(new Spectre.Console.Text(N(result.Cells.Where(c => c.From == from).Sum(c => c.Count))));
            table.AddRow(row);
        }

        return table;
    }

    private static void Invalid(TextWriter output, string side, ImpactInvalid invalid)
    {
        if (invalid.Records == 0)
        {
            return;
        }

        output.WriteLine($"invalid {side}: {N(invalid.Records)} records; errors by field: {string.Join(", ", invalid.ByField.Select(f => $"{f.Key} {N(f.Value)}"))}");
    }

    private static string Side(ImpactSideSummary side, string rules) =>
        $"version {string.Join("/", side.Versions.DefaultIfEmpty("?"))}{(side.AsOf is { } d ? " as of " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)} ({rules})";

    private static string List(IReadOnlyList<string> grades) => grades.Count == 0 ? "none" : string.Join(", ", grades);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string W(decimal? w) => w is { } v ? v.ToString("#,0.############################", CultureInfo.InvariantCulture) : string.Empty;
}
