using System.Globalization;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

/// <summary>
/// Reads typed values (a mapping, a list, a string, a number, a boolean, a date) out of syntax nodes and checks a
/// mapping's keys; every failure becomes a positioned diagnostic and a null. Policy files and policy test files use it.
/// </summary>
internal sealed class SyntaxValueReader(List<Diagnostic> diagnostics)
{
    public List<Diagnostic> Diagnostics { get; } = diagnostics;

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        Diagnostics.Add(descriptor.Create(span, args));

    /// <summary>Checks that every key of <paramref name="map"/> is one of <paramref name="allowed"/>.</summary>
    public void CheckKeys(MappingSyntax map, string where, params string[] allowed)
    {
        foreach (var entry in map.Entries)
        {
            if (Array.IndexOf(allowed, entry.Key.Value) < 0)
            {
                var key = entry.Key.Value;
                var hint = key.Length > 0 && !char.IsAsciiLetter(key[0]) && entry.Key.Span.Start.Line == map.Span.Start.Line
                    ? "; a ',' inside a { … } line ends the value there: put an expression with commas in quotes"
                    : Suggestions.DidYouMean(key, allowed);
                Report(DiagnosticDescriptors.UnknownKey, entry.Key.Span, key, where, hint);
            }
        }
    }

    public MappingSyntax? AsMapping(SyntaxNode node, string what)
    {
        if (node is MappingSyntax map)
        {
            return map;
        }

        Report(DiagnosticDescriptors.WrongNodeKind, node.Span, what, "a mapping (key: value lines)", node.KindName);
        return null;
    }

    public SequenceSyntax? AsSequence(SyntaxNode node, string what)
    {
        if (node is SequenceSyntax seq)
        {
            return seq;
        }

        Report(DiagnosticDescriptors.WrongNodeKind, node.Span, what, "a list", node.KindName);
        return null;
    }

    public ScalarSyntax? AsScalar(SyntaxNode node, string what)
    {
        if (node is ScalarSyntax scalar && !scalar.IsNull)
        {
            return scalar;
        }

        Report(DiagnosticDescriptors.WrongNodeKind, node.Span, what, "a single value", node is ScalarSyntax ? "empty" : node.KindName);
        return null;
    }

    public SyntaxNode? Required(MappingSyntax map, string key, string where)
    {
        var entry = map.Find(key);
        if (entry is null)
        {
            Report(DiagnosticDescriptors.MissingKey, map.Span, key, where);
            return null;
        }

        return entry.Value;
    }

    public string? String(SyntaxNode? node, string what) => node is null ? null : AsScalar(node, what)?.Value;

    public decimal? Number(SyntaxNode? node, string what)
    {
        if (node is null || AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        if (TryParseNumber(scalar, out var value))
        {
            return value;
        }

        if (NumberSpelling.TryRead(scalar.Value, 0, allowSingleGroup: true, out var end, out var plain, out var underscored) && end == scalar.Value.Length)
        {
            Report(DiagnosticDescriptors.SpelledNumberValue, scalar.Span, scalar.Value, what, plain, underscored);
            return null;
        }

        Report(IsInexact(scalar) ? DiagnosticDescriptors.InexactNumber : DiagnosticDescriptors.InvalidNumber, scalar.Span, scalar.Value, what);
        return null;
    }

    /// <summary>Parses a decimal from its text with the invariant culture, never through double.</summary>
    public static bool TryParseNumber(ScalarSyntax scalar, out decimal value)
    {
        value = 0;
        if (scalar.IsQuoted)
        {
            return false;
        }

        return TryParseNumber(scalar.Value, out value);
    }

    /// <summary>Parses a decimal from unquoted text: digits with '_' between them, an optional sign and point.</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        value = 0;
        if (text.Contains("__", StringComparison.Ordinal) || text.StartsWith('_') || text.EndsWith('_'))
        {
            return false;
        }

        return ExactDecimal.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, out value, out _);
    }

    /// <summary>Whether a scalar that is no valid number is one a decimal cannot hold exactly (too many digits, too large).</summary>
    private static bool IsInexact(ScalarSyntax scalar)
    {
        ExactDecimal.TryParse(scalar.Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, out _, out var inexact);
        return !scalar.IsQuoted && inexact;
    }

    public bool? Boolean(SyntaxNode? node, string what)
    {
        if (node is null || AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        if (!scalar.IsQuoted && scalar.Value is "true" or "false")
        {
            return scalar.Value == "true";
        }

        Report(DiagnosticDescriptors.InvalidValue, scalar.Span, scalar.Value, what, "true, false");
        return null;
    }

    public DateOnly? Date(SyntaxNode? node, string what)
    {
        if (node is null || AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        if (DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Report(DiagnosticDescriptors.InvalidDate, scalar.Span, scalar.Value, what);
        return null;
    }
}
