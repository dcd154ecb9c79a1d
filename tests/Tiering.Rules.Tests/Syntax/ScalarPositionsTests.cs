using System.Text;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Syntax;
using Tiering.Rules.Tests.Model;
using Tiering.Rules.Tests.Support;
using Tiering.Rules.Text;
using Xunit.Abstractions;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// <see cref="ScalarSyntax.PositionOf"/> maps every character of a scalar's value back to the file, in every scalar
/// style, and both readers (the common-subset reader and YamlDotNet with the re-scan of its marks) give the same map.
/// The oracle: the file character at a value character's position is that character, the escape that wrote it, or
/// the line break that became it.
/// </summary>
public sealed class ScalarPositionsTests(ITestOutputHelper output)
{
    private static readonly int MaxDepth = LoadLimits.Default.MaxNestingDepth;

    public static TheoryData<string, string, bool, int, int> StylesAndReaders() => ExpressionPositionTests.StylesAndReaders();

    [Theory]
    [MemberData(nameof(StylesAndReaders))]
    public void PositionOf_EachScalarStyle_IsTheFieldsPositionInBothReaders(string style, string scalar, bool common, int line, int column)
    {
        foreach (var lineEnd in new[] { "\n", "\r\n" })
        {
            var text = ExpressionPositionTests.Policy(scalar).Replace("\n", lineEnd, StringComparison.Ordinal);
            var yamlDotNet = ReadWithYamlDotNet(text);
            var subset = SubsetYamlReader.TryRead("t.yaml", text, MaxDepth);

            (subset is not null).Should().Be(common, $"{style}: which reader reads it");
            foreach (var root in new[] { yamlDotNet, subset })
            {
                if (root is null)
                {
                    continue;
                }

                var when = When(root);
                when.PositionOf(when.Value.IndexOf("overdueDay ", StringComparison.Ordinal)).Should().Be(new SourcePosition(line, column), style);
                AssertEveryCharacterPointsAtItsSource(text, root, style);
            }

            if (subset is not null)
            {
                Positions(When(subset)).Should().Equal(Positions(When(yamlDotNet)), style);
            }
        }
    }

    [Theory]
    [InlineData("plain", "a: overdueDays > 1\n")]
    [InlineData("single-quoted", "a: 'overdueDays > 1'\n")]
    [InlineData("double-quoted", "a: \"overdueDays > 1\"\n")]
    [InlineData("in a flow mapping", "a: { b: c d, 'e': \"f\" }\n")]
    public void ContentMap_OneLineScalarWithoutEscapes_IsNotBuilt(string style, string text)
    {
        foreach (var root in new[] { SubsetYamlReader.TryRead("t.yaml", text, MaxDepth)!, ReadWithYamlDotNet(text) })
        {
            Scalars(root).Should().OnlyContain(s => s.ContentMap == null, style);
        }
    }

    [Fact]
    public void ContentMap_LiteralBlock_HoldsOneRunPerLine()
    {
        var text = "a: |\n  one\n    two\n\n  three\n";

        foreach (var root in new[] { SubsetYamlReader.TryRead("t.yaml", text, MaxDepth)!, ReadWithYamlDotNet(text) })
        {
            var block = (ScalarSyntax)((MappingSyntax)root).Entries[0].Value;
            block.ContentMap!.ToString().Should().Be("0@2:3 4@3:3 10@4:1 11@5:3");
            block.PositionOf(block.Value.IndexOf("two", StringComparison.Ordinal)).Should().Be(new SourcePosition(3, 5));
            block.PositionOf(block.Value.IndexOf("three", StringComparison.Ordinal)).Should().Be(new SourcePosition(5, 3));
        }
    }

    [Fact]
    public void PositionOf_EndOfAOneLineBlock_IsAfterItsLastCharacter()
    {
        var text = "a: |-\n    x > \n";

        foreach (var root in new[] { SubsetYamlReader.TryRead("t.yaml", text, MaxDepth)!, ReadWithYamlDotNet(text) })
        {
            var block = (ScalarSyntax)((MappingSyntax)root).Entries[0].Value;
            block.Value.Should().Be("x > ");
            block.PositionOf(block.Value.Length).Should().Be(new SourcePosition(2, 9), "an 'expression ends too early' error points just past the text");
        }
    }

    public static TheoryData<string> ShippedYamlFiles() => Repo.RuleFileNames();

