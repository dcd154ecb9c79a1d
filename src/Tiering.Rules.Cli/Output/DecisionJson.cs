using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tiering.Rules.Cli.Output;

/// <summary>
/// Writes decisions as JSON lines, one object per fact:
/// <c>{"policy","version","status","grade","fired":[ids],"outputs":{},"errors":[{"field","message"}]}</c>
/// (plus <c>"id"</c> first when an id field was asked for, and <c>"score"</c> for scorecards).
/// </summary>
internal sealed class DecisionJson : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Stream? _stream;
    private readonly TextWriter? _text;
    private readonly Utf8JsonWriter _writer;
    private char[] _chars = [];

    /// <summary>Writes UTF-8 to <paramref name="stream"/> (buffered by it), or text to <paramref name="text"/> when there is no stream.</summary>
    public DecisionJson(Stream? stream, TextWriter? text)
    {
        _stream = stream;
        _text = text;
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>The lines written so far.</summary>
    public long Written { get; private set; }

    public static string StatusName(DecisionStatus status) => status.ToSnakeCase();

    public void Write(Decision decision, string? id, bool includeId)
    {
        _writer.WriteStartObject();
        if (includeId)
        {
            _writer.WriteString("id", id);
        }

        _writer.WriteString("policy", decision.PolicyId);
        _writer.WriteString("version", decision.PolicyVersion);
        if (decision.Group is { } group)
        {
            // A group policy's decision: its group's key (an array for several key fields), members counted and excluded.
            if (group.KeyValues.Count == 1)
            {
                _writer.WriteString("key", group.Key);
            }
            else
            {
                _writer.WriteStartArray("key");
                foreach (var value in group.KeyValues)
                {
                    _writer.WriteStringValue(value);
                }

                _writer.WriteEndArray();
            }

            _writer.WriteNumber("members", group.Members);
            _writer.WriteNumber("excluded", group.Excluded);
        }

        _writer.WriteString("status", StatusName(decision.Status));
        if (decision.Grade is { } grade)
        {
            _writer.WriteString("grade", grade.Id);
        }
        else
        {
            _writer.WriteNull("grade");
        }

        _writer.WriteStartArray("fired");
        foreach (var rule in decision.FiredRuleIds)
        {
            _writer.WriteStringValue(rule);
        }

        _writer.WriteEndArray();
        _writer.WriteStartObject("outputs");
        foreach (var (key, value) in decision.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            // Aggregates are numbers (trailing zeros dropped); declared outputs are text.
            if (decision.Group?.Aggregate(key) is { Value: { } number })
            {
                _writer.WriteNumber(key, number);
            }
            else
            {
                _writer.WriteString(key, value);
            }
        }

        _writer.WriteEndObject();
        if (decision.Score is { } score)
        {
            _writer.WriteNumber("score", score);
        }

        WriteErrors(decision.Errors.Select(e => (e.Field, e.Message)));
        _writer.WriteEndObject();
        Flush();
    }

    /// <summary>Writes the line for a record that could not be read: status invalid, each error naming its field (or <c>(input)</c>).</summary>
    public void WriteUnreadable(string policy, string version, string? id, bool includeId, IEnumerable<(string Field, string Message)> errors)
    {
        _writer.WriteStartObject();
        if (includeId)
        {
            _writer.WriteString("id", id);
        }

        _writer.WriteString("policy", policy);
        _writer.WriteString("version", version);
        _writer.WriteString("status", "invalid");
        _writer.WriteNull("grade");
        _writer.WriteStartArray("fired");
        _writer.WriteEndArray();
        _writer.WriteStartObject("outputs");
        _writer.WriteEndObject();
        WriteErrors(errors);
        _writer.WriteEndObject();
        Flush();
    }

    private void WriteErrors(IEnumerable<(string Field, string Message)> errors)
    {
        _writer.WriteStartArray("errors");
        foreach (var (field, message) in errors)
        {
            _writer.WriteStartObject();
            _writer.WriteString("field", field);
            _writer.WriteString("message", message);
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
    }

    private void Flush()
    {
        _writer.Flush();
        _buffer.Write("\n"u8);
        if (_stream is not null)
        {
            _stream.Write(_buffer.WrittenSpan);
        }
        else
        {
            if (_chars.Length < _buffer.WrittenCount)
            {
                _chars = new char[Math.Max(_buffer.WrittenCount, 2 * _chars.Length)];
            }

            var n = Encoding.UTF8.GetChars(_buffer.WrittenSpan, _chars);
            _text!.Write(_chars, 0, n);
        }

        Written++;
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    public void Dispose() => _writer.Dispose();
}
