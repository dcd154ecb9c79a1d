using System.Text;
using Tiering.Rules.Tests.Support;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Analysis;

/// <summary>
/// The analysis does bounded work (issue 23, item 3): a policy whose masking analysis grows with the square of its rules
/// stops at <see cref="LoadLimits.MaxAnalysisSteps"/> and says so (TR4012), and the shipped policies never come near it.
/// </summary>
public sealed class AnalysisBudgetTests
{
    /// <summary>The probe that found it: 1,000 overlapping two-field rules under first took 4.7 s and 7.6 GB to load.</summary>
    [Fact]
    public void Load_ThousandOverlappingFirstRules_StopsTheAnalysisAndSaysSo()
    {
        var result = TryLoadOverlapping(1_000);

        result.Succeeded.Should().BeTrue("an incomplete analysis is a warning, not an error");
        var incomplete = result.Diagnostics.Should().ContainSingle(d => d.Code == "TR4012").Subject;
        incomplete.Severity.Should().Be(Rules.Diagnostics.DiagnosticSeverity.Warning);
        incomplete.Message.Should().Contain("100000 steps").And.Contain("TR4005");
    }

    [Fact]
    public void Load_OverlappingRulesWithinTheBudget_AreAnalysedCompletely()
    {
        TryLoadOverlapping(20).Diagnostics.Should().NotContain(d => d.Code == "TR4012");
    }

    [Fact]
    public void Load_ShippedPolicies_FitInAThousandthOfTheDefaultBudget()
    {
        var sources = PolicyLoader.PolicyFiles(Repo.Rules).Select(p => PolicyLoader.ReadFile(p)!).ToList();

        var result = PolicyLoader.LoadSources(sources, LoadLimits.Default with { MaxAnalysisSteps = LoadLimits.Default.MaxAnalysisSteps / 500 });

        result.Diagnostics.Should().NotContain(d => d.Code == "TR4012");
        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Load_ThousandBandRows_IsAnalysedCompletelyWithinTheBudget()
    {
        var yaml = new StringBuilder("policy: p\nversion: \"1\"\nfields:\n  n: { type: decimal, min: 0 }\ngrades: [a, b]\nhitPolicy: first\nbands:\n  on: n\n  rows:\n");
        for (var i = 0; i < 998; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"    - {{ id: B{i}, from: {i * 10}, to: {(i * 10) + 10}, grade: b }}\n");
        }

        yaml.Append("    - { id: BLast, from: 9980, grade: a }\n    - { id: Masked, from: 5, to: 15, grade: a }\n");

        var result = TryLoad(yaml.ToString());

        result.Succeeded.Should().BeTrue();
        result.Diagnostics.Should().NotContain(d => d.Code == "TR4012", "a band table is checked by sorting its rows, not pair by pair");
        result.Diagnostics.Where(d => d.Code == "TR4005").Select(d => d.RuleIds[0]).Should().Equal("Masked");
        result.Diagnostics.Where(d => d.Code == "TR4002").Select(d => d.RuleIds[0]).Should().Equal("Masked", "Masked");
    }

    private static PolicyLoadResult TryLoadOverlapping(int n)
    {
        var yaml = new StringBuilder("policy: p\nversion: \"1\"\nfields:\n  n: { type: integer }\n  m: { type: integer }\ngrades: [a, b]\nhitPolicy: first\ndefault: a\nrules:\n");
        for (var i = 0; i < n; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{ id: R{i}, when: \"n between {i} and {i + (n / 2)} and m between {i * 7919 % n} and {(i * 7919 % n) + (n / 2)}\", then: b }}\n");
        }

        return TryLoad(yaml.ToString());
    }
}
