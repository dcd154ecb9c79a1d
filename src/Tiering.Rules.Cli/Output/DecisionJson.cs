using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tiering.Rules.Cli.Output;

/// <summary>
/// Writes decisions as JSON lines, one object per fact:
/// <c>{"policy","version","status","grade","fired":[ids],"outputs":{},"errors":[{"field","message"}]}</c>
/// (plus <c>"id"</c> first when an id field was asked for, <c>"score"</c> for scorecards, and for a <c>collect</c>
/// policy <c>"collect":{"rules":[{"rule","priority"?,"outputs":{}}],"aggregates":{}}</c>: each fired rule's own
/// outputs in the collect list's order (<see cref="Decision.Collected"/>: by declared priority, else rule order), and each aggregate as a number, null when no fired rule set the output it takes the min or max of).
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
    private readonly IReadOnlyList<PolicyInfo>? _policies;
    private char[] _chars = [];
    private PolicyInfo? _last;

    /// <summary>Writes UTF-8 to <paramref name="stream"/> (buffered by it), or text to <paramref name="text"/> when there is no stream.</summary>
    /// <param name="stream">The stream, or null.</param>
    /// <param name="text">The text writer used when there is no stream.</param>
    /// <param name="policies">The loaded policies, to tell a collect policy's decisions and its aggregates; null writes no <c>"collect"</c>.</param>
    public DecisionJson(Stream? stream, TextWriter? text, IReadOnlyList<PolicyInfo>? policies = null)
    {
        _stream = stream;
        _text = text;
        _policies = policies;
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
        if (Policy(decision) is { HitPolicy: HitPolicy.Collect } collect)
        {
            WriteCollect(decision, collect);
        }

        if (decision.Score is { } score)
        {
            _writer.WriteNumber("score", score);
        }

        WriteErrors(decision.Errors.Select(e => (e.Field, e.Message)));
        _writer.WriteEndObject();
        Flush();
    }

    /// <summary>The version that made the decision (the last one looked up, usually the only one of a run).</summary>
    private PolicyInfo? Policy(Decision decision)
    {
        if (_policies is null || decision.Group is not null)
        {
            return null;
        }

        if (_last is not { } last || last.Id != decision.PolicyId || last.Version != decision.PolicyVersion)
        {
            _last = _policies.FirstOrDefault(p => p.Id == decision.PolicyId && p.Version == decision.PolicyVersion);
        }

        return _last;
    }

    /// <summary>A collect decision's list (each fired rule's own outputs, in rule order) and its aggregates as numbers.</summary>
    private void WriteCollect(Decision decision, PolicyInfo policy)
    {
        _writer.WriteStartObject("collect");
        _writer.WriteStartArray("rules");
        foreach (var rule in decision.Collected)
        {
            _writer.WriteStartObject();
            _writer.WriteString("rule", rule.Id);
            if (rule.Priority is { } priority)
            {
                _writer.WriteNumber("priority", priority);
            }

            _writer.WriteStartObject("outputs");
            foreach (var (key, value) in rule.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                _writer.WriteString(key, value);
            }

            _writer.WriteEndObject();
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        _writer.WriteStartObject("aggregates");
        if (decision.Status == DecisionStatus.Classified)
        {
            foreach (var name in policy.CollectAggregates)
            {
                if (decision.Outputs.TryGetValue(name, out var text))
                {
                    _writer.WriteNumber(name, decimal.Parse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    _writer.WriteNull(name);
                }
            }
        }

        _writer.WriteEndObject();
        _writer.WriteEndObject();
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
