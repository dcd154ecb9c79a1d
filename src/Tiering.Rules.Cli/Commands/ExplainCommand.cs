using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tiering.Rules.Text;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering explain --rules &lt;dir&gt; --policy &lt;id&gt; [--as-of &lt;date&gt;] --fact '&lt;json&gt;'</c>: decides one fact and
/// prints a readable trace: the version chosen and why, each rule with the values it read and whether it fired,
/// the hit policy's choice and the outputs.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var rules = new Option<string>("--rules") { Description = "The rules directory.", Required = true };
        var policy = new Option<string>("--policy") { Description = "The policy id.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The date the decision is for (yyyy-mm-dd)." };
        var fact = new Option<string>("--fact") { Description = "The fact as a JSON object, or @file.json; for a group policy, a JSON array of facts (the members of one or more groups), or @file with one JSON object per line.", Required = true };
        var engine = Engine.Option();
        var command = new Command("explain", "Decide one fact (for a group policy, a few facts at once) and print a readable trace of why.") { rules, policy, asOf, fact, engine };
        command.SetAction(parse => Run(parse.GetValue(rules)!, parse.GetValue(policy)!, parse.GetValue(asOf), parse.GetValue(fact)!, parse.GetValue(engine)!, stdout, stderr));
        return command;
    }

    private static int Run(string rulesDir, string policyId, string? asOfText, string factText, string engineName, TextWriter stdout, TextWriter stderr)
    {
        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                stderr.WriteLine($"error: --as-of '{asOfText}' is not a date (yyyy-mm-dd)");
                return CliApp.Usage;
            }

            asOf = date;
        }

        if (factText.StartsWith('@'))
        {
            try
            {
                factText = File.ReadAllText(factText[1..]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot read {factText}: {ex.Message}");
                return CliApp.Usage;
            }
        }

        JsonDocument document;
        try
        {
            // One JSON object per line (a JSON-lines file of a group's members) is read as an array of them.
            var trimmed = factText.TrimStart();
            document = JsonDocument.Parse(trimmed.StartsWith('{') && trimmed.TrimEnd().Contains('\n', StringComparison.Ordinal)
                ? "[" + string.Join(",", factText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) + "]"
                : factText);
        }
        catch (JsonException ex)
        {
            stderr.WriteLine($"error: --fact is not valid JSON: {ex.Message}");
            return CliApp.Usage;
        }

        using (document)
        {
            var many = document.RootElement.ValueKind == JsonValueKind.Array;
            if (!many && document.RootElement.ValueKind != JsonValueKind.Object)
            {
                stderr.WriteLine("error: --fact must be a JSON object (or, for a group policy, an array of objects)");
                return CliApp.Usage;
            }

            var load = PolicyLoader.LoadDirectory(rulesDir);
            if (load.PolicySet is not { } set)
            {
                foreach (var diagnostic in load.Diagnostics)
                {
                    stderr.WriteLine(diagnostic);
                }

                return CliApp.PoliciesFailed;
            }

            if (!set.Contains(policyId))
            {
                stderr.WriteLine($"error: {Suggestions.UnknownPolicy(policyId, set.Policies.Select(p => p.Id), rulesDir)}");
                return CliApp.Usage;
            }

            if (PolicyVersions.Choose(set, policyId, asOf, out var versionError) is null)
            {
                stderr.WriteLine($"error: {versionError}");
                return CliApp.Usage;
            }

            if (Engine.Create(engineName, set, stderr) is not { } engine)
            {
                return CliApp.Usage;
            }

            if (many || set.IsGroupPolicy(policyId))
            {
                // A group policy: every group's aggregates with the members behind them, then each decision's trace.
                var facts = many ? [.. document.RootElement.EnumerateArray()] : new[] { document.RootElement };
                stdout.Write(engine.ExplainPortfolio(policyId, facts, asOf).ToString());
                return CliApp.Ok;
            }

            stdout.Write(engine.Explain(policyId, document.RootElement, asOf).ToString());
            return CliApp.Ok;
        }
    }
}
