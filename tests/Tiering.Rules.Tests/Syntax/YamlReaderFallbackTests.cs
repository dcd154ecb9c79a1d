using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// A load records, in <see cref="PolicyLoadResult.YamlReaderFallbacks"/>, each file the subset YAML reader left to
/// YamlDotNet, with where and why; the shipped policies are all in the subset.
/// </summary>
public sealed class YamlReaderFallbackTests
{
    private const string Policy = """
        policy: p
        version: "1"
        fields: { n: { type: integer } }
        grades: [a, b]
        hitPolicy: first
        default: a
        rules:
          - { id: R1, when: "n > 1", then: b }
        """;

    [Fact]
    public void LoadDirectory_ShippedRules_NoFileIsLeftToYamlDotNet()
    {
        var result = PolicyLoader.LoadDirectory(Repo.Rules);

        result.Succeeded.Should().BeTrue();
        result.YamlReaderFallbacks.Should().BeEmpty("every shipped policy is written in the common subset");
    }

    [Fact]
    public void LoadSources_FilesOutsideTheSubset_EachIsRecordedOnceWithWhereAndWhy_AndLoadsTheSame()
    {
        var multiLine = Policy.Replace("grades: [a, b]", "grades: [a,\n  b]", StringComparison.Ordinal).Replace("policy: p", "policy: q", StringComparison.Ordinal);
        var tabbed = Policy.Replace("default: a", "default:\ta", StringComparison.Ordinal).Replace("policy: p", "policy: r", StringComparison.Ordinal);

        var result = PolicyLoader.LoadSources([new("p.yaml", Policy), new("q.yaml", multiLine), new("r.yaml", tabbed)]);

        result.Succeeded.Should().BeTrue(string.Join("; ", result.Diagnostics));
        result.PolicySet!.Policies.Select(p => p.Id).Should().BeEquivalentTo(["p", "q", "r"]);
        result.YamlReaderFallbacks.Select(f => f.ToString()).Should().Equal(
            "q.yaml:4:12: a flow collection that does not close on its line",
            "r.yaml:6:9: a tab");
    }

    [Fact]
    public void LoadSources_YamlErrorInAFile_IsRecordedAsAFallback_AndReportedByYamlDotNet()
    {
        var result = PolicyLoader.LoadSources([new("bad.yaml", "policy: x\nrules: [a\n")]);

        result.Succeeded.Should().BeFalse();
        result.Diagnostics.Should().Contain(d => d.Code == "TR1001");
        result.YamlReaderFallbacks.Should().ContainSingle().Which.Span.Path.Should().Be("bad.yaml");
    }
}