    [Theory]
    [MemberData(nameof(ShippedYamlFiles))]
    public void PositionOf_EveryScalarOfAShippedFile_PointsAtItsText_InBothReaders(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Rules, file));

        var subset = SubsetYamlReader.TryRead(file, text, MaxDepth)!;
        var yamlDotNet = ReadWithYamlDotNet(text);

        AssertEveryCharacterPointsAtItsSource(text, subset, file);
        AssertEveryCharacterPointsAtItsSource(text, yamlDotNet, file);
        var verbatim = Scalars(subset).Where(s => !s.IsBlock && s.Span.Start.Line == s.Span.End.Line && s.Span.End.Column - s.Span.Start.Column == s.Value.Length + (s.IsQuoted ? 2 : 0)).ToList();
        verbatim.Should().NotBeEmpty().And.OnlyContain(s => s.ContentMap == null, "plain and one-line quoted scalars without escapes cost no map");
    }

    [Fact]
    public void PositionOf_DamagedShippedFiles_PointsAtTheText_InBothReaders()
    {
        var files = Directory.EnumerateFiles(Repo.Rules, "*.yaml").Order(StringComparer.Ordinal).Select(p => (Name: Path.GetFileName(p), Text: File.ReadAllText(p))).ToList();
        var random = new Random(20_261_203);
        var read = 0;
        for (var i = 0; i < 1_500; i++)
        {
            var (name, original) = files[random.Next(files.Count)];
            var (text, what) = PolicyDamage.Apply(original, random, [.. PolicyDamage.AuthorTypos, "|", "|-", ">-", "\"\\t", "'", "''"]);
            var diagnostics = new List<Diagnostic>();
            var yamlDotNet = YamlSyntaxReader.ReadWithYamlDotNet(name, text, LoadLimits.Default, diagnostics);
            if (yamlDotNet is null || diagnostics.Count > 0)
            {
                continue;
            }

            read++;
            AssertEveryCharacterPointsAtItsSource(text, yamlDotNet, $"iteration {i}: {name} {what}");
            if (SubsetYamlReader.TryRead(name, text, MaxDepth) is { } subset)
            {
                AssertEveryCharacterPointsAtItsSource(text, subset, $"iteration {i}: {name} {what}");
            }
        }

        read.Should().BeGreaterThan(500);
    }

    [Fact]
    public void PositionOf_GeneratedScalarsOfEveryStyle_PointAtTheirText_AndBothReadersAgree()
    {
        var random = new Random(20_261_204);
        int read = 0, mapped = 0, common = 0;
        for (var i = 0; i < 4_000; i++)
        {
            var text = GeneratedDocument(random);
            var diagnostics = new List<Diagnostic>();
            var yamlDotNet = YamlSyntaxReader.ReadWithYamlDotNet("t.yaml", text, LoadLimits.Default, diagnostics);
            if (yamlDotNet is null || diagnostics.Count > 0)
            {
                continue;
            }

            read++;
            var because = $"iteration {i}: [{Escape(text)}]";
            AssertEveryCharacterPointsAtItsSource(text, yamlDotNet, because);
            mapped += Scalars(yamlDotNet).Count(s => s.ContentMap is not null);
            if (SubsetYamlReader.TryRead("t.yaml", text, MaxDepth) is { } subset)
            {
                common++;
                SubsetYamlReaderTests.Dump(subset).Should().Be(SubsetYamlReaderTests.Dump(yamlDotNet), because);
            }
        }

        output.WriteLine($"read {read}, scalars with a map {mapped}, also read by the common reader {common}");
        read.Should().BeGreaterThan(2_000);
        mapped.Should().BeGreaterThan(1_500);
        common.Should().BeGreaterThan(500);
    }

    /// <summary>A small document with one scalar of a random style, content and context: the shapes positions must survive.</summary>
    private static string GeneratedDocument(Random random)
    {
        var (head, indent) = random.Next(3) switch
        {
            0 => ("k: ", 0),
            1 => ("a:\n  k: ", 2),
            _ => ("rules:\n  - id: x\n    k: ", 4),
        };
        var inner = new string(' ', indent + 2);
        var text = new StringBuilder(head);
        string[] words = ["overdueDays", "a", "> 1", "é", "中文", "x-y", "(b)", "1.5", "'t'", "\"q\"", "\\", "#x", "\t", "  "];
        string Word() => words[random.Next(words.Length)];
        var lines = 1 + random.Next(4);
        switch (random.Next(5))
        {
            case 0: // plain
                for (var l = 0; l < lines; l++)
                {
                    text.Append(l == 0 ? string.Empty : "\n" + (random.Next(4) == 0 ? string.Empty : inner + new string(' ', random.Next(3))));
                    text.Append("w").Append(Word().Replace("#", "x#", StringComparison.Ordinal).Replace(": ", ":", StringComparison.Ordinal)).Append(random.Next(2) == 0 ? " v" : string.Empty);
                }

                break;
            case 1: // single-quoted
                text.Append('\'');
                for (var l = 0; l < lines; l++)
                {
                    text.Append(l == 0 ? string.Empty : "\n" + (random.Next(4) == 0 ? string.Empty : inner));
                    text.Append(Word().Replace("'", "''", StringComparison.Ordinal)).Append(random.Next(3) == 0 ? "'' " : " ").Append(Word().Replace("'", "''", StringComparison.Ordinal));
                }

                text.Append('\'');
                break;
            case 2: // double-quoted, with escapes
                string[] escapes = ["\\t", "\\\"", "\\\\", "\\u00e9", "\\x41", "\\U0001F600", "\\uD83D\\uDE00", "\\ ", "\\/", "\\n", "\\0", "\\\n" + inner, " \\\n" + inner + "  "];
                text.Append('"');
                for (var l = 0; l < lines; l++)
                {
                    text.Append(l == 0 ? string.Empty : (random.Next(3) == 0 ? " " : string.Empty) + "\n" + (random.Next(4) == 0 ? "\n" : string.Empty) + inner);
                    text.Append(Word().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append(escapes[random.Next(escapes.Length)]).Append('z');
                }

                text.Append('"');
                break;
            default: // literal or folded
                var indicator = random.Next(3) == 0 ? (char)('1' + random.Next(2)) : '\0';
                var chomp = "-+ "[random.Next(3)];
                text.Append(random.Next(2) == 0 ? '|' : '>');
                text.Append(indicator == '\0' ? string.Empty : indicator.ToString()).Append(chomp == ' ' ? string.Empty : chomp.ToString());
                text.Append(random.Next(4) == 0 ? " # c" : string.Empty).Append('\n');
                var content = indicator == '\0' ? inner : new string(' ', indent + indicator - '0');
                if (random.Next(4) == 0)
                {
                    text.Append('\n'); // a leading blank line
                }

                for (var l = 0; l < lines; l++)
                {
                    var more = random.Next(4) == 0 ? new string(' ', 1 + random.Next(2)) : string.Empty;
                    text.Append(content).Append(more).Append(Word()).Append(' ').Append(Word()).Append('\n');
                    if (random.Next(4) == 0)
                    {
                        text.Append(random.Next(2) == 0 ? string.Empty : content[..^1]).Append('\n');
                    }
                }

                text.Length--; // the last break: added back below, or not, to end the file either way
                break;
        }

        text.Append(random.Next(3) switch { 0 => string.Empty, 1 => "\n", _ => "\n\n" + new string(' ', indent) + (indent == 4 ? "then: y\n" : "z: 1\n") });
        return random.Next(5) == 0 ? text.ToString().Replace("\n", "\r\n", StringComparison.Ordinal) : text.ToString();
    }

    /// <summary>
    /// Each value character's position holds that character, the backslash of the escape that wrote it (the second
    /// half of a surrogate pair sits just after it), or (for a space or newline) the line break it was made from;
    /// positions rise through the value.
    /// </summary>
    internal static void AssertEveryCharacterPointsAtItsSource(string text, SyntaxNode root, string because)
    {
        var lines = Lines(text);
        foreach (var scalar in Scalars(root))
        {
            var previous = new SourcePosition(0, 0);
            for (var i = 0; i < scalar.Value.Length; i++)
            {
                var position = scalar.PositionOf(i);
                var where = $"{because}: offset {i} of [{Escape(scalar.Value)}] at {position}";
                position.Line.Should().BeInRange(1, lines.Count, where);
                var (start, end) = lines[position.Line - 1];
                var index = start + position.Column - 1;
                index.Should().BeInRange(start, end, where);
                var c = scalar.Value[i];
                var explained = index < end
                    ? text[index] == c || text[index] == '\\' && scalar.IsQuoted || char.IsLowSurrogate(c) && text[index - 1] == '\\' && scalar.IsQuoted
                    : c is ' ' or '\n' or '\u2028' or '\u2029';
                explained.Should().BeTrue(where + (index < end ? $" holds '{text[index]}'" : " is a line end"));
                (position.Line > previous.Line || position.Line == previous.Line && position.Column > previous.Column).Should().BeTrue(where + $" after {previous}");
                previous = position;
            }
        }
    }

    /// <summary>Each line's start and end (before its break), with the breaks YamlDotNet counts.</summary>
    private static List<(int Start, int End)> Lines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                lines.Add((start, i));
                i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                start = i + 1;
            }
        }

        lines.Add((start, text.Length));
        return lines;
    }

    private static SyntaxNode ReadWithYamlDotNet(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var root = YamlSyntaxReader.ReadWithYamlDotNet("t.yaml", text, LoadLimits.Default, diagnostics);
        diagnostics.Should().BeEmpty();
        return root!;
    }

    private static ScalarSyntax When(SyntaxNode root)
    {
        var rule = (MappingSyntax)((SequenceSyntax)((MappingSyntax)root).Find("rules")!.Value).Items[0];
        return (ScalarSyntax)rule.Find("when")!.Value;
    }

    private static List<SourcePosition> Positions(ScalarSyntax scalar) =>
        Enumerable.Range(0, scalar.Value.Length + 1).Select(scalar.PositionOf).ToList();

    private static IEnumerable<ScalarSyntax> Scalars(SyntaxNode node) => node switch
    {
        ScalarSyntax scalar => [scalar],
        SequenceSyntax sequence => sequence.Items.SelectMany(Scalars),
        MappingSyntax mapping => mapping.Entries.SelectMany(e => Scalars(e.Key).Concat(Scalars(e.Value))),
        _ => [],
    };

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
