using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tiering.Rules.Impact;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering diff --policy &lt;id&gt; --before &lt;rules-dir&gt; [--before-as-of &lt;date&gt;] --after &lt;rules-dir&gt; [--after-as-of &lt;date&gt;] [--json]</c>:
/// the regions of the input space where the verdict changes, from the policies alone, each with a witness fact valid
/// under both sides that the engine decided as stated. Exit 0 when the diff ran, 1 when a side does not load or lacks
/// the policy, 2 usage.
/// </summary>
internal static class DiffCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var policy = new Option<string>("--policy") { Description = "The policy id, e.g. loan-risk-regulatory.", Required = true };
        var before = new Option<string>("--before") { Description = "The rules directory before the change.", Required = true };
        var beforeAsOf = new Option<string?>("--before-as-of") { Description = "The as-of date before (yyyy-mm-dd); picks the version." };
        var after = new Option<string>("--after") { Description = "The rules directory after the change (may be the same directory).", Required = true };
        var afterAsOf = new Option<string?>("--after-as-of") { Description = "The as-of date after (yyyy-mm-dd); picks the version." };
        var json = new Option<bool>("--json") { Description = "Write the diff as JSON to standard output." };
        var command = new Command("diff", "List the regions of the input space where two policy versions decide differently, each with a witness fact.")
        {
            policy, before, beforeAsOf, after, afterAsOf, json,
        };
        command.SetAction(parse => Run(parse.GetValue(policy)!, parse.GetValue(before)!, parse.GetValue(beforeAsOf), parse.GetValue(after)!, parse.GetValue(afterAsOf), parse.GetValue(json), stdout, stderr));
        return command;
    }

    private static int Run(string policy, string before, string? beforeAsOf, string after, string? afterAsOf, bool json, TextWriter stdout, TextWriter stderr)
    {
        var sides = ComparedSides.Load(policy, before, beforeAsOf, after, afterAsOf, stderr, out var exit);
        if (sides is null)
        {
            return exit;
        }

        var diff = PolicyDiff.Compare(sides.Before, sides.After);
        if (json)
        {
            using var stream = new MemoryStream();
            WriteJson(stream, diff, sides);
            stdout.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            stdout.WriteLine();
        }
        else
        {
            WriteText(stdout, diff, sides);
        }

        return CliApp.Ok;
    }

    private static void WriteText(TextWriter output, PolicyDiffResult diff, ComparedSides sides)
    {
        output.WriteLine($"{diff.PolicyId}: version {diff.BeforeVersion ?? "(none)"}{AsOf(sides.Before)} ({sides.BeforeRules}) -> version {diff.AfterVersion ?? "(none)"}{AsOf(sides.After)} ({sides.AfterRules})");
        output.WriteLine(diff.Regions.Count == 0
            ? (diff.Complete ? "no region of the input space changes verdict" : "no region found, but the diff is incomplete (below)")
            : $"{diff.Regions.Count} regions change verdict{(diff.Complete ? " (complete: every valid fact that changes lies in one of them)" : " (incomplete: see below)")}");
        foreach (var group in diff.Regions.GroupBy(r => (r.From, r.To)))
        {
            output.WriteLine();
            output.WriteLine($"{group.Key.From} -> {group.Key.To} ({group.Count()} region{(group.Count() == 1 ? string.Empty : "s")})");
            foreach (var region in group)
            {
                output.WriteLine($"  - {region.Description}");
                output.WriteLine($"    witness: {Witness(region.Witness)}");
                if (!region.Complete)
                {
                    output.WriteLine($"    undecided: {string.Join("; ", region.Undecided)}");
                }

                if (!region.Verified)
                {
                    output.WriteLine("    NOT VERIFIED: the engine decides this witness differently");
                }
            }
        }

        if (!diff.Complete)
        {
            output.WriteLine();
            output.WriteLine("incomplete:");
            foreach (var reason in diff.Reasons)
            {
                output.WriteLine($"  - {reason}");
            }
        }
    }

    private static void WriteJson(Stream stream, PolicyDiffResult diff, ComparedSides sides)
    {
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("policy", diff.PolicyId);
        Side(json, "before", sides.BeforeRules, sides.Before, diff.BeforeVersion);
        Side(json, "after", sides.AfterRules, sides.After, diff.AfterVersion);
        json.WriteBoolean("complete", diff.Complete);
        json.WriteStartArray("reasons");
        foreach (var reason in diff.Reasons)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteStartArray("regions");
        foreach (var region in diff.Regions)
        {
            json.WriteStartObject();
            json.WriteString("from", region.From);
            json.WriteString("to", region.To);
            json.WriteString("description", region.Description);
            json.WriteStartObject("witness");
            WriteWitness(json, region.Witness);
            json.WriteEndObject();
            json.WriteBoolean("complete", region.Complete);
            json.WriteStartArray("undecided");
            foreach (var rule in region.Undecided)
            {
                json.WriteStringValue(rule);
            }

            json.WriteEndArray();
            json.WriteBoolean("verified", region.Verified);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter json, string name, string rules, ImpactSide side, string? version)
    {
        json.WriteStartObject(name);
        json.WriteString("rules", rules);
        if (side.AsOf is { } d)
        {
            json.WriteString("asOf", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("asOf");
        }

        json.WriteString("version", version);
        json.WriteEndObject();
    }

    private static string AsOf(ImpactSide side) => side.AsOf is { } d ? " as of " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>The witness as one line of JSON, ready for <c>tiering explain --fact</c>.</summary>
    private static string Witness(IReadOnlyDictionary<string, object?> witness)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            WriteWitness(json, witness);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteWitness(Utf8JsonWriter json, IReadOnlyDictionary<string, object?> witness)
    {
        foreach (var (field, value) in witness)
        {
            switch (value)
            {
                case bool b: json.WriteBoolean(field, b); break;
                case decimal d: json.WriteNumber(field, d); break;
                case DateOnly date: json.WriteString(field, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case null: json.WriteNull(field); break;
                default: json.WriteString(field, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
    }
}
