// The common subset of YAML that SubsetYamlReader reads. Anything outside it, and every error, makes the reader give up
// on the whole file (it names the first thing it met), and YamlSyntaxReader reads that file through YamlDotNet's parser
// instead, which reads all of YAML 1.2 and reports every error. For a file it accepts, the tree is the one YamlDotNet
// builds (values, quoting, spans): tests/Tiering.Rules.Tests/Syntax holds the two readers to it.
//
//   file          := line* ; \n or \r\n line ends; one document: no "---" or "..." line, no "%" directive
//   document      := blank-or-comment-lines, block-node, blank-or-comment-lines
//   block-node    := block-mapping | block-sequence                     ; the root is a collection, never a scalar
//   block-mapping := entry+   ; every key at one column, keys unique
//     entry       := key ':' ( ' ' inline | ' ' block-scalar | line-end block-node )
//                    ; a nested block-node is indented deeper than its key, or is a sequence at the key's column
//   block-sequence:= ( '-' ' ' item )+   ; every dash at one column
//     item        := inline | compact-mapping (key: value on the dash's line, more keys below) | line-end block-node
//   inline        := flow-node, then nothing on the line but spaces and a comment
//   flow-node     := '[' ( flow-node ( ',' flow-node )* )? ']'
//                  | '{' ( key ': ' flow-node ( ',' key ': ' flow-node )* )? '}'   ; keys scalars, unique
//                  | quoted | plain                                   ; a flow collection opens and closes on one line
//   key           := plain | quoted   ; on one line, at most 1,000 characters
//   plain         := one line; not starting with an indicator ( - ? : , [ ] { } # & * ! | > ' " % @ ` ) unless
//                    '-' is followed by a non-space; ends before ': ', ' #' or the line end (in a flow collection
//                    also before ',' '[' ']' '{' '}'; 'a:b' there is left to YamlDotNet); trailing spaces not included
//   quoted        := "'" ( char | "''" )* "'"  |  '"' ( char | escape )* '"'   ; closed on the line it opens
//     escape      := \\  \"  \/  \n  \t  \uXXXX (not a surrogate or control character)
//   block-scalar  := ( '|' | '>' ) '-'?, then lines indented deeper than the parent; the first content line sets the
//                    indentation; clip or strip chomping; no keep ('+'), no indentation indicator; a folded scalar
//                    has no more-indented lines; blank lines hold no more spaces than the indentation
//   comment       := '#' at a line's start or after a space, to the line end
//   characters    := no tab or other control character, no U+007F..U+00A0, U+2028, U+2029, byte order mark, U+FFFE,
//                    U+FFFF or surrogate pair; a file's last line, if it has no line break, holds content
//
// Left to YamlDotNet, so always outside: anchors (&), aliases (*), tags (!), complex keys (?), empty values (null),
// duplicate keys, multi-line plain, quoted or flow scalars, several documents, directives, nesting deeper than
// LoadLimits.MaxNestingDepth, and anything that is an error. The switch Tiering.Rules.Syntax.DisableSubsetReader
// (an AppContext switch, read once) sends every file to YamlDotNet, to measure the cold start without this reader.
//
// Over 400 lines on purpose: one recursive-descent reader over one text, whose offsets, line table and give-up rule
// every part shares; split, those invariants would be spread over files.
using System.Runtime.CompilerServices;
using System.Text;
using Tiering.Rules.Collections;
using Tiering.Rules.Text;

namespace Tiering.Rules.Syntax;

