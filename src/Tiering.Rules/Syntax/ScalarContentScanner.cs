using Tiering.Rules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tiering.Rules.Syntax;

/// <summary>
/// Builds the <see cref="ScalarContentMap"/> of a scalar that YamlDotNet read: re-scans the scalar's text between its
/// start and end marks, follows YAML's folding, escapes and block indentation the way YamlDotNet's scanner does, and
/// checks every character it produces against YamlDotNet's value. Should the two ever disagree (a corner of YAML this
/// scan does not follow), it gives no map, and positions fall back to counting from the scalar's start.
/// </summary>
internal static class ScalarContentScanner
{
    /// <summary>
    /// The map of <paramref name="scalar"/> in <paramref name="text"/>, or null when its value is the text after its
    /// start on one line. <paramref name="parentIndent"/> is the 0-based column of the innermost block collection
    /// (-1 at the root), from which an indentation indicator counts.
    /// </summary>
    public static ScalarContentMap? Map(string text, Scalar scalar, int parentIndent)
    {
        var start = scalar.Start;
        var end = scalar.End;
        if (start.Index < 0 || end.Index > text.Length || start.Index >= end.Index)
        {
            return null;
        }

        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        if (start.Line == end.Line && end.Index - start.Index == scalar.Value.Length + (quoted ? 2 : 0) && scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded))
        {
            return null; // one line, no escapes: the common case, with no map to build
        }

