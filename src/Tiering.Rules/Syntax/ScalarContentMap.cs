using Tiering.Rules.Text;

namespace Tiering.Rules.Syntax;

/// <summary>
/// Where each character of a scalar's value sits in the file, for a value that is not simply the text that follows
/// <see cref="ScalarSyntax.ContentStart"/> on its line: block scalars, quoted scalars with escapes (or <c>''</c>),
/// and scalars folded over several lines. A character written as an escape sits where its escape starts; a space or
/// line break that a line break became sits where that line break is (the first of them at the first break after
/// the text before it, the next at the next break, and so on). Immutable.
/// </summary>
/// <remarks>
/// Stored as runs, three numbers each: the value offset where the run starts, and that character's line and column.
/// The characters of a run follow one another on its line, one column apart, up to the next run; the last run goes
/// on past the end of the value. Both readers build maps through <see cref="Builder"/>, which merges whatever one
/// run can say, so the same positions always give the same runs.
/// </remarks>
internal sealed class ScalarContentMap
{
    private readonly int[] _runs;

    private ScalarContentMap(int[] runs)
    {
        _runs = runs;
    }

    /// <summary>The file position of the value's character at <paramref name="valueOffset"/>.</summary>
    public SourcePosition PositionOf(int valueOffset)
    {
        var run = 0;
        for (var i = 3; i < _runs.Length && _runs[i] <= valueOffset; i += 3)
        {
            run = i;
        }

        return new SourcePosition(_runs[run + 1], _runs[run + 2] + (valueOffset - _runs[run]));
    }

    /// <summary>The runs as <c>offset@line:column</c>, for tests that compare two readers' maps.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < _runs.Length; i += 3)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(_runs[i]).Append('@').Append(_runs[i + 1]).Append(':').Append(_runs[i + 2]);
        }

        return text.ToString();
    }

    /// <summary>Collects the position of each value character, in order, into runs.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _runs = [];

        /// <summary>
        /// Notes where the character at <paramref name="valueOffset"/> sits. Offsets must rise; a character that
        /// follows the previous run on its line extends it.
        /// </summary>
        public void Add(int valueOffset, int line, int column)
        {
            var count = _runs.Count;
            if (count > 0 && _runs[count - 2] == line && _runs[count - 1] + (valueOffset - _runs[count - 3]) == column)
            {
                return;
            }

            _runs.Add(valueOffset);
            _runs.Add(line);
            _runs.Add(column);
        }

        /// <summary>
        /// The map, or null when it would say no more than "every character follows <paramref name="contentStart"/>"
        /// (what <see cref="ScalarSyntax.PositionOf"/> assumes without a map).
        /// </summary>
        public ScalarContentMap? Build(SourcePosition contentStart) =>
            _runs.Count == 0 || _runs.Count == 3 && _runs[1] == contentStart.Line && _runs[2] == contentStart.Column
                ? null
                : new ScalarContentMap(_runs.ToArray());
    }
}
