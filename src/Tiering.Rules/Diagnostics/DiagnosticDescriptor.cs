using System.Globalization;
using Tiering.Rules.Text;

namespace Tiering.Rules.Diagnostics;

/// <summary>
/// One entry of the message table (<see cref="DiagnosticDescriptors"/>): a stable code, its severity and the template
/// of one of its messages, with numbered placeholders (<c>{0}</c>) for the arguments.
/// </summary>
internal sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Format)
{
    /// <summary>The diagnostic at <paramref name="span"/>: the template filled with <paramref name="args"/>, which it keeps.</summary>
    public Diagnostic Create(SourceSpan span, params object?[] args) =>
        new(Code, Severity, Render(args), span, Array.AsReadOnly((object?[])args.Clone()), null, [], null);

    /// <summary>The message the template makes of <paramref name="args"/> (invariant culture).</summary>
    public string Render(params object?[] args) => string.Format(CultureInfo.InvariantCulture, Format, args);
}
