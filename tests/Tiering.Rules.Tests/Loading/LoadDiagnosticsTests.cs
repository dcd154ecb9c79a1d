using Tiering.Rules.Analysis;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Loading;
using Tiering.Rules.Tests.Support;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Loading;

/// <summary>
/// A load that succeeds analyses the policies it cannot fail when its diagnostics are first read: what a host reads is
/// what an eager load reported, in the same order, from any thread; a load that fails, or a policy whose analysis can
/// fail it, is analysed before the load decides.
/// </summary>
public sealed class LoadDiagnosticsTests
{
    // Rules A and B both take v = 5..10: under hitPolicy unique an overlap is an error.
    private const string UniqueOverlap = """
        policy: overlapping
        version: "1"
        fields:
          v: { type: integer, min: 0, max: 100 }
        grades: [low, high]
        hitPolicy: unique
        default: low
        rules:
          - { id: A, when: v between 0 and 10, then: low }
          - { id: B, when: v between 5 and 100, then: high }
        """;

    [Fact]
    public void Load_PolicyThatCannotFailTheLoad_IsAnalysedWhenTheDiagnosticsAreFirstRead()
    {
        var result = TryLoad(BandsOutsideDomain);

        result.Succeeded.Should().BeTrue();
        var deferred = result.Diagnostics.Should().BeOfType<LoadDiagnostics>().Subject;
        deferred.IsMaterialized.Should().BeFalse("nothing has read the diagnostics yet");
        result.Errors.Should().BeEmpty();
        deferred.IsMaterialized.Should().BeFalse("a load that succeeded has no errors to look for");

        result.Diagnostics.Select(d => $"{d.Span.Start.Line}:{d.Span.Start.Column} {d.Code}").Should().Equal("11:7 TR4009", "12:7 TR4009");
        deferred.IsMaterialized.Should().BeTrue();
        result.PolicySet!.Diagnostics.Should().BeSameAs(result.Diagnostics, "the set and the load result share one list");
    }

    [Fact]
    public void Load_UniquePolicyWithAnOverlap_FailsBeforeAnythingReadsTheDiagnostics()
    {
        var result = TryLoad(UniqueOverlap, BandsOutsideDomain);

        result.Succeeded.Should().BeFalse("an overlap under hitPolicy unique is an error, found at load");
        result.Errors.Select(e => e.Code).Should().Equal("TR4002");
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Code)
            .Should().Equal(["TR4009", "TR4009"], "a load that fails reports every policy's findings, as before");
    }

    [Fact]
    public void Diagnostics_ReadFirstFromManyThreadsAtOnce_AreTheSameListForEach()
    {
        var expected = PolicyLoader.LoadDirectory(Repo.Rules).Diagnostics.Select(Describe).ToList();
        expected.Should().NotBeEmpty("the shipped policies carry accepted findings and notes");

        for (var round = 0; round < 5; round++)
        {
            var result = PolicyLoader.LoadDirectory(Repo.Rules);
            // Threads of their own (not the pool, which grows slowly on two cores) released together at the barrier.
            using var start = new Barrier(8);
            var seen = new List<string>[8];
            var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                seen[i] = result.Diagnostics.Select(Describe).ToList();
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            seen.Should().AllSatisfy(list => list.Should().Equal(expected));
        }
    }

    [Fact]
    public void Diagnostics_OfAShippedPolicy_AreWhatItsAnalysisFinds()
    {
        var path = Path.Combine(Repo.Rules, "loan-five-category.yaml");
        var result = PolicyLoader.LoadFiles([path]);
        var definition = result.PolicySet!.Versions("loan-five-category")[0].Definition;

        result.Diagnostics.Select(Describe).Should().Equal(PolicyAnalyzer.Analyze(definition).Select(Describe), "the file has no other diagnostic");
    }

    [Fact]
    public void CanReportErrors_EveryAnalysisErrorIsAnOverlapUnderUnique()
    {
        // LoadDiagnostics leaves the analysis of a policy for which CanReportErrors is false until it is read: a new
        // error finding must come with a CanReportErrors that names the policies it can fail.
        var errors = PolicyAnalyzer.Checks.SelectMany(c => c.Reports).Concat(PolicyAnalyzer.SharedReports)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToList();

        errors.Should().Equal([DiagnosticDescriptors.OverlapUnique]);
        var unique = UniqueOverlap.Replace("between 5 and", "between 11 and", StringComparison.Ordinal);
        PolicyAnalyzer.CanReportErrors(Load(unique).Versions("overlapping")[0].Definition).Should().BeTrue();
        PolicyAnalyzer.CanReportErrors(Load(unique.Replace("hitPolicy: unique", "hitPolicy: first", StringComparison.Ordinal)).Versions("overlapping")[0].Definition)
            .Should().BeFalse();
    }

    private static string Describe(Diagnostic d) => d.ToString();
}
