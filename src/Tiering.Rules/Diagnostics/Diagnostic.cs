using Tiering.Rules.Text;

namespace Tiering.Rules.Diagnostics;

/// <summary>
/// One finding about a policy file: a stable code (<c>TR1xxx</c> syntax, <c>TR2xxx</c> expressions and types,
/// <c>TR3xxx</c> model, <c>TR4xxx</c> analysis, <c>TR5xxx</c> policy test files), a severity, a message and where it
/// applies. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The engine creates diagnostics from one message table: <see cref="Message"/> is that table's template for
/// <see cref="Code"/> filled with <see cref="Arguments"/>, so a tool can read the values (a field name, a limit)
/// without parsing the text. Diagnostics compare by reference; only the engine creates them.
/// </remarks>
public sealed class Diagnostic
{
    /// <summary>A diagnostic from the message table; <paramref name="arguments"/> is kept as given (the caller hands it over).</summary>
    internal Diagnostic(
        string code,
        DiagnosticSeverity severity,
        string message,
        SourceSpan span,
        IReadOnlyList<object?> arguments,
        IReadOnlyDictionary<string, object?>? witness,
        IReadOnlyList<string> ruleIds,
        string? policyId)
    {
        Code = code;
        Severity = severity;
        Message = message;
        Span = span;
        Arguments = arguments;
        Witness = witness;
        RuleIds = ruleIds;
        PolicyId = policyId;
    }

    /// <summary>The stable code, for example <c>TR2003</c>.</summary>
    public string Code { get; }

    /// <summary>How serious it is.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>A message for the policy author.</summary>
    public string Message { get; }

    /// <summary>Where in which file it applies.</summary>
    public SourceSpan Span { get; }

    /// <summary>The values the message was made from, in the order of the template's placeholders.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>For analysis findings: a concrete assignment of field values that demonstrates the problem; otherwise null.</summary>
    public IReadOnlyDictionary<string, object?>? Witness { get; }

    /// <summary>For analysis findings: the ids of the rules (or band rows) involved; otherwise empty.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>For analysis findings: the policy the finding is about; otherwise null.</summary>
    public string? PolicyId { get; }

    /// <summary>Formats the diagnostic as <c>path:line:col: error TR2003: message</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{Span.Path}:{Span.Start.Line}:{Span.Start.Column}: {severity} {Code}: {Message}";
    }

    /// <summary>This diagnostic as an analysis finding about <paramref name="policyId"/>.</summary>
    internal Diagnostic About(string policyId, IReadOnlyList<string> ruleIds, IReadOnlyDictionary<string, object?>? witness) =>
        new(Code, Severity, Message, Span, Arguments, witness, ruleIds, policyId);
}
