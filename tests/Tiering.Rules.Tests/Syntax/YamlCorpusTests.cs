using System.Text;
using Tiering.Rules.Syntax;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// The subset reader against YamlDotNet over a corpus of small YAML documents in the manner of the yaml-test-suite
/// (Syntax/YamlCorpus): <c>subset/</c> holds the shapes of the common subset (every collection and scalar style,
/// comments, keys with spaces, unicode, CRLF…), which it must read to YamlDotNet's tree; <c>outside/</c> holds what lies
/// just outside (anchors, tags, tabs, empty values, multi-line scalars, escapes, errors…), which it must leave to
/// YamlDotNet, naming on the first line of each document (<c># fallback: line:col reason</c>) where it gives up and why.
/// Every document, and every variant of it (CRLF line ends, indented, without its final line break), is either
/// declined or read to the same tree by both readers. <see cref="SubsetYamlReaderTests"/> holds them to the same on the
/// shipped files and on damaged ones.
/// </summary>
public sealed class YamlCorpusTests
{
    private const string FallbackHeader = "# fallback: ";

    private static readonly int MaxDepth = LoadLimits.Default.MaxNestingDepth;

    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Syntax", "YamlCorpus");

    public static TheoryData<string> AllDocuments() => Documents("subset", "outside");

    public static TheoryData<string> SubsetDocuments() => Documents("subset");

    public static TheoryData<string> OutsideDocuments() => Documents("outside");

    [Theory]
    [MemberData(nameof(AllDocuments))]
    public void TryRead_CorpusDocumentAndItsVariants_DeclinesOrBuildsTheYamlDotNetTree(string document)
    {
        foreach (var (variant, text) in Variants(Read(document)))
        {
            if (SubsetYamlReader.TryRead(document, text, MaxDepth) is { } tree)
            {
                SubsetYamlReaderTests.Dump(tree).Should().Be(SubsetYamlReaderTests.YamlDotNetDump(document, text), $"{document} ({variant})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SubsetDocuments))]
    public void TryRead_SubsetDocument_IsAcceptedAsIsWithCrlfAndIndented(string document)
    {
        foreach (var (variant, text) in Variants(Read(document)).Where(v => v.Variant != "without its final line break"))
        {
            SubsetYamlReader.TryRead(document, text, MaxDepth, out var fallback).Should().NotBeNull($"{document} ({variant}) is in the subset, but the reader gave up: {fallback}");
        }
    }

    [Theory]
    [MemberData(nameof(OutsideDocuments))]
    public void TryRead_OutsideDocument_IsLeftToYamlDotNet_NamingWhereAndWhy(string document)
    {
        var text = Read(document);
        var header = text[..text.IndexOf('\n', StringComparison.Ordinal)];
        header.Should().StartWith(FallbackHeader, "each document outside the subset says where and why the reader gives up");
        var expected = header[FallbackHeader.Length..];

        var tree = SubsetYamlReader.TryRead(document, text, MaxDepth, out var fallback);

        tree.Should().BeNull();
        fallback.Should().NotBeNull();
        $"{fallback!.Span.Start.Line}:{fallback.Span.Start.Column} {fallback.Reason}".Should().Be(expected);
        fallback.Span.Path.Should().Be(document);
    }

    private static TheoryData<string> Documents(params string[] folders)
    {
        var data = new TheoryData<string>();
        foreach (var folder in folders)
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(Corpus, folder), "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add($"{folder}/{Path.GetFileName(path)}");
            }
        }

        return data;
    }

    /// <summary>The document's exact text: decoded without dropping a byte order mark or touching line ends.</summary>
    private static string Read(string document) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(File.ReadAllBytes(Path.Combine(Corpus, document)));

    private static IEnumerable<(string Variant, string Text)> Variants(string text)
    {
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        yield return ("as is", text);
        yield return ("CRLF line ends", lf.Replace("\n", "\r\n", StringComparison.Ordinal));
        yield return ("indented two spaces", string.Join('\n', lf.Split('\n').Select(line => line.Length == 0 ? line : "  " + line)));
        if (text.EndsWith('\n'))
        {
            yield return ("without its final line break", text[..^1]);
        }
    }
}
