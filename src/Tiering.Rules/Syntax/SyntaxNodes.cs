using Tiering.Rules.Text;

namespace Tiering.Rules.Syntax;

/// <summary>A YAML node with the span it came from. The syntax tree is the only place YAML shapes live.</summary>
internal abstract record SyntaxNode(SourceSpan Span)
{
    public abstract string KindName { get; }
}

/// <summary>
/// A scalar. <see cref="IsQuoted"/> tells whether the author quoted it (a quoted value is always text).
/// <see cref="ContentMap"/> says where the value's characters sit in the file when they do not simply follow
/// <see cref="ContentStart"/> on one line; null for plain and quoted scalars on one line without escapes.
/// </summary>
internal sealed record ScalarSyntax(string Value, bool IsQuoted, bool IsBlock, SourceSpan Span, ScalarContentMap? ContentMap = null) : SyntaxNode(Span)
{
    public override string KindName => "a scalar";

    /// <summary>True for a plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !IsQuoted && !IsBlock && (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");

    /// <summary>Where the first character of <see cref="Value"/> sits in the file (after an opening quote) when there is no <see cref="ContentMap"/>.</summary>
    public SourcePosition ContentStart => IsQuoted ? Span.Start.Shift(1) : Span.Start;

    /// <summary>
    /// Where the character at <paramref name="valueOffset"/> of <see cref="Value"/> sits in the file, in every scalar
    /// style; an offset at or past the end continues the last character's line.
    /// </summary>
    public SourcePosition PositionOf(int valueOffset) =>
        ContentMap is { } map ? map.PositionOf(valueOffset) : ContentStart.Shift(valueOffset);
}

/// <summary>A sequence of nodes.</summary>
internal sealed record SequenceSyntax(SyntaxNode[] Items, SourceSpan Span) : SyntaxNode(Span)
{
    public override string KindName => "a list";
}

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
internal sealed record MappingEntry(ScalarSyntax Key, SyntaxNode Value);

/// <summary>A mapping with unique keys, in file order.</summary>
internal sealed record MappingSyntax(MappingEntry[] Entries, SourceSpan Span) : SyntaxNode(Span)
{
    public override string KindName => "a mapping";

    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }
}
