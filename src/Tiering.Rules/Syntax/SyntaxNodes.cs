using Tiering.Rules.Text;

namespace Tiering.Rules.Syntax;

/// <summary>
/// A YAML node with the span it came from. The syntax tree is the only place YAML shapes live. Classes, not records:
/// nodes are never compared, and each record's <see cref="IEquatable{T}"/> was one more type a first load loaded.
/// </summary>
internal abstract class SyntaxNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    public abstract string KindName { get; }
}

/// <summary>
/// A scalar. <see cref="IsQuoted"/> tells whether the author quoted it (a quoted value is always text).
/// <see cref="ContentMap"/> says where the value's characters sit in the file when they do not simply follow
/// <see cref="ContentStart"/> on one line; null for plain and quoted scalars on one line without escapes.
/// </summary>
internal sealed class ScalarSyntax(string value, bool isQuoted, bool isBlock, SourceSpan span, ScalarContentMap? contentMap = null) : SyntaxNode(span)
{
    public string Value { get; } = value;

    public bool IsQuoted { get; } = isQuoted;

    public bool IsBlock { get; } = isBlock;

    public ScalarContentMap? ContentMap { get; } = contentMap;

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
internal sealed class SequenceSyntax(SyntaxNode[] items, SourceSpan span) : SyntaxNode(span)
{
    public SyntaxNode[] Items { get; } = items;

    public override string KindName => "a list";
}

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
internal sealed class MappingEntry(ScalarSyntax key, SyntaxNode value)
{
    public ScalarSyntax Key { get; } = key;

    public SyntaxNode Value { get; } = value;
}

/// <summary>A mapping with unique keys, in file order.</summary>
internal sealed class MappingSyntax(MappingEntry[] entries, SourceSpan span) : SyntaxNode(span)
{
    public MappingEntry[] Entries { get; } = entries;

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
