using System.Text;

namespace Tiering.Rules.Tests;

/// <summary>Reading policy files from disk: encodings, the size cap and unreadable paths, each reported, never thrown.</summary>
public sealed class PolicyFileReadingTests : IDisposable
{
    private const string Policy = "policy: tiny\nversion: \"1\"\ntitle: 小额\nfields: { x: { type: decimal } }\ngrades: [low, high]\nhitPolicy: first\ndefault: low\nrules:\n  - { id: R1, when: x > 10, then: high }\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("tiering-read-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes the tiny policy in <paramref name="encoding"/> (with its byte order mark where the name says so).</summary>
    private string WritePolicy(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(Policy),
            "utf-8 with BOM" => [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(Policy)],
            "utf-16 LE with BOM" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Policy)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Policy)],
        };
        var path = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static TheoryData<string> Encodings() => ["utf-8", "utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void LoadFiles_EachEncodingWithItsMark_ReadsTheSamePolicy(string encoding)
    {
        var path = WritePolicy(encoding);

        var result = PolicyLoader.LoadFiles([path]);

        result.Errors.Should().BeEmpty();
        result.PolicySet!.Policies.Should().ContainSingle(p => p.Id == "tiny" && p.Title == "小额");
        result.PolicySet.Decide("tiny", new Dictionary<string, object?> { ["x"] = 11m }).Grade!.Id.Should().Be("high");
    }

    [Fact]
    public void LoadFiles_FileOverTheCap_IsReportedWithItsSize_AndNotRead()
    {
        var path = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllText(path, Policy);
        var size = new FileInfo(path).Length;

        var result = PolicyLoader.LoadFiles([path], new LoadLimits { MaxFileBytes = 100 });

        result.Errors.Should().ContainSingle(e => e.Code == "TR1005" && e.Span.Path == path && e.Message.Contains($"{size} bytes"));
    }

    [Fact]
    public void LoadFiles_MissingFileAndDirectory_AreReportedAsUnreadable()
    {
        var missing = Path.Combine(_dir, "missing.yaml");

        var result = PolicyLoader.LoadFiles([missing, _dir]);

        result.Errors.Should().HaveCount(2).And.OnlyContain(e => e.Code == "TR1007");
        result.Errors.Select(e => e.Span.Path).Should().BeEquivalentTo([missing, _dir]);
    }

    [Fact]
    public void ReadFile_ShortFileAfterALongerOne_GivesOnlyItsOwnText()
    {
        // Files are read into a buffer the thread keeps: the second, shorter file must not carry the first one's tail.
        var longer = Path.Combine(_dir, "longer.yaml");
        var shorter = Path.Combine(_dir, "shorter.yaml");
        File.WriteAllText(longer, Policy + "# " + new string('x', 5000) + "\n");
        File.WriteAllText(shorter, Policy);

        PolicyLoader.ReadFile(longer)!.Text.Should().HaveLength(Policy.Length + 5003);
        PolicyLoader.ReadFile(shorter)!.Text.Should().Be(Policy);
    }

    [Fact]
    public void LoadFiles_PathsAsArguments_LoadAsTheEnumerableOverloadDoes()
    {
        var path = WritePolicy("utf-8");
        var other = Path.Combine(_dir, "other.yaml");
        File.WriteAllText(other, Policy.Replace("policy: tiny", "policy: other", StringComparison.Ordinal));

        var one = PolicySet.LoadFiles(path);
        var two = PolicySet.LoadFiles(path, other);
        var asExpression = PolicySet.LoadFiles([path, other]);

        one.Policies.Select(p => p.Id).Should().Equal("tiny");
        two.Policies.Select(p => p.Id).Should().BeEquivalentTo(["tiny", "other"]);
        asExpression.Fingerprint.Should().Be(two.Fingerprint).And.Be(PolicySet.LoadFiles((IEnumerable<string>)[other, path]).Fingerprint);
        ((Action)(() => PolicySet.LoadFiles(Path.Combine(_dir, "missing.yaml")))).Should().Throw<Tiering.Rules.Diagnostics.PolicyLoadException>()
            .Which.Diagnostics.Should().ContainSingle(d => d.Code == "TR1007");
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ReadFile_EachEncodingWithItsMark_GivesTheTextWithoutTheMark(string encoding)
    {
        var path = WritePolicy(encoding);

        var source = PolicyLoader.ReadFile(path);

        source.Should().Be(new PolicySource(path, Policy));
    }

    [Fact]
    public void ReadFile_FileOverTheCap_ReturnsNull()
    {
        var path = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllText(path, Policy);
        var size = (int)new FileInfo(path).Length;

        PolicyLoader.ReadFile(path, new LoadLimits { MaxFileBytes = size - 1 }).Should().BeNull();
        PolicyLoader.ReadFile(path, new LoadLimits { MaxFileBytes = size })!.Text.Should().Be(Policy);
    }

    [Fact]
    public void ReadFile_MissingFile_ThrowsFileNotFound()
    {
        var missing = Path.Combine(_dir, "missing.yaml");

        FluentActions.Invoking(() => PolicyLoader.ReadFile(missing)).Should().Throw<FileNotFoundException>();
        FluentActions.Invoking(() => PolicyLoader.ReadFile(null!)).Should().Throw<ArgumentNullException>();
    }
}
