using Tiering.Rules.Diagnostics;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Analysis;

/// <summary>
/// The checks across the policies of one load (TR3013 versions, TR3014 cycles), for what the golden cases
/// (Golden/Diagnostics/version-overlap, cycle) do not show.
/// </summary>
public sealed class PolicySetAnalyzerTests
{
    [Fact]
    public void Analyze_SameVersionTwice_ReportsTheSecondNamingTheFirst()
    {
        var result = TryLoad(Chained("p", "1", null), Chained("p", "1", null));

        result.Errors.Should().ContainSingle().Which.Should().Match<Diagnostic>(d =>
            d.Code == "TR3013" && d.Span.Path == "test1.yaml" && d.Message == "policy 'p' version '1' is defined twice (also in test0.yaml:1:1)");
    }

    [Fact]
    public void Analyze_ThreePoliciesInACycle_ReportsEachReferenceOnceWithTheWholeChain()
    {
        var result = TryLoad(Chained("a", "1", "b"), Chained("b", "1", "c"), Chained("c", "1", "a"));

        result.Errors.Select(e => (e.Code, e.Span.Path, e.Message)).Should().Equal(
            ("TR3014", "test0.yaml", "policies depend on each other in a cycle: a -> b -> c -> a"),
            ("TR3014", "test1.yaml", "policies depend on each other in a cycle: a -> b -> c -> a"),
            ("TR3014", "test2.yaml", "policies depend on each other in a cycle: a -> b -> c -> a"));
    }

    [Fact]
    public void Analyze_ChainWithoutACycle_Loads()
    {
        var result = TryLoad(Chained("a", "1", "b"), Chained("b", "1", "c"), Chained("c", "1", null));

        result.Errors.Should().BeEmpty();
        result.Succeeded.Should().BeTrue();
    }

    /// <summary>A policy that is high when <paramref name="dependsOn"/>'s decision is high (or when x > 3 without one).</summary>
    private static string Chained(string id, string version, string? dependsOn) => $$"""
        policy: {{id}}
        version: "{{version}}"
        fields:
          x: { type: decimal }
        grades: [low, high]
        hitPolicy: first
        default: low
        rules:
          - id: R1
            when: {{(dependsOn is null ? "x > 3" : $"x > 3 and decision('{dependsOn}').grade = 'high'")}}
            then: high
        """;
}