/// <summary>
/// Reads the YAML policy files are written in without YamlDotNet: block mappings and sequences, single-line flow
/// mappings and sequences, plain and single-line quoted scalars, literal and folded block scalars, comments (the
/// grammar is at the top of this file). On anything else — and on anything that is an error — it gives up (returns
/// null, saying where and why) and <see cref="YamlSyntaxReader"/> reads the file through YamlDotNet's parser, which has
/// the last word and reports the errors. For every file it accepts it builds exactly the tree, spans and content maps
/// included, that the YamlDotNet path builds (differential tests hold it to that on every shipped file, on a corpus of
/// YAML shapes and on thousands of damaged files). It exists for the cold start: YamlDotNet's first parse in a process
/// costs about 30 ms of JIT, a fifth of loading the first policy.
/// </summary>
internal static class SubsetYamlReader
{
    /// <summary>The AppContext switch that turns this reader off: every file is then read by YamlDotNet.</summary>
    public const string DisableSwitch = "Tiering.Rules.Syntax.DisableSubsetReader";

    /// <summary>False when the host set <see cref="DisableSwitch"/>; read once, at the first load.</summary>
    public static bool IsEnabled { get; } = !(AppContext.TryGetSwitch(DisableSwitch, out var disabled) && disabled);

    /// <summary>The tree of <paramref name="text"/>, or null when it holds anything outside the subset.</summary>
    public static SyntaxNode? TryRead(string path, string text, int maxNestingDepth) => TryRead(path, text, maxNestingDepth, out _);

    /// <summary>
    /// The tree of <paramref name="text"/>, or null when it holds anything outside the subset; then
    /// <paramref name="fallback"/> says where this reader gave up and why (the first thing it met outside the subset).
    /// </summary>
    public static SyntaxNode? TryRead(string path, string text, int maxNestingDepth, out YamlReaderFallback? fallback)
    {
        fallback = null;
        if (text.Contains('\r'))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        for (var i = 0; i < text.Length; i++)
        {
            // Tabs, other control characters, YAML 1.1's extra line breaks, the BOM, NBSP and surrogate pairs are all
            // legal somewhere in YAML, and all rare in a policy: leave them to the full parser.
            var c = text[i];
            if (c < ' ' && c != '\n' || c is >= '\u007F' and <= '\u00A0' || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
            {
                fallback = Refused(path, text, i, CharacterReason(c));
                return null;
            }
        }

        // A last line without a break that holds only spaces or a comment moves where YamlDotNet ends the stream.
        var tail = text.AsSpan(text.LastIndexOf('\n') + 1).TrimStart(' ');
        if (tail.Length == 0 && !text.EndsWith('\n') && text.Length > 0 && text[^1] == ' ' || tail.StartsWith("#"))
        {
            fallback = Refused(path, text, text.LastIndexOf('\n') + 1, "a last line without a line break that holds only spaces or a comment");
            return null;
        }

        var reader = new Reader(path, text, maxNestingDepth);
        try
        {
            return reader.ReadDocument();
        }
        catch (UnsupportedException unsupported)
        {
            fallback = reader.Refused(unsupported);
            return null;
        }
    }

    /// <summary>What a load records for a file when the switch has turned this reader off.</summary>
    public static YamlReaderFallback Disabled(string path) =>
        new(SourceSpan.FileStart(path), $"the subset reader is switched off ({DisableSwitch})");

    /// <summary>Where and why this reader gave up at <paramref name="offset"/>, before reading any structure.</summary>
    private static YamlReaderFallback Refused(string path, string text, int offset, string reason)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new YamlReaderFallback(SourceSpan.At(path, new SourcePosition(line, offset - lineStart + 1)), reason);
    }

    private static string CharacterReason(char c) => c switch
    {
        '\t' => "a tab",
        '\uFEFF' => "a byte order mark inside the text",
        '\u00A0' => "a no-break space",
        '\u0085' or '\u2028' or '\u2029' => "a Unicode line or paragraph separator",
        _ when char.IsSurrogate(c) => "a character outside the Basic Multilingual Plane (a surrogate pair)",
        _ => $"the control character U+{(int)c:X4}",
    };

    /// <summary>Thrown where the reader gives up: the offset it had reached, and why (when the throw site says).</summary>
    private sealed class UnsupportedException(int offset, string? reason, string construct) : Exception
    {
        public int Offset { get; } = offset;

        public string? Reason { get; } = reason;

        /// <summary>The reader method that gave up.</summary>
        public string Construct { get; } = construct;
    }

