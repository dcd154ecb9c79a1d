using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// The <see cref="ITieringEngine"/> behind <c>AddTieringRules</c>: decides against the <see cref="ReloadingPolicyStore"/>'s
/// current snapshot and records metrics and debug logs around each decision.
/// </summary>
internal sealed class TieringEngine : ITieringEngine, IDisposable
{
    private readonly ReloadingPolicyStore _store;
    private readonly TieringMetrics _metrics;
    private readonly ILogger _logger;

    /// <exception cref="PolicyLoadException">The policies did not load.</exception>
    public TieringEngine(TieringRulesOptions options, ILoggerFactory loggerFactory, IMeterFactory? meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = loggerFactory.CreateLogger(TieringRulesTelemetry.LoggerCategory);
        _metrics = new TieringMetrics(meterFactory, () => _store?.Current.Version ?? 0, () => _store?.Current.VanishedPolicies.Count ?? 0);
        try
        {
            _store = new ReloadingPolicyStore(options, this, _logger, _metrics, timeProvider);
        }
        catch
        {
            _metrics.Dispose();
            throw;
        }
    }

    public event EventHandler<PolicySetReloadedEventArgs>? Reloaded
    {
        add => _store.Reloaded += value;
        remove => _store.Reloaded -= value;
    }

    public event EventHandler<PolicySetReloadFailedEventArgs>? ReloadFailed
    {
        add => _store.ReloadFailed += value;
        remove => _store.ReloadFailed -= value;
    }

    public PolicySetSnapshot Current => _store.Current;

    public IReadOnlyList<Diagnostic>? LastReloadError => _store.LastError;

    /// <summary>Creates the engine from a container: options (validated here), logging, metrics and time when registered.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="PolicyLoadException">The policies did not load.</exception>
    internal static TieringEngine Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TieringRulesOptions>>().Value;
        return new TieringEngine(
            options,
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            services.GetService<IMeterFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    public EngineDecision Decide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        var snapshot = _store.Current;
        return DecideCore(snapshot, policyId, fact, asOf);
    }

    public bool TryDecide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf, [NotNullWhen(true)] out EngineDecision? decision)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        var snapshot = _store.Current;
        if (!snapshot.PolicySet.Contains(policyId))
        {
            decision = null;
            return false;
        }

        decision = DecideCore(snapshot, policyId, fact, asOf);
        return true;
    }

    public EngineDecisionBatch DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        var snapshot = _store.Current;
        var start = _metrics.StartTiming();
        var decisions = snapshot.Engine is PolicySet set ? set.DecideMany(policyId, facts, asOf) : snapshot.Engine.DecideMany(policyId, facts, asOf);
        _metrics.RecordBatch(policyId, decisions, start);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var decision in decisions)
            {
                LogIfInvalid(decision);
            }
        }

        return new EngineDecisionBatch(decisions, snapshot.Version);
    }

    public EngineDecisionBatch DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        var snapshot = _store.Current;
        var start = _metrics.StartTiming();
        var decisions = snapshot.Engine.DecidePortfolio(policyId, facts, asOf);
        _metrics.RecordBatch(policyId, decisions, start);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var decision in decisions)
            {
                LogIfInvalid(decision);
            }
        }

        return new EngineDecisionBatch(decisions, snapshot.Version);
    }

        public ReloadResult Reload() => _store.Reload();

    public void Dispose()
    {
        _store.Dispose();
        _metrics.Dispose();
    }

    private EngineDecision DecideCore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(PolicySetSnapshot snapshot, string policyId, TFact fact, DateOnly? asOf)
        where TFact : notnull
    {
        var start = _metrics.StartTiming();
        var decision = snapshot.Engine is PolicySet set ? set.Decide(policyId, fact, asOf) : snapshot.Engine.Decide(policyId, fact, asOf);
        _metrics.RecordDecision(decision, start);
        if (decision.Status == DecisionStatus.Invalid && _logger.IsEnabled(LogLevel.Debug))
        {
            LogIfInvalid(decision);
        }

        return new EngineDecision(decision, snapshot.Version);
    }

    private void LogIfInvalid(Decision decision)
    {
        if (decision.Status == DecisionStatus.Invalid)
        {
            Log.InvalidFact(_logger, decision.PolicyId, decision.PolicyVersion, string.Join("; ", decision.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }
    }
}
