using System.Collections.Concurrent;
using System.Diagnostics;
using Tiering.Rules.DependencyInjection.Tests.Support;
using Xunit.Abstractions;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>
/// Sixteen threads decide without pause while the rules directory is rewritten 200 times with good, half-written
/// and invalid content. Each decision must be attributable to exactly one loaded version of the band policy.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ChurnTests(ITestOutputHelper output) : IDisposable
{
    private const int Deciders = 16;
    private const int Rewrites = 200;
    private static readonly TimeSpan VisibilityBound = TimeSpan.FromSeconds(2);

    // Only the band policy: a reload's cost grows with the directory (the shipped policies take tens to hundreds of
    // milliseconds to compile), and this test is about the swap, on 2 cores shared with 16 busy deciders.
    private readonly TempRules _rules = TempRules.Create(withShippedRules: false);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<long, string> _versionOfSet = new();
    private int _failureCount;
    private int _stop;

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void Churn_DecidersNeverFailAndAlwaysSeeExactlyOneLoadedVersion()
    {
        using var test = TestEngine.Create(_rules.Path, o =>
        {
            o.ReloadOnChange = true;
            o.DebounceInterval = TimeSpan.FromMilliseconds(20); // short, so that many swaps happen while deciding
            // Short too: this test is about the swap and its visibility bound; ReloadStabilityTests holds the stability
            // check (the 1 s default would add a second to every swap here).
            o.StabilityInterval = TimeSpan.FromMilliseconds(100);
        });
        var engine = test.Engine;
        var counts = new long[Deciders];
        var seen = new int[Deciders, 2];
        var threads = Enumerable.Range(0, Deciders)
            .Select(i => new Thread(() => Decide(engine, i, counts, seen)) { IsBackground = true, Name = $"decider-{i}" })
            .ToList();
        threads.ForEach(t => t.Start());

        var random = new Random(20261123);
        var clock = Stopwatch.StartNew();
        TimeSpan lastGoodVisibleAfter = default;
        for (var i = 1; i <= Rewrites; i++)
        {
            switch (i)
            {
                case 50 or 100 or 150 or 197:
                    // Settle points: a good version that the deciders are sure to be served for a while.
                    var settled = i is 100 or 197 ? BandPolicy.A : BandPolicy.B;
                    _rules.WriteBand(settled);
                    Wait.Until(() => test.BandVersion() == Version(settled)).Should().BeTrue($"rewrite {i} should be loaded");
                    break;
                case 198:
                    _rules.WriteBand(BandPolicy.HalfWritten(BandPolicy.B, random));
                    break;
                case 199:
                    // The last good version (A is serving): visible within the bound.
                    _rules.WriteBand(BandPolicy.B);
                    var written = clock.Elapsed;
                    Wait.Until(() => test.BandVersion() == "B", VisibilityBound * 5).Should().BeTrue("the last good version must be loaded");
                    lastGoodVisibleAfter = clock.Elapsed - written;
                    break;
                case Rewrites:
                    _rules.WriteBand(BandPolicy.Invalid);
                    break;
                default:
                    _rules.WriteBand(random.Next(4) switch
                    {
                        0 => BandPolicy.A,
                        1 => BandPolicy.B,
                        2 => BandPolicy.HalfWritten(random.Next(2) == 0 ? BandPolicy.A : BandPolicy.B, random),
                        _ => BandPolicy.Invalid,
                    });
                    Thread.Sleep(random.Next(0, 30));
                    break;
            }
        }

        var reported = Wait.Until(() => engine.LastReloadError is not null);
        Thread.Sleep(100);
        Volatile.Write(ref _stop, 1);
        threads.ForEach(t => t.Join());

        var total = counts.Sum();
        output.WriteLine($"{total} decisions on {Deciders} threads in {clock.Elapsed.TotalSeconds:F1} s; set versions seen: {_versionOfSet.Count}; "
            + $"reloads: {test.Metrics.Reloads(TieringMetrics.Success)} ok, {test.Metrics.Reloads(TieringMetrics.Failure)} failed, {test.Metrics.Reloads(TieringMetrics.Unchanged)} unchanged; "
            + $"last good version visible after {lastGoodVisibleAfter.TotalMilliseconds:F0} ms");
        _failures.Should().BeEmpty($"{_failureCount} decision(s) failed");
        total.Should().BeGreaterThan(Deciders * 10);
        Enumerable.Range(0, Deciders).Should().OnlyContain(i => counts[i] > 0, "every decider made decisions");
        Enumerable.Range(0, Deciders).Any(i => seen[i, 0] > 0).Should().BeTrue("version A was served while deciding");
        Enumerable.Range(0, Deciders).Any(i => seen[i, 1] > 0).Should().BeTrue("version B was served while deciding");
        lastGoodVisibleAfter.Should().BeLessThan(VisibilityBound);
        reported.Should().BeTrue("the final, invalid rewrite should be reported");
        engine.LastReloadError![0].ToString().Should().Contain(BandPolicy.InvalidPosition);
        test.BandVersion().Should().Be("B", "the last good version keeps serving after the invalid rewrite");
        test.Metrics.Reloads(TieringMetrics.Success).Should().BeGreaterThanOrEqualTo(5);
        test.Metrics.Reloads(TieringMetrics.Failure).Should().BeGreaterThanOrEqualTo(1);
    }

    private static string Version(string text) => text == BandPolicy.A ? "A" : "B";

    private void Decide(ITieringEngine engine, int index, long[] counts, int[,] seen)
    {
        var fact = index % 2 == 0 ? BandPolicy.Low : BandPolicy.High;
        long lastSet = 0;
        long count = 0;
        while (Volatile.Read(ref _stop) == 0)
        {
            try
            {
                var result = engine.Decide(BandPolicy.Id, fact);
                var decision = result.Decision;
                var version = decision.PolicyVersion;
                if (decision.Status != DecisionStatus.Classified)
                {
                    Fail($"status {decision.Status} from version {version}: {string.Join("; ", decision.Errors)}");
                }
                else if (version is not ("A" or "B"))
                {
                    Fail($"unknown policy version {version}");
                }
                else if (decision.Grade!.Id != BandPolicy.Expected(version, fact))
                {
                    Fail($"grade {decision.Grade.Id} does not match version {version} for x = {fact["x"]}");
                }
                else
                {
                    seen[index, version == "A" ? 0 : 1] = 1;
                }

                var first = _versionOfSet.GetOrAdd(result.SetVersion, version);
                if (first != version)
                {
                    Fail($"set {result.SetVersion} answered with both version {first} and version {version}");
                }

                if (result.SetVersion < lastSet)
                {
                    Fail($"set version went back from {lastSet} to {result.SetVersion}");
                }

                lastSet = result.SetVersion;
                count++;
            }
#pragma warning disable CA1031 // Every exception is a failed decision, to be reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Fail(ex.ToString());
            }
        }

        counts[index] = count;
    }

    private void Fail(string message)
    {
        if (Interlocked.Increment(ref _failureCount) <= 10)
        {
            _failures.Enqueue(message);
        }
    }
}