    private sealed class Reader
    {
        private readonly string _path;
        private readonly string _text;
        private readonly int _maxDepth;
        private readonly int[] _lineStarts;
        private int _lineHint;
        private int _pos;
        private int _depth;
        // One list per depth, made when a node first reaches it (sized for the shipped policies' depth, grown past it;
        // not empty arrays: those would load an empty-array type per element type).
        private ScratchList<MappingEntry>[] _entryScratch = new ScratchList<MappingEntry>[8];
        private ScratchList<SyntaxNode>[] _itemScratch = new ScratchList<SyntaxNode>[8];

        public Reader(string path, string text, int maxDepth)
        {
            _path = path;
            _text = text;
            _maxDepth = maxDepth;
            // Sized once, found by a vectorised search: a line index grown one line at a time was a fifth of a reload.
            _lineStarts = new int[text.AsSpan().Count('\n') + 1];
            var line = 1;
            for (var at = text.IndexOf('\n', StringComparison.Ordinal); at >= 0; at = text.IndexOf('\n', at + 1))
            {
                _lineStarts[line++] = at + 1;
            }
        }

        public SyntaxNode ReadDocument()
        {
            if (!NextContent())
            {
                throw Unsupported("an empty document");
            }

            var root = ReadBlockNode(parentColumn: 0, allowSequenceAtParentColumn: false);
            return NextContent() ? throw Unsupported("content after the root collection") : root;
        }

        // ---- block context ----

        /// <summary>A collection starting at the current position, the first content of its line.</summary>
        private SyntaxNode ReadBlockNode(int parentColumn, bool allowSequenceAtParentColumn)
        {
            var column = Column(_pos);
            if (IsSequenceDash(_pos))
            {
                return column > parentColumn || allowSequenceAtParentColumn && column == parentColumn ? ReadBlockSequence(column) : throw Unsupported("a list indented no deeper than its parent");
            }

            return column > parentColumn ? ReadBlockMapping(column) : throw Unsupported("a mapping indented no deeper than its parent");
        }

        private MappingSyntax ReadBlockMapping(int column)
        {
            var start = _pos;
            Enter();
            var entries = EntryScratch();
            NameMap<SyntaxNode?>? keys = null;
            while (true)
            {
                var key = ReadKey();
                if (IsDuplicate(entries, ref keys, key.Value))
                {
                    throw Unsupported("a duplicate key");
                }

                entries.Add(new MappingEntry(key, ReadBlockValue(column)));
                if (!NextContent() || Column(_pos) < column)
                {
                    break;
                }

                if (Column(_pos) > column || IsSequenceDash(_pos))
                {
                    throw Unsupported("a line indented deeper than the keys of its mapping, or a list item among them");
                }
            }

            _depth--;
            return new MappingSyntax(entries.ToArray(), BlockSpan(start));
        }

        private SequenceSyntax ReadBlockSequence(int column)
        {
            var start = _pos;
            Enter();
            var items = ItemScratch();
            while (true)
            {
                _pos++; // the dash
                SkipSpaces();
                if (AtLineEnd())
                {
                    if (!NextContent() || Column(_pos) <= column)
                    {
                        throw Unsupported("an empty list item");
                    }

                    items.Add(ReadBlockNode(column, allowSequenceAtParentColumn: false));
                }
                else if (IsSequenceDash(_pos) || Peek(_pos) is '|' or '>')
                {
                    throw Unsupported("a list or a block scalar on the line of its dash");
                }
                else if (LooksLikeKey())
                {
                    items.Add(ReadBlockMapping(Column(_pos)));
                }
                else
                {
                    items.Add(ReadInlineValue(column));
                }

                if (!NextContent() || Column(_pos) < column)
                {
                    break;
                }

                if (Column(_pos) > column)
                {
                    throw Unsupported("a line indented deeper than the items of its list");
                }

                if (!IsSequenceDash(_pos))
                {
                    break; // the parent mapping's next key (an indentless sequence)
                }
            }

            _depth--;
            return new SequenceSyntax(items.ToArray(), BlockSpan(start));
        }

