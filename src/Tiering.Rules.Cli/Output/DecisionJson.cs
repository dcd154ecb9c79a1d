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
    private readonly TextWriter _output;
    private readonly Utf8JsonWriter _writer;

    public DecisionJson(TextWriter output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

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
            _writer.WriteString(key, value);
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

    /// <summary>Writes the line for a record that could not be read at all.</summary>
    public void WriteUnreadable(string policy, string version, string? id, bool includeId, string message)
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
        WriteErrors([("(input)", message)]);
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
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _output.Write('\n');
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _output.Flush();
    }
}
