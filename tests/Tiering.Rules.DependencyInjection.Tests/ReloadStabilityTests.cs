using System.Collections.Concurrent;
using System.Diagnostics;
using Tiering.Rules.DependencyInjection.Tests.Support;
using Xunit.Abstractions;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>
/// Issue 23, items 1 and 2: a reload never serves a file state that is still being written, a policy whose file
/// vanishes keeps serving its last good version, a reload that looks like a truncated file can be refused, and a
/// marker file can gate reloads. Each test runs in a few seconds.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ReloadStabilityTests(ITestOutputHelper output) : IDisposable
{
    private const string Id = "slow-write";
    private const string FileName = "slow.yaml";

    /// <summary>The facts; each complete version grades every one of them differently from the other version.</summary>
    private static readonly decimal[] Xs = [5m, 15m, 25m, 35m];

    private readonly TempRules _rules = TempRules.Create(withShippedRules: false, band: BandPolicy.A);

    private string SlowFile => Path.Combine(_rules.Path, FileName);

    public void Dispose() => _rules.Dispose();

    /// <summary>
    /// Version <paramref name="version"/>: four rules under first, each grading one fact. The version key comes first,
    /// so every prefix that ends after a rule is itself a valid policy that grades the later facts 'none': the
    /// truncated-but-valid state the probe served for 10 s.
    /// </summary>
    private static string Policy(string version)
    {
        var grades = version == "A" ? new[] { "g1", "g2", "g3", "g4" } : ["g4", "g3", "g2", "g1"];
        return $$"""
            policy: {{Id}}
            version: "{{version}}"
            fields:
              x: { type: decimal, min: 0 }
            grades: [none, g1, g2, g3, g4]
            hitPolicy: first
            default: none
            rules:
              - { id: R1, when: "x < 10", then: {{grades[0]}} }
              - { id: R2, when: "x < 20", then: {{grades[1]}} }
              - { id: R3, when: "x < 30", then: {{grades[2]}} }
              - { id: R4, when: "x < 40", then: {{grades[3]}} }

            """;
    }

    private static string Expected(string version, decimal x)
    {
        var index = Array.IndexOf(Xs, x);
        return version == "A" ? $"g{index + 1}" : $"g{4 - index}";
    }

    /// <summary>The text up to the end of rule R2: a valid policy that loses R3 and R4.</summary>
    private static string Truncated(string version)
    {
        var text = Policy(version);
        return text[..(text.IndexOf("  - { id: R3", StringComparison.Ordinal))];
    }

    /// <summary>
    /// The probe that found it: a writer pausing mid-file for longer than the debounce interval. Four threads decide
    /// while the file is rewritten five times, each time in two parts with a pause of 100–300 ms between them (the
    /// first part a valid policy that has lost two rules); every decision must be that of a complete version.
    /// </summary>
    [Fact]
    public void Watch_WriterPausingMidFile_NeverServesTheHalfWrittenState()
    {
        File.WriteAllText(SlowFile, Policy("A"));
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = TimeSpan.FromMilliseconds(20); // far shorter than the writer's pauses
            o.StabilityInterval = TimeSpan.FromMilliseconds(500); // longer than them
        });
        var wrong = new ConcurrentQueue<string>();
        var versions = new ConcurrentDictionary<string, int>();
        var stop = 0;
        long decisions = 0;
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            var fact = new Dictionary<string, object?> { ["x"] = Xs[i] };
            while (Volatile.Read(ref stop) == 0)
            {
                var decision = test.Engine.Decide(Id, fact).Decision;
                versions.TryAdd(decision.PolicyVersion, 0);
                if (decision.Grade?.Id != Expected(decision.PolicyVersion, Xs[i]) && wrong.Count < 10)
                {
                    wrong.Enqueue($"x = {Xs[i]}: {decision.Grade?.Id ?? decision.Status.ToString()} from version {decision.PolicyVersion}");
                }

                Interlocked.Increment(ref decisions);
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        var random = new Random(23);
        var clock = Stopwatch.StartNew();
        for (var write = 0; write < 5; write++)
        {
            var version = write % 2 == 0 ? "B" : "A";
            var text = Policy(version);
            var cut = Truncated(version).Length;
            using (var stream = new FileStream(SlowFile, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text[..cut]));
                stream.Flush(flushToDisk: true);
                Thread.Sleep(random.Next(100, 300));
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text[cut..]));
            }

            Thread.Sleep(random.Next(0, 150));
        }

        var final = Wait.Until(() => test.Engine.Decide(Id, new Dictionary<string, object?> { ["x"] = 5m }).Decision.PolicyVersion == "B");
        Volatile.Write(ref stop, 1);
        threads.ForEach(t => t.Join());
        output.WriteLine($"{decisions} decisions in {clock.Elapsed.TotalSeconds:F1} s; versions served: {string.Join(", ", versions.Keys.Order())}; "
            + $"reloads: {test.Metrics.Reloads(TieringMetrics.Success)} ok, {test.Metrics.Reloads(TieringMetrics.Failure)} failed, {test.Metrics.Reloads(TieringMetrics.Deferred)} deferred");

        wrong.Should().BeEmpty("every decision must be that of a complete file state");
        final.Should().BeTrue("the last complete version is loaded once the writer stops");
        test.Metrics.Reloads(TieringMetrics.Success).Should().BePositive();
        versions.Keys.Should().Contain("A", "the first complete version was served");
    }

    [Fact]
    public void Watch_FileDeletedAndRecreated_KeepsServingTheLastGoodVersion()
    {
        File.WriteAllText(SlowFile, Policy("A")); // another policy stays, so the directory still loads
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = TimeSpan.FromMilliseconds(20);
            o.StabilityInterval = TimeSpan.FromMilliseconds(50);
        });
        var failures = new ConcurrentQueue<string>();
        var stop = 0;
        var decider = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                try
                {
                    test.Engine.Decide(BandPolicy.Id, BandPolicy.Low).Decision.Grade!.Id.Should().Be("bronze");
                }
