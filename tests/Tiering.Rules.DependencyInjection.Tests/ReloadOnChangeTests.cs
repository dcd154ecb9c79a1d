using Tiering.Rules.DependencyInjection.Tests.Support;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>Reloads driven by file-system events and by polling.</summary>
public sealed class ReloadOnChangeTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Create();

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void Watch_GoodEdit_IsPickedUp()
    {
        using var test = TestEngine.Create(_rules.Path, o => o.ReloadOnChange = true);

        _rules.WriteBand(BandPolicy.B);

        Wait.Until(() => test.BandVersion() == "B").Should().BeTrue("the edit should be loaded in the background");
        test.Engine.Current.Version.Should().Be(2);
        test.Engine.Decide(BandPolicy.Id, BandPolicy.High).Decision.Grade!.Id.Should().Be("gold");
        test.Engine.LastReloadError.Should().BeNull();
    }

    [Fact]
    public void Watch_BadEdit_IsRejectedWhileTheOldVersionKeepsAnswering()
    {
        using var test = TestEngine.Create(_rules.Path, o => o.ReloadOnChange = true);

        _rules.WriteBand(BandPolicy.Invalid);

        Wait.Until(() => test.Engine.LastReloadError is not null).Should().BeTrue("the failed reload should be reported");
        test.Engine.LastReloadError![0].ToString().Should().Contain(BandPolicy.InvalidPosition);
        test.BandVersion().Should().Be("A");
        test.Engine.Current.Version.Should().Be(1);

        _rules.WriteBand(BandPolicy.B);

        Wait.Until(() => test.BandVersion() == "B").Should().BeTrue();
        test.Engine.LastReloadError.Should().BeNull();
    }

    [Fact]
    public void Watch_SameContentRewritten_DoesNotRebuild()
    {
        using var test = TestEngine.Create(_rules.Path, o => o.ReloadOnChange = true);
        var before = test.Engine.Current;
        var reloaded = 0;
        test.Engine.Reloaded += (_, _) => Interlocked.Increment(ref reloaded);

        _rules.WriteBand(BandPolicy.A);

        Wait.Until(() => test.Metrics.Reloads(TieringMetrics.Unchanged) > 0).Should().BeTrue("the write should trigger a reload that finds nothing new");
        test.Engine.Current.Should().BeSameAs(before);
        test.Metrics.Reloads(TieringMetrics.Success).Should().Be(0);
        Volatile.Read(ref reloaded).Should().Be(0);
    }

    [Fact]
    public void Watch_NewPolicyInASubdirectory_IsPickedUp()
    {
        using var test = TestEngine.Create(_rules.Path, o => o.ReloadOnChange = true);
        var sub = Directory.CreateDirectory(Path.Combine(_rules.Path, "more"));

        File.WriteAllText(Path.Combine(sub.FullName, "other.yaml"), BandPolicy.B.Replace("policy: churn-band", "policy: other-band", StringComparison.Ordinal));

        Wait.Until(() => test.Engine.Current.PolicySet.Contains("other-band")).Should().BeTrue();
    }

    [Fact]
    public void Poll_GoodAndBadEdits_ArePickedUp()
    {
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.UsePolling = true;
            o.PollingInterval = TimeSpan.FromMilliseconds(50);
        });
        test.Logs.Entries.Should().Contain(e => e.EventName == "WatchingStarted" && e.Message.Contains("polling", StringComparison.Ordinal));

        // Atomic replacements, so that no tick can catch a file half-written and count a failure of its own.
        _rules.ReplaceBand(BandPolicy.B);
        Wait.Until(() => test.BandVersion() == "B").Should().BeTrue("polling should find the edit");

        _rules.ReplaceBand(BandPolicy.Invalid);
        Wait.Until(() => test.Engine.LastReloadError is not null).Should().BeTrue("polling should report the bad edit");
        test.Engine.LastReloadError![0].ToString().Should().Contain(BandPolicy.InvalidPosition);
        test.BandVersion().Should().Be("B");
        test.Engine.Current.Version.Should().Be(2);
        test.Metrics.Reloads(TieringMetrics.Failure).Should().Be(1, "the same broken content is reported once, not on every tick");
        test.Metrics.Reloads(TieringMetrics.Unchanged).Should().Be(0, "a tick that finds nothing new is not a reload");
    }
}

/// <summary>Timing-sensitive tests run alone, not beside the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}

[Collection(SerialCollection.Name)]
public sealed class DebounceTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Create();

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void Watch_SeveralWritesInABurst_CauseOneRebuild()
    {
        var debounce = TimeSpan.FromMilliseconds(400);
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = debounce;
        });
        var reloaded = 0;
        test.Engine.Reloaded += (_, _) => Interlocked.Increment(ref reloaded);

        // Six saves in a few milliseconds, each raising several events; the last one is version B.
        foreach (var text in new[] { BandPolicy.B, BandPolicy.Invalid, BandPolicy.A, BandPolicy.Invalid, BandPolicy.A, BandPolicy.B })
        {
            _rules.WriteBand(text);
        }

        Wait.Until(() => test.BandVersion() == "B").Should().BeTrue();
        Thread.Sleep(debounce * 3); // would a second rebuild follow?
        Volatile.Read(ref reloaded).Should().Be(1);
        test.Engine.Current.Version.Should().Be(2);
        test.Metrics.Reloads(TieringMetrics.Failure).Should().Be(0, "the half-way invalid content was never loaded");
        test.Engine.LastReloadError.Should().BeNull();
    }
}
