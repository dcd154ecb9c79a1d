using Microsoft.Extensions.Logging;
using Tiering.Rules.DependencyInjection.Tests.Support;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>Deciding and reloading on request (no file watching).</summary>
public sealed class TieringEngineTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Create();
    private readonly TestEngine _test;

    public TieringEngineTests()
    {
        _test = TestEngine.Create(_rules.Path);
    }

    private ITieringEngine Engine => _test.Engine;

    public void Dispose()
    {
        _test.Dispose();
        _rules.Dispose();
    }

    [Fact]
    public void Create_LoadsTheDirectoryAsSetVersionOne()
    {
        Engine.Current.Version.Should().Be(1);
        Engine.Current.PolicySet.Contains(BandPolicy.Id).Should().BeTrue();
        Engine.Current.PolicySet.Contains("loan-five-category").Should().BeTrue("the shipped policies were copied too");
        Engine.Current.Fingerprint.Should().Be(Engine.Current.PolicySet.Fingerprint);
        Engine.LastReloadError.Should().BeNull();
        _test.Logs.Entries.Should().Contain(e => e.EventName == "PoliciesLoaded" && e.Level == LogLevel.Information);
    }

    [Fact]
    public void Decide_KnownPolicy_NamesPolicyVersionAndSetVersion()
    {
        var result = Engine.Decide(BandPolicy.Id, BandPolicy.High);

        result.SetVersion.Should().Be(1);
        result.Decision.PolicyId.Should().Be(BandPolicy.Id);
        result.Decision.PolicyVersion.Should().Be("A");
        result.Decision.Status.Should().Be(DecisionStatus.Classified);
        result.Decision.Grade!.Id.Should().Be("silver");
        result.Decision.FiredRuleIds.Should().Equal("HIGH");
    }

    [Fact]
    public void Decide_UnknownPolicy_ThrowsKeyNotFound()
    {
        FluentActions.Invoking(() => Engine.Decide("no-such-policy", BandPolicy.Low)).Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void Decide_NullArguments_Throw()
    {
        FluentActions.Invoking(() => Engine.Decide(null!, BandPolicy.Low)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Engine.Decide<object>(BandPolicy.Id, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Engine.TryDecide<object>(BandPolicy.Id, null!, null, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Engine.DecideMany<object>(BandPolicy.Id, null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TryDecide_UnknownPolicy_ReturnsFalse()
    {
        Engine.TryDecide("no-such-policy", BandPolicy.Low, null, out var decision).Should().BeFalse();
        decision.Should().BeNull();
    }

    [Fact]
    public void TryDecide_KnownPolicy_ReturnsTheDecision()
    {
        Engine.TryDecide(BandPolicy.Id, BandPolicy.Low, null, out var decision).Should().BeTrue();
        decision!.Decision.Grade!.Id.Should().Be("bronze");
        decision.SetVersion.Should().Be(1);
    }

    [Fact]
    public void DecideMany_DecidesInOrderWithOneSetVersion()
    {
        var batch = Engine.DecideMany(BandPolicy.Id, [BandPolicy.Low, BandPolicy.High, BandPolicy.Low]);

        batch.SetVersion.Should().Be(1);
        batch.Decisions.Select(d => d.Grade!.Id).Should().Equal("bronze", "silver", "bronze");
    }

    [Fact]
    public void Decide_InvalidFact_IsInvalidAndLoggedAtDebug()
    {
        var result = Engine.Decide(BandPolicy.Id, new Dictionary<string, object?> { ["x"] = "lots" });

        result.Decision.Status.Should().Be(DecisionStatus.Invalid);
        result.Decision.Grade.Should().BeNull();
        _test.Logs.Entries.Should().Contain(e => e.EventName == "InvalidFact" && e.Level == LogLevel.Debug
            && e.Message.Contains(BandPolicy.Id, StringComparison.Ordinal) && e.Message.Contains("x:", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_GoodEdit_SwapsInTheNewSetAndRaisesReloaded()
    {
        var before = Engine.Current;
        PolicySetReloadedEventArgs? raised = null;
        object? sender = null;
        Engine.Reloaded += (s, e) => (sender, raised) = (s, e);
        _rules.WriteBand(BandPolicy.B);

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Succeeded);
        result.Current.Should().BeSameAs(Engine.Current);
        Engine.Current.Version.Should().Be(2);
        Engine.Current.LoadedAt.Should().BeOnOrAfter(before.LoadedAt);
        Engine.Current.Fingerprint.Should().NotBe(before.Fingerprint);
        var decision = Engine.Decide(BandPolicy.Id, BandPolicy.Low);
        decision.Decision.PolicyVersion.Should().Be("B");
        decision.Decision.Grade!.Id.Should().Be("silver");
        decision.SetVersion.Should().Be(2);
        sender.Should().BeSameAs(Engine);
        raised!.Previous.Should().BeSameAs(before);
        raised.Current.Should().BeSameAs(Engine.Current);
        _test.Logs.Entries.Should().Contain(e => e.EventName == "ReloadSucceeded");
    }

    [Fact]
    public void Reload_BadEdit_KeepsServingTheOldSetAndReportsThePosition()
    {
        var before = Engine.Current;
        PolicySetReloadFailedEventArgs? raised = null;
        Engine.ReloadFailed += (_, e) => raised = e;
        _rules.WriteBand(BandPolicy.Invalid);

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Failed);
        result.Current.Should().BeSameAs(before);
        Engine.Current.Should().BeSameAs(before);
        Engine.Decide(BandPolicy.Id, BandPolicy.Low).Decision.PolicyVersion.Should().Be("A");
        Engine.LastReloadError.Should().NotBeNull();
        Engine.LastReloadError!.Should().OnlyContain(d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        Engine.LastReloadError![0].ToString().Should().Contain(BandPolicy.InvalidPosition);
        result.Diagnostics[0].Should().Be(Engine.LastReloadError[0]);
        raised!.Diagnostics.Should().Equal(result.Diagnostics);
        raised.Current.Should().BeSameAs(before);
        _test.Logs.Entries.Should().Contain(e => e.EventName == "ReloadFailed" && e.Level == LogLevel.Error
            && e.Message.Contains(BandPolicy.InvalidPosition, StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_AfterFixingABadEdit_ClearsLastReloadError()
    {
        _rules.WriteBand(BandPolicy.Invalid);
        Engine.Reload();
        _rules.WriteBand(BandPolicy.B);

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Succeeded);
        Engine.LastReloadError.Should().BeNull();
        Engine.Current.Version.Should().Be(2);
    }

    [Fact]
    public void Reload_RevertedToTheServedContent_ClearsTheErrorWithoutRebuilding()
    {
        var before = Engine.Current;
        _rules.WriteBand(BandPolicy.Invalid);
        Engine.Reload();
        _rules.WriteBand(BandPolicy.A);

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Unchanged);
        Engine.Current.Should().BeSameAs(before);
        Engine.LastReloadError.Should().BeNull();
    }

    [Fact]
    public void Reload_UnchangedContent_DoesNotRebuild()
    {
        var before = Engine.Current;
        var reloaded = 0;
        Engine.Reloaded += (_, _) => reloaded++;
        _rules.WriteBand(BandPolicy.A); // rewritten with the same text: a new write time, the same content

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Unchanged);
        result.Diagnostics.Should().BeEmpty();
        Engine.Current.Should().BeSameAs(before);
        reloaded.Should().Be(0);
        _test.Metrics.Reloads(TieringMetrics.Unchanged).Should().Be(1);
        _test.Metrics.Reloads(TieringMetrics.Success).Should().Be(0);
    }

    [Fact]
    public void Reload_TestFileEdited_DoesNotRebuild()
    {
        File.WriteAllText(Path.Combine(_rules.Path, "band.tests.yaml"), "this is not read by the loader");

        Engine.Reload().Outcome.Should().Be(ReloadOutcome.Unchanged);
    }

    [Fact]
    public void Reload_NewFileInASubdirectory_IsLoaded()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_rules.Path, "more"));
        File.WriteAllText(Path.Combine(sub.FullName, "other.yml"), BandPolicy.A.Replace("policy: churn-band", "policy: other-band", StringComparison.Ordinal));

        Engine.Reload().Outcome.Should().Be(ReloadOutcome.Succeeded);

        Engine.Current.PolicySet.Contains("other-band").Should().BeTrue();
    }

    [Fact]
    public void Reload_FileMovedIntoASubdirectory_ReloadsWithItsNewPath()
    {
        // Same file name, same text: the set's fingerprint is unchanged, but the policy now lives elsewhere.
        var before = Engine.Current;
        var moved = Path.Combine(Directory.CreateDirectory(Path.Combine(_rules.Path, "moved")).FullName, BandPolicy.FileName);
        File.Move(_rules.BandFile, moved);

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Succeeded);
        Engine.Current.Fingerprint.Should().Be(before.Fingerprint);
        Engine.Current.PolicySet.Policies.Single(p => p.Id == BandPolicy.Id).Path.Should().Be(moved);
    }

    [Fact]
    public void Reload_FileOverTheSizeLimit_FailsNamingItsSize_ThenLoadsOnceItShrinks()
    {
        using var rules = TempRules.Create(withShippedRules: false);
        using var test = TestEngine.Create(rules.Path, o => o.Limits = new LoadLimits { MaxFileBytes = 4096 });
        rules.WriteBand(BandPolicy.B + "# " + new string('x', 5000) + "\n");

        var failed = test.Engine.Reload();

        failed.Outcome.Should().Be(ReloadOutcome.Failed);
        failed.Diagnostics.Should().ContainSingle(d => d.Code == "TR1005" && d.Span.Path == rules.BandFile);
        test.BandVersion().Should().Be("A");

        rules.WriteBand(BandPolicy.B);

        test.Engine.Reload().Outcome.Should().Be(ReloadOutcome.Succeeded);
        test.BandVersion().Should().Be("B");
    }

    [Fact]
    public void Reload_DirectoryDeleted_FailsAndKeepsServing()
    {
        var before = Engine.Current;
        Directory.Delete(_rules.Path, recursive: true);

        var result = Engine.Reload();

        result.Outcome.Should().Be(ReloadOutcome.Failed);
        Engine.Current.Should().BeSameAs(before);
        Engine.LastReloadError.Should().ContainSingle().Which.ToString().Should().Contain("does not exist");
        Engine.Decide(BandPolicy.Id, BandPolicy.Low).Decision.Grade!.Id.Should().Be("bronze");
    }

    [Fact]
    public void Reload_ThrowingHandler_IsLoggedAndTheOtherHandlersStillRun()
    {
        var second = false;
        Engine.Reloaded += (_, _) => throw new InvalidOperationException("subscriber bug");
        Engine.Reloaded += (_, _) => second = true;
        _rules.WriteBand(BandPolicy.B);

        Engine.Reload().Outcome.Should().Be(ReloadOutcome.Succeeded);

        second.Should().BeTrue();
        _test.Logs.Entries.Should().Contain(e => e.EventName == "EventHandlerThrew" && e.Exception is InvalidOperationException);
    }

    [Fact]
    public void Metrics_RecordDecisionsDurationsReloadsAndTheSetVersion()
    {
        Engine.Decide(BandPolicy.Id, BandPolicy.Low);
        Engine.Decide(BandPolicy.Id, new Dictionary<string, object?> { ["x"] = -1m });
        Engine.DecideMany(BandPolicy.Id, [BandPolicy.Low, BandPolicy.High]);
        _rules.WriteBand(BandPolicy.B);
        Engine.Reload();
        _rules.WriteBand(BandPolicy.Invalid);
        Engine.Reload();
        _test.Metrics.Observe();

        var decisions = _test.Metrics.Of("tiering.decisions").ToList();
        decisions.Should().HaveCount(4).And.OnlyContain(m => Equals(m.Tags["policy"], BandPolicy.Id));
        decisions.Count(m => Equals(m.Tags["status"], "classified")).Should().Be(3);
        decisions.Count(m => Equals(m.Tags["status"], "invalid")).Should().Be(1);
        var durations = _test.Metrics.Of("tiering.decision.duration").ToList();
        durations.Should().HaveCount(3, "two single decisions and one batch").And.OnlyContain(m => m.Value >= 0);
        durations.Count(m => Equals(m.Tags["batch"], true)).Should().Be(1);
        _test.Metrics.Reloads(TieringMetrics.Success).Should().Be(1);
        _test.Metrics.Reloads(TieringMetrics.Failure).Should().Be(1);
        _test.Metrics.Of("tiering.policyset.version").Last().Value.Should().Be(2);
    }

    [Fact]
    public void Metrics_NobodyListening_NothingIsTimed()
    {
        using var meters = new TestMeterFactory();
        using var metrics = new TieringMetrics(meters, () => 1);

        metrics.StartTiming().Should().Be(0);

        using var recorder = new MetricRecorder(meters);
        metrics.StartTiming().Should().NotBe(0);
    }
}
