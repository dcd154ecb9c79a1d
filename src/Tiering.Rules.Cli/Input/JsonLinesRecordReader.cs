using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tiering.Rules.Cli.Input;

/// <summary>
/// JSON lines: one object per line; blank lines are not records. A line that is not one JSON object, repeats a key,
/// or gives a field a number no decimal holds exactly (more than 28 or 29 significant digits, a double such as
/// 1e-30) is one unreadable record naming its line (and the field). The fields' values are taken as they are typed in
/// JSON (number → decimal, true/false, string, null → absent); the engine reports a value of the wrong type. The keys
/// of the first record are checked against the fields (<see cref="ColumnCheck.FirstRecord"/>); a key nobody expects
/// is warned about once.
/// </summary>
internal sealed class JsonLinesRecordReader(DecodingReader text, RecordReaderOptions options) : RecordReader(text, options)
{
    private readonly Dictionary<string, PolicyFieldInfo> _fields = options.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private long _line;
    private bool _first = true;

    /// <inheritdoc/>
    public override InputRecord? Read()
    {
        string? text;
        do
        {
            text = Text.ReadLine();
            _line++;
        }
        while (text is not null && string.IsNullOrWhiteSpace(text));

        if (text is null)
        {
            return null;
        }

        RecordsRead++;
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            return Parse(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private InputRecord Parse(ReadOnlySpan<byte> json)
    {
        var line = _line;
        var fact = new Dictionary<string, object?>(_fields.Count, StringComparer.Ordinal);
        string? id = null;
        List<InputError>? errors = null;
        _keys.Clear();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Unreadable(line, fact, null, $"line {line}: a fact must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (_keys.Contains(key))
                {
                    (errors ??= []).Add(new InputError(_fields.ContainsKey(key) ? key : InputError.WholeRecord, $"line {line}: key '{key}' appears twice"));
                }

                _keys.Add(key);
                reader.Read();
                if (key == Options.IdField)
                {
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString()
                        : reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? null
                        : Encoding.UTF8.GetString(reader.ValueSpan);
                }

                if (!_fields.TryGetValue(key, out var field))
                {
                    if (Options.KeepColumns.Contains(key) && reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
                    {
                        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                        fact[key] = reader.TokenType == JsonTokenType.Number && ExactNumber.TryParse(text, allowExponent: true, out var kept, out _) == ExactNumber.Parse.Number ? kept : text;
                    }

                    reader.Skip();
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                        if (ExactNumber.TryParse(raw, allowExponent: true, out var number, out var problem) == ExactNumber.Parse.Number)
                        {
                            fact[key] = number;
                        }
                        else
                        {
                            (errors ??= []).Add(new InputError(key, $"line {line}: {problem}"));
                        }

                        break;
                    case JsonTokenType.String:
                        fact[key] = reader.GetString();
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        fact[key] = reader.GetBoolean();
                        break;
                    case JsonTokenType.Null:
                        fact[key] = null;
                        break;
                    default:
                        (errors ??= []).Add(new InputError(key, $"line {line}: '{key}' is a JSON {(reader.TokenType == JsonTokenType.StartObject ? "object" : "array")}, not a {field.Type.ToString().ToLowerInvariant()}"));
                        reader.Skip();
                        break;
                }
            }

            if (reader.Read())
            {
                return Unreadable(line, fact, id, $"line {line}: more than one JSON value on the line");
            }
        }
        catch (JsonException ex)
        {
            return Unreadable(line, fact, id, $"line {line}: not valid JSON: {ex.Message}");
        }

        CheckKeys(line);
        return new InputRecord(line, fact, id, errors is null ? [] : errors);
    }

    private void CheckKeys(long line)
    {
        if (_first)
        {
            _first = false;
            ColumnCheck.FirstRecord(line, _keys, Options);
            _warned.UnionWith(_keys);
            return;
        }

        foreach (var key in _keys)
        {
            if (!_fields.ContainsKey(key) && !ColumnCheck.IsExpected(key, Options) && _warned.Add(key))
            {
                ColumnCheck.LaterKey(line, key, Options);
            }
        }
    }

    private static InputRecord Unreadable(long line, Dictionary<string, object?> fact, string? id, string message) =>
        new(line, fact, id, [new InputError(InputError.WholeRecord, message)]);
}
