using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Tiering.Rules.Cli.Input;

/// <summary>One input record: the fact to decide, or why it could not be read. <see cref="Line"/> is 1-based.</summary>
internal sealed record InputRecord(int Line, object? Fact, string? Id, string? Error) : IDisposable
{
    public JsonDocument? Document { get; init; }

    public void Dispose() => Document?.Dispose();
}

/// <summary>Reads facts from JSON lines or CSV with a header row; a bad record is reported and the run goes on.</summary>
internal static class FactReader
{
    public static IEnumerable<InputRecord> ReadJsonLines(TextReader reader, string? idField)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument? document = null;
            string? parseError = null;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                parseError = ex.Message;
            }

            if (document is null)
            {
                yield return new InputRecord(lineNumber, null, null, $"line {lineNumber}: not valid JSON: {parseError}");
                continue;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                yield return new InputRecord(lineNumber, null, null, $"line {lineNumber}: a fact must be a JSON object");
                continue;
            }

            string? id = null;
            if (idField is not null && document.RootElement.TryGetProperty(idField, out var idValue))
            {
                id = idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : idValue.GetRawText();
            }

            yield return new InputRecord(lineNumber, document.RootElement, id, null) { Document = document };
        }
    }

    /// <summary>
    /// Reads CSV with a header row. Cells are typed by the policy's declared fields: an empty cell is a missing value,
    /// a number field takes an invariant-culture decimal, a boolean field true/false. A cell that does not parse is
    /// passed on as text, so the engine reports the record as invalid naming that column. Columns named in
    /// <paramref name="alsoKeep"/> (that are not fields) are kept as text, empty cells as missing.
    /// </summary>
    public static IEnumerable<InputRecord> ReadCsv(TextReader reader, IReadOnlyList<PolicyFieldInfo> fields, string? idField, IReadOnlyCollection<string>? alsoKeep = null)
    {
        var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(reader, config, leaveOpen: true);
        if (!csv.Read())
        {
            yield break;
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        while (true)
        {
            bool more;
            string? error = null;
            try
            {
                more = csv.Read();
            }
            catch (CsvHelperException ex)
            {
                more = false;
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return new InputRecord(csv.Parser.RawRow, null, null, $"row {csv.Parser.RawRow}: unreadable CSV: {error}");
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            var fact = new Dictionary<string, object?>(StringComparer.Ordinal);
            string? id = null;
            for (var i = 0; i < header.Length; i++)
            {
                var cell = i < csv.Parser.Count ? csv.Parser[i] : null;
                var name = header[i];
                if (name == idField)
                {
                    id = cell;
                }

                if (byName.TryGetValue(name, out var field))
                {
                    fact[name] = Typed(cell, field);
                }
                else if (alsoKeep is not null && alsoKeep.Contains(name))
                {
                    fact[name] = string.IsNullOrEmpty(cell) ? null : cell;
                }
            }

            yield return new InputRecord(csv.Parser.RawRow, fact, id, null);
        }
    }

    private static object? Typed(string? cell, PolicyFieldInfo field)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return null;
        }

        switch (field.Type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                return decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : cell;
            case FieldType.Boolean:
                return cell.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
                    : cell.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
                    : cell;
            default:
                return cell;
        }
    }
}
