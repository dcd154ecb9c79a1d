using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tiering.Rules.Impact;

namespace Tiering.Rules.Cli.Output;

/// <summary>
/// The JSON contract of <c>tiering impact --json</c> (scripts rely on it; keys are only ever added):
/// <c>{"policy","before":{"rules","asOf","versions"},"after":{…},"total","changed","matrix":[{"from","to","count","weight"}],
/// "rules":[{"id","firedBefore","firedAfter","changedExplained"}],"invalid":{"before","after"},
/// "examples":[{"index","from","to","firedBefore","firedAfter"}]}</c>. Weights are exact decimals (JSON numbers with
/// every digit), null without <c>--weight</c>.
/// </summary>
internal static class ImpactJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void Write(Stream stream, PolicyImpactResult result, string beforeRules, string afterRules)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteString("policy", result.PolicyId);
        Side(json, "before", result.Before, beforeRules, result.UnmappedBefore);
        Side(json, "after", result.After, afterRules, result.UnmappedAfter);
        json.WriteNumber("total", result.Total);
        json.WriteNumber("changed", result.Changed);
        json.WriteNumber("changedUnexplained", result.ChangedUnexplained);
        if (result.WeightField is { } weightField)
        {
            json.WriteString("weightField", weightField);
        }
        else
        {
            json.WriteNull("weightField");
        }

        Number(json, "totalWeight", result.TotalWeight);
        Number(json, "changedWeight", result.ChangedWeight);
        json.WriteNumber("weightMissing", result.WeightMissing);
        json.WriteStartArray("labels");
        foreach (var label in result.Labels)
        {
            json.WriteStringValue(label);
        }

        json.WriteEndArray();
        json.WriteStartArray("matrix");
        foreach (var cell in result.Cells)
        {
            json.WriteStartObject();
            json.WriteString("from", cell.From);
            json.WriteString("to", cell.To);
            json.WriteNumber("count", cell.Count);
            Number(json, "weight", cell.Weight);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rules");
        foreach (var rule in result.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteNumber("firedBefore", rule.FiredBefore);
            json.WriteNumber("firedAfter", rule.FiredAfter);
            json.WriteNumber("changedExplained", rule.ChangedExplained);
            Number(json, "changedWeight", rule.ChangedWeight);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("invalid");
        Invalid(json, "before", result.InvalidBefore);
        Invalid(json, "after", result.InvalidAfter);
        json.WriteEndObject();
        json.WriteStartArray("examples");
        foreach (var example in result.Examples)
        {
            json.WriteStartObject();
            json.WriteNumber("index", example.Index);
            if (example.Id is { } id)
            {
                json.WriteString("id", id);
            }

            json.WriteString("from", example.From);
            json.WriteString("to", example.To);
            Strings(json, "firedBefore", example.FiredBefore);
            Strings(json, "firedAfter", example.FiredAfter);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter json, string name, ImpactSideSummary side, string rules, IReadOnlyList<string> unmapped)
    {
        json.WriteStartObject(name);
        json.WriteString("rules", rules);
        if (side.AsOf is { } asOf)
        {
            json.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("asOf");
        }

        Strings(json, "versions", side.Versions);
        Strings(json, "grades", side.Grades);
        Strings(json, "unmappedGrades", unmapped);
        json.WriteEndObject();
    }

    private static void Invalid(Utf8JsonWriter json, string name, ImpactInvalid invalid)
    {
        json.WriteStartObject(name);
        json.WriteNumber("records", invalid.Records);
        json.WriteStartObject("byField");
        foreach (var (field, count) in invalid.ByField)
        {
            json.WriteNumber(field, count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