        /// <summary>The value after <c>key:</c> of a block mapping at <paramref name="column"/>; leaves the position at its line's end.</summary>
        private SyntaxNode ReadBlockValue(int column)
        {
            SkipSpaces();
            if (!AtLineEnd())
            {
                return Peek(_pos) is '|' or '>' ? ReadBlockScalar(column) : ReadInlineValue(column);
            }

            if (!NextContent())
            {
                throw Unsupported("an empty value");
            }

            var next = Column(_pos);
            if (next > column || next == column && IsSequenceDash(_pos))
            {
                return ReadBlockNode(column, allowSequenceAtParentColumn: true);
            }

            throw Unsupported("an empty value");
        }

        /// <summary>A scalar or flow collection that ends on its own line, in a block collection at <paramref name="column"/>.</summary>
        private SyntaxNode ReadInlineValue(int column)
        {
            var node = Peek(_pos) switch
            {
                '[' or '{' => ReadFlowNode(),
                '"' or '\'' => ReadQuoted(),
                _ => ReadPlain(flow: false),
            };
            SkipSpaces();
            if (!AtLineEnd())
            {
                throw Unsupported("more on the line after a value (as in 'a: b: c', or text after a quoted scalar or a flow collection)");
            }

            if (node is ScalarSyntax { IsQuoted: false })
            {
                // A more-indented line next would continue the plain scalar (or be an error): not ours.
                var save = _pos;
                if (NextContent() && Column(_pos) > column)
                {
                    throw Unsupported("a plain scalar continued on the next line");
                }

                _pos = save;
            }

            return node;
        }

        private ScalarSyntax ReadKey()
        {
            var key = Peek(_pos) is '"' or '\'' ? ReadQuoted() : ReadPlain(flow: false);
            SkipSpaces();
            if (Peek(_pos) != ':' || !IsBlankOrEnd(_pos + 1) || key.Value.Length > 1000)
            {
                throw Unsupported("a key not followed by ': ' on its line, or longer than 1,000 characters");
            }

            _pos++;
            return key;
        }

        /// <summary>Whether the current line, from here, starts with <c>key:</c> (a compact mapping in a sequence item).</summary>
        private bool LooksLikeKey()
        {
            var save = _pos;
            try
            {
                if (Peek(_pos) is '[' or '{')
                {
                    return false;
                }

                _ = Peek(_pos) is '"' or '\'' ? ReadQuoted() : ReadPlain(flow: false);
                SkipSpaces();
                return Peek(_pos) == ':' && IsBlankOrEnd(_pos + 1);
            }
            finally
            {
                _pos = save;
            }
        }

