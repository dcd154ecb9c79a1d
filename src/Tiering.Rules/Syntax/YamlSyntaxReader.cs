using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tiering.Rules.Syntax;

/// <summary>
/// Reads one policy file through YamlDotNet's parser events into <see cref="SyntaxNode"/>s that keep their
/// positions. Rejects what a policy file must not contain: duplicate keys, anchors and aliases, explicit tags,
/// several documents, over-deep nesting and over-large files. Never throws on bad input.
/// </summary>
internal static class YamlSyntaxReader
{
    /// <summary>
    /// The tree of one file: through <see cref="SubsetYamlReader"/> when the file is in the common subset, else through
    /// YamlDotNet, and then the reason is added to <paramref name="fallbacks"/> (when given).
    /// </summary>
    public static SyntaxNode? Read(string path, string text, LoadLimits limits, List<Diagnostic> diagnostics, ScratchList<YamlReaderFallback>? fallbacks = null)
    {
        var byteCount = System.Text.Encoding.UTF8.GetByteCount(text);
        if (byteCount > limits.MaxFileBytes)
        {
            diagnostics.Add(DiagnosticDescriptors.FileTooLarge.Create(SourceSpan.FileStart(path), byteCount, limits.MaxFileBytes));
            return null;
        }

        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..]; // a byte order mark (text handed to LoadSources as read by a tool that kept it) is not content
        }

        if (!PolicyCharacters.CheckText(path, text, diagnostics))
        {
            return null;
        }

        var root = ReadTree(path, text, limits, diagnostics, fallbacks);
        return root is null || PolicyCharacters.CheckScalars(root, diagnostics) ? root : null;
    }

    private static SyntaxNode? ReadTree(string path, string text, LoadLimits limits, List<Diagnostic> diagnostics, ScratchList<YamlReaderFallback>? fallbacks)
    {
        YamlReaderFallback? fallback;
        if (SubsetYamlReader.IsEnabled)
        {
            if (SubsetYamlReader.TryRead(path, text, limits.MaxNestingDepth, out fallback) is { } tree)
            {
                return tree;
            }
        }
        else
        {
            fallback = SubsetYamlReader.Disabled(path);
        }

        fallbacks?.Add(fallback!);
        return ReadWithYamlDotNet(path, text, limits, diagnostics);
    }

    /// <summary>Reads through YamlDotNet's parser: every file <see cref="SubsetYamlReader"/> leaves, and every error.</summary>
    public static SyntaxNode? ReadWithYamlDotNet(string path, string text, LoadLimits limits, List<Diagnostic> diagnostics)
    {
        var reader = new Reader(path, text, limits, diagnostics);
        try
        {
            return reader.ReadStream(new Parser(new StringReader(text)));
        }
        catch (YamlException ex)
        {
            var position = new SourcePosition((int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column));
            diagnostics.Add(YamlLayoutCheck.Find(path, text, position.Line)
                ?? DiagnosticDescriptors.YamlSyntax.Create(SourceSpan.At(path, position), CleanMessage(ex.Message)));
            return null;
        }
        catch (StopReadingException)
        {
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet's scanner can fail with a non-YAML exception on some malformed input (for example an
            // unclosed flow mapping at the end of a file). Report it at the last position the parser reached.
            diagnostics.Add(YamlLayoutCheck.Find(path, text, reader.LastPosition.Line) ?? DiagnosticDescriptors.YamlSyntax.Create(
                SourceSpan.At(path, reader.LastPosition),
                "the YAML could not be parsed after this point; look for an unclosed '{', '[' or quote"));
            return null;
        }
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the diagnostic already has the position.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    private sealed class StopReadingException : Exception
    {
    }

    private sealed class Reader(string path, string text, LoadLimits limits, List<Diagnostic> diagnostics)
    {
        private int _depth;

        /// <summary>The 0-based column of the innermost block collection (-1 at the root): where a block scalar's indentation indicator counts from.</summary>
        private int _blockIndent = -1;

        public SourcePosition LastPosition { get; private set; } = new(1, 1);

        public SyntaxNode? ReadStream(IParser parser)
        {
            parser.Consume<StreamStart>();
            SyntaxNode? root = null;
            var documents = 0;
            SourcePosition secondDocument = default;
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                documents++;
                if (documents == 2)
                {
                    secondDocument = ToPosition(start.Start);
                }

                var node = ReadNode(parser);
                parser.Consume<DocumentEnd>();
                root ??= node;
            }

            parser.Consume<StreamEnd>();
            if (documents != 1)
            {
                var at = documents == 0 ? new SourcePosition(1, 1) : secondDocument;
                diagnostics.Add(DiagnosticDescriptors.DocumentCount.Create(SourceSpan.At(path, at), documents));
                return null;
            }

            return root;
        }

        private SyntaxNode ReadNode(IParser parser)
        {
            var current = parser.Current ?? throw new StopReadingException();
            LastPosition = ToPosition(current.Start);
            if (current is AnchorAlias alias)
            {
                diagnostics.Add(DiagnosticDescriptors.AnchorOrAlias.Create(Span(alias), "*" + alias.Value));
                throw new StopReadingException();
            }

            if (current is NodeEvent nodeEvent)
            {
                if (!nodeEvent.Anchor.IsEmpty)
                {
                    diagnostics.Add(DiagnosticDescriptors.AnchorOrAlias.Create(Span(nodeEvent), "&" + nodeEvent.Anchor.Value));
                }

                if (!nodeEvent.Tag.IsEmpty && (!nodeEvent.Tag.IsNonSpecific || nodeEvent.Tag.Value == "!"))
                {
                    diagnostics.Add(DiagnosticDescriptors.ExplicitTag.Create(Span(nodeEvent), nodeEvent.Tag.Value));
                }
            }

            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    return new ScalarSyntax(
                        scalar.Value,
                        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted,
                        scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded,
                        Span(scalar),
                        ScalarContentScanner.Map(text, scalar, _blockIndent));
                case SequenceStart sequenceStart:
                    {
                        Enter(sequenceStart);
                        var outerIndent = _blockIndent;
                        _blockIndent = sequenceStart.Style == SequenceStyle.Block ? (int)sequenceStart.Start.Column - 1 : _blockIndent;
                        parser.MoveNext();
                        var items = new List<SyntaxNode>();
                        while (parser.Current is not SequenceEnd)
                        {
                            items.Add(ReadNode(parser));
                        }

                        var end = parser.Current;
                        parser.MoveNext();
                        _depth--;
                        _blockIndent = outerIndent;
                        return new SequenceSyntax([.. items], new SourceSpan(path, ToPosition(sequenceStart.Start), ToPosition(end.End)));
                    }

                case MappingStart mappingStart:
                    {
                        Enter(mappingStart);
                        var outerIndent = _blockIndent;
                        _blockIndent = mappingStart.Style == MappingStyle.Block ? (int)mappingStart.Start.Column - 1 : _blockIndent;
                        parser.MoveNext();
                        var entries = new List<MappingEntry>();
                        var seen = new Dictionary<string, ScalarSyntax>(StringComparer.Ordinal);
                        while (parser.Current is not MappingEnd)
                        {
                            var keyNode = ReadNode(parser);
                            var value = ReadNode(parser);
                            if (keyNode is not ScalarSyntax key)
                            {
                                diagnostics.Add(DiagnosticDescriptors.ComplexKey.Create(keyNode.Span));
                                continue;
                            }

                            if (seen.TryGetValue(key.Value, out var first))
                            {
                                diagnostics.Add(DiagnosticDescriptors.DuplicateKey.Create(key.Span, key.Value, first.Span.Start.Line));
                                continue;
                            }

                            seen.Add(key.Value, key);
                            entries.Add(new MappingEntry(key, value));
                        }

                        var end = parser.Current;
                        parser.MoveNext();
                        _depth--;
                        _blockIndent = outerIndent;
                        return new MappingSyntax([.. entries], new SourceSpan(path, ToPosition(mappingStart.Start), ToPosition(end.End)));
                    }

                default:
                    throw new StopReadingException();
            }
        }

        private void Enter(ParsingEvent start)
        {
            _depth++;
            if (_depth > limits.MaxNestingDepth)
            {
                diagnostics.Add(DiagnosticDescriptors.NestingTooDeep.Create(Span(start), limits.MaxNestingDepth));
                throw new StopReadingException();
            }
        }

        private SourceSpan Span(ParsingEvent e) => new(path, ToPosition(e.Start), ToPosition(e.End));

        private static SourcePosition ToPosition(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));
    }
}
