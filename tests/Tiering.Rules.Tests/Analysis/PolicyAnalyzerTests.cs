using System.Reflection;
using Tiering.Rules.Analysis;
using Tiering.Rules.Diagnostics;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Analysis;

/// <summary>
/// The analyzer's shape: one check per finding, each TR4xxx descriptor with one owner, every check run, and what the
/// golden cases do not show (band edges outside the domain, acceptance at the band table, the checks' guards).
/// </summary>
public sealed class PolicyAnalyzerTests
{
    [Fact]
    public void Checks_EveryAnalysisDescriptor_IsReportedByExactlyOneOwner()
    {
        var analysis = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (Name: f.Name, Descriptor: (DiagnosticDescriptor)f.GetValue(null)!))
            .Where(d => d.Descriptor.Code.StartsWith("TR4", StringComparison.Ordinal))
            .ToList();
        var owners = PolicyAnalyzer.Checks
            .SelectMany(c => c.Reports.Select(d => (Owner: c.GetType().Name, Descriptor: d)))
            .Concat(PolicyAnalyzer.SharedReports.Select(d => (Owner: nameof(PolicyAnalyzer.SharedReports), Descriptor: d)))
            .ToList();

        analysis.Should().HaveCountGreaterThan(10, "the table holds the analysis codes TR4000–TR4011");
        foreach (var (name, descriptor) in analysis)
        {
            owners.Where(o => o.Descriptor == descriptor).Select(o => o.Owner).Should().ContainSingle($"{name} ({descriptor.Code}) is reported by exactly one check, or shared by the runner");
        }

        owners.Select(o => o.Descriptor.Code).Should().OnlyContain(code => code.StartsWith("TR4", StringComparison.Ordinal), "checks report analysis codes only");
    }

    [Fact]
    public void Checks_EveryPolicyCheckClass_IsRunByTheAnalyzerOnce()
    {
        var classes = typeof(PolicyCheck).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PolicyCheck)) && !t.IsAbstract)
            .ToList();

        PolicyAnalyzer.Checks.Select(c => c.GetType()).Should().BeEquivalentTo(classes, "a check not in PolicyAnalyzer.Checks never runs")
            .And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Checks_UnreachableRuleCheck_RunsFirst()
    {
        PolicyAnalyzer.Checks[0].Should().BeOfType<UnreachableRuleCheck>("it builds the rule regions the masking, overlap and gap checks read");
    }

    [Fact]
    public void Regions_ReadBeforeUnreachableRuleCheckRan_Throws()
    {
        var context = new PolicyAnalysisContext(Definition(BandsOutsideDomain, "edges"));

        context.Invoking(c => c.Regions).Should().Throw<InvalidOperationException>().WithMessage($"*{nameof(UnreachableRuleCheck)}*");
    }

    [Fact]
    public void Analyze_BandEdgesOutsideTheFieldDomain_ReportsEachEdgeAtItsRow()
    {
        var result = TryLoad(BandsOutsideDomain);

        result.Diagnostics.Where(d => d.Code == "TR4009").Select(d => $"{d.Span.Start.Line}: {d.Message}").Should().Equal(
            "11: band 'L' has an edge -10 outside the domain of 'v' ([0, 100])",
            "12: band 'M' has an edge 150 outside the domain of 'v' ([0, 100])");
        result.Diagnostics.Where(d => d.Code == "TR4009").Should().OnlyContain(d => d.Severity == DiagnosticSeverity.Warning && d.PolicyId == "edges");
    }

    [Fact]
    public void Analyze_AcceptOnTheBandTable_AcceptsItsRowsFindings()
    {
        var accepted = BandsOutsideDomain.Replace("  on: v\n", "  on: v\n  accept: [ { code: TR4009, reason: legacy edges } ]\n", StringComparison.Ordinal);

        var result = TryLoad(accepted);

        result.Diagnostics.Should().NotContain(d => d.Code == "TR4009" || d.Code == "TR4011");
        result.Diagnostics.Where(d => d.Code == "TR4000").Select(d => d.Message).Should().Equal(
            "TR4009 band 'L' has an edge -10 outside the domain of 'v' ([0, 100]) (accepted: legacy edges)",
            "TR4009 band 'M' has an edge 150 outside the domain of 'v' ([0, 100]) (accepted: legacy edges)");
    }

#if DEBUG
    [Fact]
    public void Report_DescriptorTheRunningCheckDidNotDeclare_ThrowsInDebugBuilds()
    {
        var context = new PolicyAnalysisContext(Definition(BandsOutsideDomain, "edges"));
        context.BeginCheck(new DeadGradeCheck());

        context.Invoking(c => c.Report(DiagnosticDescriptors.GapInRules, default, [], null, "x"))
            .Should().Throw<InvalidOperationException>().WithMessage("DeadGradeCheck reports TR4001*");
    }
#endif

    private static Tiering.Rules.Model.PolicyDefinition Definition(string yaml, string policyId) =>
        Load(yaml).Find(policyId, null)!.Definition;
}