        private ScalarSyntax ReadBlockScalar(int column)
        {
            var start = _pos;
            var folded = _text[_pos] == '>';
            _pos++;
            var strip = false;
            if (Peek(_pos) == '-')
            {
                strip = true;
                _pos++;
            }

            SkipSpaces();
            if (!AtLineEnd())
            {
                throw Unsupported(); // keep (+), an indentation indicator, or text after the header
            }

            _pos = LineEnd(_pos);
            var lines = new List<string>();
            var breakColumns = new List<int>(); // where each line's break sits (or the end of the text)
            var indent = -1;
            var lastTextBroken = false; // whether a line break follows the last line with text
            while (_pos < _text.Length)
            {
                var lineStart = _pos + 1;
                if (lineStart >= _text.Length)
                {
                    _pos = _text.Length;
                    break;
                }

                var end = LineEnd(lineStart);
                var spaces = 0;
                while (lineStart + spaces < end && _text[lineStart + spaces] == ' ')
                {
                    spaces++;
                }

                if (lineStart + spaces == end)
                {
                    if (indent >= 0 && spaces > indent || indent < 0 && spaces > column)
                    {
                        throw Unsupported(); // a blank line that holds content spaces
                    }

                    lines.Add(string.Empty);
                    breakColumns.Add(end - lineStart + 1);
                    _pos = end;
                    continue;
                }

                if (indent < 0)
                {
                    if (spaces + 1 <= column)
                    {
                        throw Unsupported(); // an empty block scalar
                    }

                    indent = spaces;
                }

                if (spaces < indent)
                {
                    _pos = lineStart - 1;
                    break;
                }

                if (spaces > indent && folded)
                {
                    throw Unsupported(); // more-indented lines of a folded scalar keep their breaks
                }

                lines.Add(_text[(lineStart + indent)..end]);
                breakColumns.Add(end - lineStart + 1);
                lastTextBroken = end < _text.Length;
                _pos = end;
            }

            if (indent < 0)
            {
                throw Unsupported();
            }

            // Trailing blank lines are not content; clip keeps one final break, strip none.
            var count = lines.Count;
            while (count > 0 && lines[count - 1].Length == 0)
            {
                count--;
            }

            // Lines[i] is on the i-th line after the header. A space or break that joins two lines sits at the first
            // line break not yet given to one, after the last line with text.
            var firstLine = Line(start) + 1;
            var map = new ScalarContentMap.Builder();
            var nextBreak = 0;
            var value = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    var join = !folded || lines[i - 1].Length == 0 ? "\n" : lines[i].Length == 0 ? string.Empty : " ";
                    if (join.Length > 0)
                    {
                        map.Add(value.Length, firstLine + nextBreak, breakColumns[nextBreak]);
                        nextBreak++;
                        value.Append(join);
                    }
                }

                if (lines[i].Length > 0)
                {
                    map.Add(value.Length, firstLine + i, indent + 1);
                    nextBreak = i;
                    value.Append(lines[i]);
                }
            }

            if (!strip && lastTextBroken)
            {
                // Clip keeps the last line's break; at the very end of a file without one there is none to keep.
                map.Add(value.Length, firstLine + nextBreak, breakColumns[nextBreak]);
                value.Append('\n');
            }

            // The block ends at the start of the line that ended it (or at the end of the stream).
            var endLineStart = _pos >= _text.Length ? -1 : _pos + 1;
            var endPosition = endLineStart >= 0 ? new SourcePosition(Line(endLineStart), 1)
                : _text.EndsWith('\n') ? StreamEnd()
                : Span(start, _text.Length).End; // cut off after its last character
            if (endLineStart >= 0)
            {
                _pos = endLineStart - 1; // at the break before it, so the caller's NextContent finds the next token
            }