        var scan = new Scan(text, scalar.Value, (int)start.Index, (int)start.Line, (int)start.Column);
        var contentStart = new SourcePosition((int)start.Line, (int)start.Column + (quoted ? 1 : 0));
        var done = scalar.Style switch
        {
            ScalarStyle.Literal or ScalarStyle.Folded => scan.Block(parentIndent),
            ScalarStyle.SingleQuoted => scan.Flow((int)end.Index - 1, '\''),
            ScalarStyle.DoubleQuoted => scan.Flow((int)end.Index - 1, '"'),
            _ => scan.Flow((int)end.Index, '\0'),
        };
        return done ? scan.Map.Build(contentStart) : null;
    }

    /// <summary>One pass over a scalar's text, producing its value's characters in order and noting where each sits.</summary>
    private sealed class Scan(string text, string value, int startIndex, int startLine, int startColumn)
    {
        private readonly string _text = text;
        private readonly string _value = value;
        private int _pos = startIndex;
        private int _line = startLine;
        private int _lineStart = startIndex - (startColumn - 1);
        private int _produced;

        public ScalarContentMap.Builder Map { get; } = new();

        /// <summary>A plain (<paramref name="quote"/> '\0') or quoted scalar whose content ends at <paramref name="stop"/>.</summary>
        public bool Flow(int stop, char quote)
        {
            if (quote != '\0')
            {
                if (_text[_pos] != quote || _text[stop] != quote)
                {
                    return false;
                }

                _pos++;
            }

            while (_pos < stop)
            {
                var c = _text[_pos];
                if (c is ' ' or '\t' || BreakLength(_pos) > 0)
                {
                    if (!Blanks(stop, escapedBreak: false))
                    {
                        return false;
                    }
                }
                else if (quote == '"' && c == '\\')
                {
                    if (!Escape(stop))
                    {
                        return false;
                    }
                }
                else if (quote == '\'' && c == '\'' && _pos + 1 < stop && _text[_pos + 1] == '\'')
                {
                    Note(_pos);
                    if (!Produce('\''))
                    {
                        return false;
                    }

                    _pos += 2;
                }
                else
                {
                    Note(_pos);
                    if (!Produce(c))
                    {
                        return false;
                    }

                    _pos++;
                }
            }

            return _produced == _value.Length;
        }

        /// <summary>
        /// Spaces, tabs and line breaks inside a flow scalar. Without a break they are content; with one, the spaces
        /// around the breaks go and the breaks fold: one break to a space, n breaks to n - 1 newlines (after an
        /// escaped break, or when the first break is a line or paragraph separator, every break stays). The
        /// characters they make sit at the breaks in order, from the first.
        /// </summary>
        private bool Blanks(int stop, bool escapedBreak)
        {
            var end = _pos;
            var breaks = 0;
            var firstBreak = '\0';
            while (end < stop && (_text[end] is ' ' or '\t' || BreakLength(end) > 0))
            {
                var length = BreakLength(end);
                if (length > 0)
                {
                    firstBreak = breaks == 0 ? _text[end] : firstBreak;
                    breaks++;
                }

                end += Math.Max(1, length);
            }

            if (breaks == 0 && !escapedBreak)
            {
                for (; _pos < end; _pos++)
                {
                    Note(_pos);
                    if (!Produce(_text[_pos]))
                    {
                        return false;
                    }
                }

                return true;
            }

            var keepAll = escapedBreak || firstBreak is '\u2028' or '\u2029';
            var space = !keepAll && breaks == 1;
            var produce = keepAll || space ? breaks : breaks - 1;
            while (_pos < end)
            {
                var length = BreakLength(_pos);
                if (length == 0)
                {
                    _pos++;
                    continue;
                }

                if (produce-- > 0)
                {
                    Note(_pos);
                    if (!(space ? Produce(' ') : ProduceBreak()))
                    {
                        return false;
                    }
                }

                NewLine(length);
            }

            return true;
        }

        /// <summary>A double-quoted escape at the current position (its backslash).</summary>
        private bool Escape(int stop)
        {
            if (_pos + 1 < stop && BreakLength(_pos + 1) > 0)
            {
                // An escaped line break: it and the next line's leading spaces go; further breaks stay as newlines.
                _pos++;
                NewLine(BreakLength(_pos));
                return Blanks(stop, escapedBreak: true);
            }

            if (_pos + 1 >= stop)
            {
                return false;
            }

            var digits = _text[_pos + 1] switch
            {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                _ => 0,
            };
            var length = 2 + digits;
            var count = 1;
            if (digits > 0)
            {
                if (!TryHex(_pos + 2, digits, stop, out var code))
                {
                    return false;
                }

                if (code is >= 0xD800 and <= 0xDFFF)
                {
                    // A surrogate pair written as two escapes: one character, two UTF-16 code units.
                    var lowDigits = _pos + length + 1 < stop && _text[_pos + length] == '\\' ? _text[_pos + length + 1] switch { 'u' => 4, 'U' => 8, _ => 0 } : 0;
                    if (lowDigits == 0)
                    {
                        return false;
                    }

                    length += 2 + lowDigits;
                    count = 2;
                }
                else if (code > 0xFFFF)
                {
                    count = 2;
                }
            }

            if (_pos + length > stop || _produced + count > _value.Length)
            {
                return false;
            }

            // Every character an escape makes sits at its backslash (a pair's second one just after it).
            for (var i = 0; i < count; i++)
            {
                Map.Add(_produced, _line, _pos - _lineStart + 1 + i);
                _produced++;
            }

            _pos += length;
            return true;
        }

        private bool TryHex(int from, int digits, int stop, out int code)
        {
            code = 0;
            if (from + digits > stop)
            {
                return false;
            }

            for (var i = from; i < from + digits; i++)
            {
                var c = _text[i];
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }

                code = (code << 4) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            }

            return true;
        }

        /// <summary>A literal or folded block scalar whose header starts at the current position.</summary>
        public bool Block(int parentIndent)
        {
            var folded = _text[_pos] == '>';
            _pos++;
            var increment = 0;
            while (_pos < _text.Length && _text[_pos] is (>= '0' and <= '9') or '+' or '-')
            {
                increment = _text[_pos] is >= '1' and <= '9' ? _text[_pos] - '0' : increment;
                _pos++;
            }

            while (_pos < _text.Length && BreakLength(_pos) == 0)
            {
                _pos++; // spaces and a comment
            }

            if (_pos >= _text.Length)
            {
                return _value.Length == 0;
            }

            NewLine(BreakLength(_pos));
            var indent = increment > 0 ? (parentIndent >= 0 ? parentIndent + increment : increment) : DetectIndent(parentIndent);

            // Each line gives its text after the indentation, then the space or newline its break became, if any.
            while (_produced < _value.Length)
            {
                var spaces = 0;
                while (_pos + spaces < _text.Length && _text[_pos + spaces] == ' ' && spaces < indent)
                {
                    spaces++;
                }

                var lineEnd = _pos;
                while (lineEnd < _text.Length && BreakLength(lineEnd) == 0)
                {
                    lineEnd++;
                }

                if (spaces < indent && _pos + spaces < lineEnd)
                {
                    return false; // a less indented line ends the scalar before its value does
                }

                for (_pos += spaces; _pos < lineEnd; _pos++)
                {
                    Note(_pos);
                    if (!Produce(_text[_pos]))
                    {
                        return false;
                    }
                }

                if (lineEnd >= _text.Length)
                {
                    return _produced == _value.Length; // no break after the last line, so none ends the value
                }

                if (_produced < _value.Length && (_value[_produced] is '\n' or '\u2028' or '\u2029' || folded && _value[_produced] == ' '))
                {
                    Note(lineEnd);
                    _produced++;
                }

                NewLine(BreakLength(lineEnd));
            }

            return true;
        }

        /// <summary>YamlDotNet's indentation for a block scalar without an indicator: the deepest of its leading blank lines and first text line.</summary>
        private int DetectIndent(int parentIndent)
        {
            var most = 0;
            for (var at = _pos; at < _text.Length;)
            {
                var spaces = 0;
                while (at + spaces < _text.Length && _text[at + spaces] == ' ')
                {
                    spaces++;
                }

                most = Math.Max(most, spaces);
                at += spaces;
                var length = at < _text.Length ? BreakLength(at) : 0;
                if (length == 0)
                {
                    break; // the first line with text (or the end)
                }

                at += length;
            }

            return Math.Max(most, Math.Max(parentIndent + 1, 1));
        }

        private void Note(int at) => Map.Add(_produced, _line, at - _lineStart + 1);

        /// <summary>The value's next character must be a line break (a newline, or a line or paragraph separator kept as it is).</summary>
        private bool ProduceBreak() => _produced < _value.Length && _value[_produced] is '\n' or '\u2028' or '\u2029' && Produce(_value[_produced]);

        /// <summary>The value's next character must be <paramref name="c"/>.</summary>
        private bool Produce(char c)
        {
            if (_produced >= _value.Length || _value[_produced] != c)
            {
                return false;
            }

            _produced++;
            return true;
        }

        /// <summary>Steps over a line break of <paramref name="length"/> characters at the current position.</summary>
        private void NewLine(int length)
        {
            _pos += length;
            _line++;
            _lineStart = _pos;
        }

        /// <summary>The length of the line break at <paramref name="at"/> as YamlDotNet counts lines (CR LF is one), or 0.</summary>
        private int BreakLength(int at) => _text[at] switch
        {
            '\r' => at + 1 < _text.Length && _text[at + 1] == '\n' ? 2 : 1,
            '\n' or '\u0085' or '\u2028' or '\u2029' => 1,
            _ => 0,
        };
    }
}
