using Tiering.Rules.Text;

namespace Tiering.Rules.Diagnostics;

/// <summary>
/// One finding about a policy file: a stable code (<c>TR1xxx</c> syntax, <c>TR2xxx</c> expressions and types,
/// <c>TR3xxx</c> model, <c>TR4xxx</c> analysis), a severity, a message and where it applies.
/// Immutable and thread-safe.
/// </summary>
/// <param name="Code">The stable code, for example <c>TR2003</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">A message for the policy author.</param>
/// <param name="Span">Where in which file it applies.</param>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceSpan Span)
{
    /// <summary>For analysis findings: a concrete assignment of field values that demonstrates the problem; otherwise null.</summary>
    public IReadOnlyDictionary<string, object?>? Witness { get; init; }

    /// <summary>For analysis findings: the ids of the rules (or band rows) involved; otherwise empty.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>For analysis findings: the policy the finding is about; otherwise null.</summary>
    public string? PolicyId { get; init; }

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
}
