using System.Text;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Syntax;
using Tiering.Rules.Tests.Support;
using Xunit.Abstractions;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// The reader for the common subset of YAML must build, for every file it accepts, exactly the tree (values, quoting,
/// spans) that the YamlDotNet path builds, and must leave every file it is not sure of, every error included, to
/// YamlDotNet. Each test compares the two readers on the same text.
/// </summary>
public sealed class SubsetYamlReaderTests(ITestOutputHelper output)
{
    private static readonly int MaxDepth = LoadLimits.Default.MaxNestingDepth;

    /// <summary>The authors' typos, and the structural slips that move YAML between the two readers' ground.</summary>
    private static readonly string[] Typos =
    [
        .. PolicyDamage.AuthorTypos, " ", "  ", "\n", "\n  ", "---\n", "...", "|-\n", "?", "~", "'a'", "\"a\\n\"", "\"\\x41\"", "a:b", " #x", "-1", "[]", "{}",
    ];

    public static TheoryData<string> ShippedYamlFiles() => Repo.RuleFileNames();

    [Theory]
    [MemberData(nameof(ShippedYamlFiles))]
    public void TryRead_ShippedFile_IsAcceptedWithTheYamlDotNetTree(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Rules, file));

        var common = SubsetYamlReader.TryRead(file, text, MaxDepth);

        common.Should().NotBeNull("every shipped file is written in the common subset");
        Dump(common!).Should().Be(YamlDotNetDump(file, text));
    }

    [Fact]
    public void TryRead_DamagedShippedFiles_AcceptedOnesMatchYamlDotNet_OthersAreLeftToIt()
    {
        var files = Directory.EnumerateFiles(Repo.Rules, "*.yaml").Order(StringComparer.Ordinal).Select(p => (Name: Path.GetFileName(p), Text: File.ReadAllText(p))).ToList();
        var random = new Random(20_261_201);
        int accepted = 0, left = 0, leftWithErrors = 0;

        for (var i = 0; i < 3_000; i++)
        {
            var (name, original) = files[random.Next(files.Count)];
            var (text, what) = PolicyDamage.Apply(original, random, Typos);
            var common = SubsetYamlReader.TryRead(name, text, MaxDepth);
            var expected = YamlDotNetDump(name, text);
            if (common is null)
            {
                left++;
                leftWithErrors += expected.StartsWith("errors:", StringComparison.Ordinal) ? 1 : 0;
                continue;
            }

            accepted++;
            Dump(common).Should().Be(expected, $"iteration {i}: {name} {what}");
        }

        output.WriteLine($"accepted {accepted}, left to YamlDotNet {left} ({leftWithErrors} of them with YAML errors)");
        accepted.Should().BeGreaterThan(1_000, "most damage keeps the file in the common subset, so the comparison is exercised");
        leftWithErrors.Should().BeGreaterThan(100, "damage that breaks the YAML must reach YamlDotNet, which reports it");
    }

    [Theory]
    [InlineData("crlf", "a: 1\r\nb:\r\n  - x\r\n  - y\r\n")]
    [InlineData("no final break", "a: 1\nb: { c: d }")]
    [InlineData("comments", "# head\na: 1 # tail\n\n# between\nb: x#y\n# end\n")]
    [InlineData("quoted", "a: \"q\\\"x\\u4e2d\"\nb: 'it''s'\n'c d': \"\"\n")]
    [InlineData("plain with colons and hashes", "url: http://x/y#z\nexpr: a in [1, 2] or b != 'c'\nneg: -5\n")]
    [InlineData("flow", "a: { b: [1, 2, { c: d }], e: [], f: {} }\n")]
    [InlineData("indentless sequence", "a:\n- x\n- y\nb: z\n")]
    [InlineData("compact mappings", "rules:\n  - id: A\n    when: x\n  -   id: B\n      then: y\n  -\n    id: C\n")]
    [InlineData("literal", "a: |\n  one\n\n  two\n    indented\n\nb: 1\n")]
    [InlineData("literal strip", "a: |-\n  one\n  two\nb: 1\n")]
    [InlineData("folded", "a: >\n  one\n  two\n\n  three\nb: 1\n")]
    [InlineData("folded strip at end", "a:\n  b: >-\n    one\n    two")]
    [InlineData("literal clip at end without a break", "a:\n  b: |\n    one\n    two")]
    [InlineData("folded with blank lines", "a: >-\n  one\n\n\n  two\n  three\nb: 1\n")]
    [InlineData("literal with a comment and a blank line first", "a: | # c\n\n  one\n   two\n")]
    [InlineData("unicode", "标题: 公司类客户贷款五级分类\nlabel: 关注：说明\n")]
    [InlineData("indented root", "  a: 1\n  b: 2\n")]
    public void TryRead_CommonShapes_AreAcceptedWithTheYamlDotNetTree(string shape, string text)
    {
        var common = SubsetYamlReader.TryRead("t.yaml", text, MaxDepth);

        common.Should().NotBeNull(shape);
        Dump(common!).Should().Be(YamlDotNetDump("t.yaml", text), shape);
    }

    [Theory]
    [InlineData("anchor", "a: &x 1\nb: *x\n")]
    [InlineData("tag", "a: !!str 1\n")]
    [InlineData("duplicate key", "a: 1\na: 2\n")]
    [InlineData("tab", "a:\t1\n")]
    [InlineData("several documents", "a: 1\n---\nb: 2\n")]
    [InlineData("directive", "%YAML 1.2\n---\na: 1\n")]
    [InlineData("multi-line plain", "a: one\n  two\n")]
    [InlineData("multi-line flow", "a: [1,\n  2]\n")]
    [InlineData("multi-line quoted", "a: \"one\n  two\"\n")]
    [InlineData("empty value", "a:\nb: 1\n")]
    [InlineData("complex key", "? a\n: 1\n")]
    [InlineData("keep chomping", "a: |+\n  x\n")]
    [InlineData("unknown escape", "a: \"\\x41\"\n")]
    [InlineData("mapping in a value", "a: b: c\n")]
    [InlineData("unclosed flow", "a: { b: c\n")]
    [InlineData("unclosed quote", "a: 'b\n")]
    [InlineData("bad indentation", "a: 1\n  b: 2\n")]
    [InlineData("scalar root", "just text\n")]
    [InlineData("empty", "")]
    [InlineData("byte order mark", "\uFEFFa: 1\n")]
    [InlineData("trailing spaces without a break", "a: 1\n  ")]
    public void TryRead_OutsideTheSubset_IsLeftToYamlDotNet(string shape, string text)
    {
        SubsetYamlReader.TryRead("t.yaml", text, MaxDepth).Should().BeNull(shape);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(16, 1)]
    [InlineData(17, 17)]
    [InlineData(40, 5)]
    [InlineData(40, 40)]
    public void TryRead_DuplicateKeyInMappingsSmallAndLarge_IsLeftToYamlDotNet(int keys, int duplicateOf)
    {
        // Small mappings are checked by a scan, large ones by a set from the seventeenth key on: both find it.
        var block = string.Concat(Enumerable.Range(1, keys).Select(i => $"k{i}: {i}\n")) + $"k{duplicateOf}: again\n";
        var flow = "m: {" + string.Join(", ", Enumerable.Range(1, keys).Select(i => $"k{i}: {i}")) + $", k{duplicateOf}: again}}\n";
        var distinct = string.Concat(Enumerable.Range(1, keys + 1).Select(i => $"k{i}: {i}\n"));

        SubsetYamlReader.TryRead("t.yaml", block, MaxDepth).Should().BeNull();
        SubsetYamlReader.TryRead("t.yaml", flow, MaxDepth).Should().BeNull();
        Dump(SubsetYamlReader.TryRead("t.yaml", distinct, MaxDepth)!).Should().Be(YamlDotNetDump("t.yaml", distinct));
    }

    [Fact]
    public void TryRead_NestingBeyondTheLimit_IsLeftToYamlDotNet_WhichReportsIt()
    {
        var text = "a: " + new string('[', 5) + new string(']', 5) + "\n";

        SubsetYamlReader.TryRead("t.yaml", text, maxNestingDepth: 4).Should().BeNull();
        var diagnostics = new List<Diagnostic>();
        YamlSyntaxReader.Read("t.yaml", text, LoadLimits.Default with { MaxNestingDepth = 4 }, diagnostics).Should().BeNull();
        diagnostics.Should().ContainSingle(d => d.Code == "TR1006");
    }

    internal static string YamlDotNetDump(string path, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var root = YamlSyntaxReader.ReadWithYamlDotNet(path, text, LoadLimits.Default, diagnostics);
        return diagnostics.Count > 0 || root is null ? "errors: " + string.Join("; ", diagnostics) : Dump(root);
    }

    /// <summary>The whole tree as text: kind, span, quoting, value and content map of every node, in order.</summary>
    internal static string Dump(SyntaxNode root)
    {
        var text = new StringBuilder();
        Write(root, 0);
        return text.ToString();

        void Write(SyntaxNode node, int depth)
        {
            text.Append(' ', depth * 2).Append($"{node.KindName} {node.Span.Start}-{node.Span.End}");
            switch (node)
            {
                case ScalarSyntax scalar:
                    text.Append($" quoted={scalar.IsQuoted} block={scalar.IsBlock} [{scalar.Value.Replace("\n", "\\n", StringComparison.Ordinal)}] map=[{scalar.ContentMap}]\n");
                    break;
                case SequenceSyntax sequence:
                    text.Append('\n');
                    foreach (var item in sequence.Items)
                    {
                        Write(item, depth + 1);
                    }

                    break;
                case MappingSyntax mapping:
                    text.Append('\n');
                    foreach (var entry in mapping.Entries)
                    {
                        Write(entry.Key, depth + 1);
                        Write(entry.Value, depth + 2);
                    }

                    break;
            }
        }
    }
}
