namespace Tiering.Rules.Text;

/// <summary>A 1-based line and column in a policy file.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column number, counted in UTF-16 code units.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";

    /// <summary>Returns the position <paramref name="columns"/> columns to the right on the same line.</summary>
    /// <param name="columns">How many columns to move right.</param>
    /// <returns>The shifted position.</returns>
    public SourcePosition Shift(int columns) => new(Line, Column + columns);
}