            return new ScalarSyntax(value.ToString(), false, true, new SourceSpan(_path, Position(start), endPosition), map.Build(Position(start)));
        }

        // ---- flow context (one line) ----

        private SyntaxNode ReadFlowNode() => Peek(_pos) switch
        {
            '[' => ReadFlowSequence(),
            '{' => ReadFlowMapping(),
            '"' or '\'' => ReadQuoted(),
            _ => ReadPlain(flow: true),
        };

        private SequenceSyntax ReadFlowSequence()
        {
            var start = _pos++;
            Enter();
            var items = ItemScratch();
            SkipSpaces();
            if (Peek(_pos) != ']')
            {
                do
                {
                    items.Add(ReadFlowNode());
                }
                while (FlowComma());
            }

            return new SequenceSyntax(items.ToArray(), CloseFlow(start, ']'));
        }

        private MappingSyntax ReadFlowMapping()
        {
            var start = _pos++;
            Enter();
            var entries = EntryScratch();
            NameMap<SyntaxNode?>? keys = null;
            SkipSpaces();
            if (Peek(_pos) != '}')
            {
                do
                {
                    if (Peek(_pos) is '[' or '{')
                    {
                        throw Unsupported("a collection as the key of a flow mapping");
                    }

                    var key = Peek(_pos) is '"' or '\'' ? ReadQuoted() : ReadPlain(flow: true);
                    SkipSpaces();
                    if (Peek(_pos) != ':' || Peek(_pos + 1) != ' ' || IsDuplicate(entries, ref keys, key.Value))
                    {
                        throw Unsupported("a key of a flow mapping without ': ' after it, or a duplicate key");
                    }

                    _pos++;
                    SkipSpaces();
                    entries.Add(new MappingEntry(key, ReadFlowNode()));
                }
                while (FlowComma());
            }

            return new MappingSyntax(entries.ToArray(), CloseFlow(start, '}'));
        }

        /// <summary>After a flow item: true when a comma follows (consumed, with the spaces after it), false at anything else.</summary>
        private bool FlowComma()
        {
            SkipSpaces();
            if (Peek(_pos) != ',')
            {
                return false;
            }

            _pos++;
            SkipSpaces();
            return true;
        }

        /// <summary>Consumes the closing bracket of the flow collection opened at <paramref name="start"/> and gives its span.</summary>
        private SourceSpan CloseFlow(int start, char closer)
        {
            if (Peek(_pos) != closer)
            {
                throw Unsupported("a flow collection that does not close on its line");
            }

            _pos++;
            _depth--;
            return Span(start, _pos - 1);
        }

        // ---- scalars ----

        private ScalarSyntax ReadPlain(bool flow)
        {
            var start = _pos;
            var first = Peek(_pos);
            if (first is '\0' or ' ' or '\n' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or '?' or ':'
                || first == '-' && IsBlankOrEnd(_pos + 1))
            {
                throw Unsupported();
            }

            var end = _pos;
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '\n' || c == ':' && (IsBlankOrEnd(_pos + 1) || flow) || c == '#' && _text[_pos - 1] == ' ')
                {
                    break;
                }

                if (flow && c is ',' or '[' or ']' or '{' or '}')
                {
                    break;
                }

                _pos++;
                if (c != ' ')
                {
                    end = _pos;
                }
            }

            if (flow && Peek(_pos) == ':' && !IsBlankOrEnd(_pos + 1))
            {
                throw Unsupported(); // "a:b" in a flow collection
            }

            _pos = end;
            return new ScalarSyntax(_text[start..end], false, false, Span(start, end));
        }

        private ScalarSyntax ReadQuoted()
        {
            var start = _pos;
            var quote = _text[_pos++];
            var value = new StringBuilder();
            ScalarContentMap.Builder? map = null; // from the first escape on: the value no longer follows the text
            while (true)
            {
                var c = Peek(_pos);
                if (c is '\0' or '\n')
                {
                    throw Unsupported(); // unclosed on its line
                }

                var at = _pos++;
                if (c == quote)
                {
                    if (quote == '\'' && Peek(_pos) == '\'')
                    {
                        map = MapEscape(map, start, value.Length, at);
                        value.Append('\'');
                        _pos++;
                        continue;
                    }

                    break;
                }

                if (c == '\\' && quote == '"')
                {
                    map = MapEscape(map, start, value.Length, at);
                    value.Append(Escape());
                    continue;
                }

                map?.Add(value.Length, Line(at), Column(at));
                value.Append(c);
            }

            var span = Span(start, _pos);
            return new ScalarSyntax(value.ToString(), true, false, span, map?.Build(span.Start.Shift(1)));
        }

        /// <summary>Notes that the value's character at <paramref name="offset"/> is written as an escape at <paramref name="at"/> in the quoted scalar opened at <paramref name="start"/>.</summary>
        private ScalarContentMap.Builder MapEscape(ScalarContentMap.Builder? map, int start, int offset, int at)
        {
            if (map is null)
            {
                map = new ScalarContentMap.Builder();
                map.Add(0, Line(start), Column(start) + 1);
            }

            map.Add(offset, Line(at), Column(at));
            return map;
        }

        private char Escape()
        {
            var c = Peek(_pos++);
            switch (c)
            {
                case '\\' or '"' or '/':
                    return c;
                case 'n':
                    return '\n';
                case 't':
                    return '\t';
                case 'u' when _pos + 4 <= _text.Length
                    && ushort.TryParse(_text.AsSpan(_pos, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
                    && !char.IsSurrogate((char)code) && code >= ' ':
                    _pos += 4;
                    return (char)code;
                default:
                    throw Unsupported();
            }
        }

        // ---- positions and lines ----

        /// <summary>Moves to the next content (past spaces, comments and line breaks); false at the end of the text.</summary>
        private bool NextContent()
        {
            while (true)
            {
                SkipSpaces();
                if (_pos >= _text.Length)
                {
                    return false;
                }

                var c = _text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    if (StartsDocumentMarker(_pos))
                    {
                        throw Unsupported("a document marker or a directive (several documents)");
                    }

                    continue;
                }

                if (c == '#')
                {
                    if (_pos > 0 && _text[_pos - 1] != ' ' && _text[_pos - 1] != '\n')
                    {
                        throw Unsupported("a comment not preceded by a space");
                    }

                    _pos = LineEnd(_pos);
                    continue;
                }

                if (_pos == 0 && StartsDocumentMarker(0))
                {
                    throw Unsupported("a document marker or a directive (several documents)");
                }

                return true;
            }
        }

        private bool StartsDocumentMarker(int at) =>
            Peek(at) == '%'
            || (_text.AsSpan(at).StartsWith("---", StringComparison.Ordinal) || _text.AsSpan(at).StartsWith("...", StringComparison.Ordinal)) && IsBlankOrEnd(at + 3);

        private bool AtLineEnd()
        {
            if (Peek(_pos) == '#' && _pos > 0 && _text[_pos - 1] == ' ')
            {
                _pos = LineEnd(_pos);
            }

            return _pos >= _text.Length || _text[_pos] == '\n';
        }

        private void SkipSpaces()
        {
            while (_pos < _text.Length && _text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private bool IsSequenceDash(int at) => Peek(at) == '-' && IsBlankOrEnd(at + 1);

        private bool IsBlankOrEnd(int at) => at >= _text.Length || _text[at] is ' ' or '\n';

        private char Peek(int at) => at < _text.Length ? _text[at] : '\0';

        private int LineEnd(int from)
        {
            var end = _text.IndexOf('\n', from);
            return end < 0 ? _text.Length : end;
        }

        /// <summary>
        /// The list a mapping at the current depth gathers its entries in, empty: one per depth, reused by every mapping
        /// at that depth (the node keeps an array of its own), so a file costs a few lists rather than one per mapping.
        /// </summary>
        private ScratchList<MappingEntry> EntryScratch() => Scratch(ref _entryScratch);

        /// <summary>As <see cref="EntryScratch"/>, for a sequence's items.</summary>
        private ScratchList<SyntaxNode> ItemScratch() => Scratch(ref _itemScratch);

        private ScratchList<T> Scratch<T>(ref ScratchList<T>[] byDepth)
        {
            if (byDepth.Length <= _depth)
            {
                Array.Resize(ref byDepth, _depth + 8);
            }

            var list = byDepth[_depth] ??= new ScratchList<T>();
            list.Clear();
            return list;
        }

        /// <summary>
        /// Whether <paramref name="key"/> is already a key of the mapping: a scan while it is small (most mappings hold a
        /// handful of keys), a map of the keys from the seventeenth on, so a mapping of thousands costs no square (the
        /// engine's <see cref="NameMap{TValue}"/>, which the builder loads anyway: a hash set of strings was five type
        /// loads of its own in a first load, whose fields mapping has nineteen keys).
        /// </summary>
        private static bool IsDuplicate(ScratchList<MappingEntry> entries, ref NameMap<SyntaxNode?>? keys, string key)
        {
            if (keys is null)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i].Key.Value == key)
                    {
                        return true;
                    }
                }

                if (entries.Count < 16)
                {
                    return false;
                }

                keys = new NameMap<SyntaxNode?>(entries.Count * 2);
                for (var i = 0; i < entries.Count; i++)
                {
                    keys.TryAdd(entries[i].Key.Value, null);
                }
            }

            return !keys.TryAdd(key, null);
        }

        private void Enter()
        {
            if (++_depth > _maxDepth)
            {
                throw Unsupported("nesting deeper than the limit"); // reported by the full parser
            }
        }

        /// <summary>The 1-based line of <paramref name="offset"/>. The reader asks in nearly rising order, so the line of the
        /// last answer and the next one are tried before a binary search (two searches per position were a tenth of a
        /// reload).</summary>
        private int Line(int offset)
        {
            var starts = _lineStarts;
            var hint = _lineHint;
            if (starts[hint] <= offset)
            {
                if (hint + 1 == starts.Length || offset < starts[hint + 1])
                {
                    return hint + 1;
                }

                if (hint + 2 == starts.Length || offset < starts[hint + 2])
                {
                    _lineHint = hint + 1;
                    return hint + 2;
                }
            }

            // The last line starting at or before the offset (a loop of our own: Array.BinarySearch<int> is generic code
            // a first load had to compile).
            int low = 0, high = starts.Length - 1;
            while (low < high)
            {
                var middle = low + ((high - low + 1) >> 1);
                if (starts[middle] <= offset)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            _lineHint = low;
            return low + 1;
        }

        private int Column(int offset) => offset - _lineStarts[Line(offset) - 1] + 1;

        private SourcePosition Position(int offset)
        {
            if (offset >= _text.Length)
            {
                return StreamEnd();
            }

            var line = Line(offset);
            return new SourcePosition(line, offset - _lineStarts[line - 1] + 1);
        }

        /// <summary>Where YAML puts the end of the stream: column 1 of the line after the last.</summary>
        private SourcePosition StreamEnd() => new(_text.EndsWith('\n') ? _lineStarts.Length : _lineStarts.Length + 1, 1);

        /// <summary>A block collection ends where the next token starts (or at the end of the stream).</summary>
        private SourceSpan BlockSpan(int start) => new(_path, Position(start), Position(_pos));

        /// <summary>A scalar or flow collection ends just after its last character, on that character's line.</summary>
        private SourceSpan Span(int start, int end)
        {
            var line = Line(end - 1);
            return new SourceSpan(_path, Position(start), new SourcePosition(line, end - _lineStarts[line - 1] + 1));
        }

        /// <summary>
        /// Why a scalar's reader gave up, from the method that did and the character where it stopped (the scalar code
        /// throws without naming a reason).
        /// </summary>
        private static string ScalarReason(string construct, char at) => construct switch
        {
            nameof(ReadPlain) => at switch
            {
                '&' => "an anchor (&)",
                '*' => "an alias (*)",
                '!' => "a tag (!)",
                '?' => "a complex key (?)",
                '\0' or '\n' => "a flow collection that does not close on its line",
                ',' or ']' or '}' => $"an empty entry in a flow collection, or a plain scalar starting with '{at}'",
                ':' => "a plain scalar starting with ':', or 'a:b' in a flow collection",
                _ => $"a plain scalar starting with '{at}'",
            },
            nameof(ReadQuoted) => "a quoted scalar that does not close on its line",
            nameof(Escape) => "an escape sequence other than \\\\ \\\" \\/ \\n \\t \\uXXXX",
            nameof(ReadBlockScalar) => "a block scalar outside the subset (keep chomping '+', an indentation indicator, an empty block scalar, a blank line holding more spaces than the indentation, or a more-indented line in a folded scalar)",
            _ => "YAML outside the subset",
        };

        /// <summary>Where and why this reader gave up, for the load's record of files left to YamlDotNet.</summary>
        public YamlReaderFallback Refused(UnsupportedException unsupported) =>
            new(SourceSpan.At(_path, Position(Math.Min(unsupported.Offset, _text.Length))), unsupported.Reason ?? ScalarReason(unsupported.Construct, Peek(unsupported.Offset)));

        private UnsupportedException Unsupported(string? reason = null, [CallerMemberName] string construct = "") => new(_pos, reason, construct);
    }
}
