using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// The engine's instruments on the <see cref="TieringRulesTelemetry.MeterName"/> meter. Every recording method checks
/// <see cref="Instrument.Enabled"/> first, so nothing is timed, tagged or recorded while nobody listens.
/// </summary>
internal sealed class TieringMetrics : IDisposable
{
    internal const string Success = "success";
    internal const string Failure = "failure";
    internal const string Unchanged = "unchanged";
    internal const string Deferred = "deferred";
    internal const string Refused = "refused";
    internal const string Suspicious = "suspicious";

    private static readonly object True = true;
    private static readonly object False = false;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reloads;

    /// <param name="meterFactory">The host's meter factory (meters then belong to the container), or null to own a meter.</param>
    /// <param name="setVersion">Reads the serving set version for the observable gauge.</param>
    /// <param name="vanished">Reads how many vanished policies the serving set keeps (their grace period running).</param>
    public TieringMetrics(IMeterFactory? meterFactory, Func<long> setVersion, Func<int>? vanished = null)
    {
        var version = typeof(TieringMetrics).Assembly.GetName().Version?.ToString();
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(new MeterOptions(TieringRulesTelemetry.MeterName) { Version = version });
        }
        else
        {
            _meter = new Meter(TieringRulesTelemetry.MeterName, version);
            _ownsMeter = true;
        }

        _decisions = _meter.CreateCounter<long>("tiering.decisions", "{decision}", "Decisions made, by policy and status.");
        _duration = _meter.CreateHistogram<double>("tiering.decision.duration", "ms", "Time to decide one fact (or one DecideMany batch), by policy.");
        _reloads = _meter.CreateCounter<long>("tiering.reloads", "{reload}", "Reloads of the rules directory, by outcome: success, failure, unchanged, deferred (files still changing), refused (suspicious, RefuseSuspiciousReloads) or suspicious (swapped in, with a warning).");
        _meter.CreateObservableGauge("tiering.policyset.version", setVersion, "{version}", "The version of the policy set now serving.");
        _meter.CreateObservableGauge("tiering.policies.vanished", vanished ?? (() => 0), "{policy}", "Policies whose files vanished that still serve their last good version (grace period running).");
    }

    /// <summary>A start timestamp when the duration histogram is listened to; otherwise 0 (nothing is timed).</summary>
    public long StartTiming() => _duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void RecordDecision(Decision decision, long startTimestamp)
    {
        if (startTimestamp != 0)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("policy", decision.PolicyId), new KeyValuePair<string, object?>("batch", False));
        }

        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("policy", decision.PolicyId), new KeyValuePair<string, object?>("status", StatusTag(decision.Status)));
        }
    }

    public void RecordBatch(string policyId, IReadOnlyList<Decision> decisions, long startTimestamp)
    {
        if (startTimestamp != 0)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("policy", policyId), new KeyValuePair<string, object?>("batch", True));
        }

        if (_decisions.Enabled)
        {
            foreach (var decision in decisions)
            {
                _decisions.Add(1, new KeyValuePair<string, object?>("policy", decision.PolicyId), new KeyValuePair<string, object?>("status", StatusTag(decision.Status)));
            }
        }
    }

    public void RecordReload(string outcome)
    {
        if (_reloads.Enabled)
        {
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>The status as the snake_case word the CLI and the README use.</summary>
    internal static string StatusTag(DecisionStatus status) => status.ToSnakeCase();

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
