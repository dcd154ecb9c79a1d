namespace Tiering.Rules.Text;

/// <summary>A range of text in a named policy file; immutable and safe to share.</summary>
/// <param name="Path">The file path as given to the loader (or a logical name for in-memory text).</param>
/// <param name="Start">Where the range starts.</param>
/// <param name="End">Where the range ends (exclusive).</param>
public readonly record struct SourceSpan(string Path, SourcePosition Start, SourcePosition End)
{
    /// <summary>A span that points at a whole file, before its first line.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>A span at 1:1 of <paramref name="path"/>.</returns>
    public static SourceSpan FileStart(string path) => new(path, new SourcePosition(1, 1), new SourcePosition(1, 1));

    /// <summary>A zero-width span at <paramref name="position"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="position">The position.</param>
    /// <returns>The span.</returns>
    public static SourceSpan At(string path, SourcePosition position) => new(path, position, position);

    /// <inheritdoc />
    public override string ToString() => $"{Path}:{Start.Line}:{Start.Column}";
}
