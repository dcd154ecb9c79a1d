namespace Tiering.Rules.Tests;

/// <summary>A set's fingerprint depends on its files' names and texts, not on where the files are.</summary>
public sealed class FingerprintTests
{
    private const string Policy = """
        policy: p
        version: "1"
        fields:
          x: { type: decimal }
        grades: [low, high]
        hitPolicy: first
        default: low
        rules:
          - { id: HIGH, when: "x > 10", then: high }
        """;

    private static string Of(params (string Path, string Text)[] files) =>
        PolicySet.LoadSources(files.Select(f => new PolicySource(f.Path, f.Text))).Fingerprint;

    [Fact]
    public void SameFilesElsewhere_SameFingerprint()
    {
        Of(("/srv/a/rules/p.yaml", Policy)).Should().Be(Of(("/home/b/p.yaml", Policy)));
    }

    [Fact]
    public void OneCharacterOrTheFileName_ChangesIt()
    {
        var original = Of(("rules/p.yaml", Policy));

        original.Should().MatchRegex("^[0-9a-f]{12}$");
        Of(("rules/p.yaml", Policy.Replace("x > 10", "x > 11", StringComparison.Ordinal))).Should().NotBe(original);
        Of(("rules/q.yaml", Policy)).Should().NotBe(original);
    }

    [Fact]
    public void NameAndTextBoundaries_AreNotAmbiguous()
    {
        // Name "p.yaml" with text "#c\n…" and name "p.yaml#c\n" with text "…" run together to the same characters;
        // the separator between a name and its text keeps them apart.
        Of(("p.yaml", "#c\n" + Policy)).Should().NotBe(Of(("p.yaml#c\n", Policy)));
    }

    [Fact]
    public void Fingerprint_SourcesOfALoad_IsTheLoadedSetsFingerprintInAnyOrder()
    {
        PolicySource[] sources =
        [
            new("rules/p.yaml", Policy),
            new("rules/more/q.yaml", Policy.Replace("policy: p", "policy: q", StringComparison.Ordinal)),
        ];

        var loaded = PolicySet.LoadSources(sources).Fingerprint;

        PolicyLoader.Fingerprint(sources).Should().Be(loaded);
        PolicyLoader.Fingerprint([sources[1], sources[0]]).Should().Be(loaded);
        PolicyLoader.Fingerprint([sources[0]]).Should().NotBe(loaded);
        FluentActions.Invoking(() => PolicyLoader.Fingerprint(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Fingerprint_WorkedOutWhenFirstRead_ByManyThreadsAtOnce_IsTheSameForAll()
    {
        PolicySource[] sources = [new("rules/p.yaml", Policy)];
        var expected = PolicyLoader.Fingerprint(sources);
        var set = PolicySet.LoadSources(sources);
        var seen = new string[64];

        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => seen[i] = set.Fingerprint);

        seen.Should().AllBe(expected);
        set.Fingerprint.Should().Be(expected, "read again once the sources are dropped");
    }
}