#pragma warning disable CA1031 // every exception is a failed decision, reported below
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (failures.Count < 5)
                    {
                        failures.Enqueue(ex.GetType().Name + ": " + ex.Message);
                    }
                }
            }
        }) { IsBackground = true };
        decider.Start();

        File.Delete(_rules.BandFile);
        Wait.Until(() => test.Engine.Current.VanishedPolicies.ContainsKey(BandPolicy.Id)).Should().BeTrue("the vanished policy is listed while it keeps serving");
        test.Engine.Current.Version.Should().BeGreaterThan(1, "a reload without the file happened");
        test.Logs.Entries.Should().Contain(e => e.EventName == "PolicyVanished");

        _rules.WriteBand(BandPolicy.A);
        Wait.Until(() => test.Engine.Current.VanishedPolicies.Count == 0).Should().BeTrue("the file is back");
        Volatile.Write(ref stop, 1);
        decider.Join();

        failures.Should().BeEmpty("no decision may fail while the file is away (before: KeyNotFoundException)");
    }

    [Fact]
    public void Watch_EditorSaveByRenamingTheOriginal_NeverBlinks()
    {
        File.WriteAllText(SlowFile, Policy("A")); // another policy stays, so the directory still loads without the band
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = TimeSpan.FromMilliseconds(10);
            o.StabilityInterval = TimeSpan.Zero; // the hardest case: every intermediate state is read at once
        });
        var missing = 0;

        for (var save = 0; save < 5; save++)
        {
            // The original is renamed to a backup, the new text written, the backup deleted (vim's and others' pattern).
            File.Move(_rules.BandFile, _rules.BandFile + "~");
            Thread.Sleep(150);
            missing += test.Engine.Current.PolicySet.Contains(BandPolicy.Id) ? 0 : 1;
            File.WriteAllText(_rules.BandFile, save % 2 == 0 ? BandPolicy.B : BandPolicy.A);
            File.Delete(_rules.BandFile + "~");
            Thread.Sleep(150);
            missing += test.Engine.Current.PolicySet.Contains(BandPolicy.Id) ? 0 : 1;
        }

        Wait.Until(() => test.BandVersion() == "B").Should().BeTrue();
        missing.Should().Be(0);
        test.Engine.Current.VanishedPolicies.Should().BeEmpty();
        test.Logs.Entries.Should().Contain(e => e.EventName == "PolicyVanished", "the renames were seen");
        test.Logs.Entries.Should().NotContain(e => e.EventName == "SuspiciousReload", "A and B each leave one grade unused: no tell");
    }

    [Fact]
    public void Watch_GracePeriodEnds_RemovesTheVanishedPolicyWithoutAnotherEvent()
    {
        File.WriteAllText(SlowFile, Policy("A"));
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = TimeSpan.FromMilliseconds(20);
            o.StabilityInterval = TimeSpan.FromMilliseconds(50);
            o.VanishedPolicyGracePeriod = TimeSpan.FromMilliseconds(600);
        });

        File.Delete(SlowFile);

        Wait.Until(() => test.Engine.Current.VanishedPolicies.ContainsKey(Id)).Should().BeTrue();
        test.Engine.Current.PolicySet.Contains(Id).Should().BeTrue("the grace period runs");
        Wait.Until(() => !test.Engine.Current.PolicySet.Contains(Id)).Should().BeTrue("the policy goes when the grace period ends");
        test.Engine.Current.VanishedPolicies.Should().BeEmpty();
        test.Engine.Current.PolicySet.Contains(BandPolicy.Id).Should().BeTrue();
        test.Logs.Entries.Should().Contain(e => e.EventName == "PolicyRemoved");
    }

    [Fact]
    public void Reload_GracePeriodZero_AppliesTheDeletionAtOnce()
    {
        File.WriteAllText(SlowFile, Policy("A"));
        using var test = TestEngine.Create(_rules.Path, o => o.VanishedPolicyGracePeriod = TimeSpan.Zero);

        File.Delete(SlowFile);
        test.Engine.Reload().Outcome.Should().Be(ReloadOutcome.Succeeded);

        test.Engine.Current.PolicySet.Contains(Id).Should().BeFalse();
        test.Engine.Current.VanishedPolicies.Should().BeEmpty();
    }

    [Fact]
    public void Reload_TruncatedButValidFile_IsRefusedWhenAskedAndLoggedOtherwise()
    {
        File.WriteAllText(SlowFile, Policy("A"));
        using var refusing = TestEngine.Create(_rules.Path, o => o.RefuseSuspiciousReloads = true);

        File.WriteAllText(SlowFile, Truncated("B"));
        var refused = refusing.Engine.Reload();

        refused.Outcome.Should().Be(ReloadOutcome.Failed);
        refusing.Engine.Current.Version.Should().Be(1, "the serving set stays");
        refusing.Engine.LastReloadError!.Select(d => d.Code).Should().Equal("TR4006", "TR4006");
        refusing.Metrics.Reloads(TieringMetrics.Refused).Should().Be(1);

        File.WriteAllText(SlowFile, Policy("A"));
        using var logging = TestEngine.Create(_rules.Path);
        File.WriteAllText(SlowFile, Truncated("B"));

        logging.Engine.Reload().Outcome.Should().Be(ReloadOutcome.Succeeded);
        logging.Logs.Entries.Should().Contain(e => e.EventName == "SuspiciousReload");
        logging.Metrics.Reloads(TieringMetrics.Suspicious).Should().Be(1);
    }

    [Fact]
    public void Watch_MarkerFile_GatesReloadsUntilItIsWrittenAnew()
    {
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = TimeSpan.FromMilliseconds(20);
            o.StabilityInterval = TimeSpan.FromMilliseconds(50);
            o.ReloadMarkerFile = "rules.lock";
        });

        _rules.WriteBand(BandPolicy.B);
        Thread.Sleep(600);
        test.BandVersion().Should().Be("A", "no marker has been written");

        File.WriteAllText(Path.Combine(_rules.Path, "rules.lock"), "deploy 1");
        Wait.Until(() => test.BandVersion() == "B").Should().BeTrue("the marker was written");

        _rules.WriteBand(BandPolicy.A);
        Thread.Sleep(600);
        test.BandVersion().Should().Be("B", "the marker is unchanged");
    }
}
