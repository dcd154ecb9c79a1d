using System.Diagnostics.CodeAnalysis;
using NRules;
using NRules.RuleModel;

namespace Tiering.Rules.NRules;

/// <summary>
/// A loaded <see cref="PolicySet"/> translated into NRules rule sets and compiled into a session factory: the second
/// engine for the same YAML policies, giving the same decisions as the compiled engine. Use it two ways:
/// <list type="bullet">
/// <item><b>Drop-in</b>: <see cref="Decide{TFact}"/>, <see cref="DecideMany{TFact}"/> and <see cref="Explain{TFact}"/>
/// return the same <see cref="Decision"/> and <see cref="DecisionTrace"/> as <see cref="PolicySet"/> does
/// (<see cref="DecideMany{TFact}"/> inserts the facts many to a session, the way NRules is fast).</item>
/// <item><b>Compose</b>: add <see cref="RuleSets"/> to a host's own <c>RuleRepository</c> next to its C# rules, and put
/// facts into its sessions with <see cref="Insert{TFact}"/> (or natively, for types bound with
/// <see cref="NRulesOptions.Bind{TFact}"/>); every decision arrives in the session as a <see cref="PolicyDecision"/>
/// fact that the host's rules can match.</item>
/// </list>
/// Immutable and thread-safe, like the session factory; sessions are not (one per thread).
/// </summary>
public sealed class NRulesPolicySet : IPolicyEngine
{
    private readonly SessionActions _actions;
    private readonly Dictionary<PolicyEvaluator, VersionConditions> _conditions;

    private NRulesPolicySet(PolicySet policies, NRulesOptions options)
    {
        PolicySet = policies;
        _conditions = [];
        foreach (var (_, versions) in policies.AllVersions)
        {
            foreach (var version in versions)
            {
                _conditions.Add(version, new VersionConditions(version));
            }
        }

        _actions = new SessionActions(policies, _conditions) { IntakeAsOf = options.AsOf };
        var ruleSets = new List<IRuleSet>();
        foreach (var (policyId, versions) in policies.AllVersions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var set = new RuleSet(policyId);
            var reads = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var version in versions)
            {
                set.Add(Translation.Version(version, _conditions[version], _actions));
                foreach (var dependency in version.Definition.DecisionRefs)
                {
                    reads.Add(dependency.DependsOnPolicy!);
                }
            }

            set.Add(reads.Select(dependency => Translation.Chain(policyId, dependency, _actions)));
            ruleSets.Add(set);
        }

        if (options.Bindings.Count > 0)
        {
            var intake = new RuleSet("intake");
            foreach (var group in options.Bindings.GroupBy(b => b.Type))
            {
                var ids = group.Select(b => b.PolicyId).Distinct(StringComparer.Ordinal).ToArray();
                foreach (var id in ids)
                {
                    _ = policies.Versions(id); // an unknown id fails here, with the did-you-mean message
                }

                intake.Add([Translation.Intake(group.Key, ids, _actions)]);
            }

            ruleSets.Add(intake);
        }

        RuleSets = ruleSets;
        SessionFactory = new RuleCompiler { ExpressionCompiler = FastRuleExpressionCompiler.Instance }.Compile(ruleSets);
        _portfolio = new NRulesPortfolioHost(this, SessionFactory);
    }

    private readonly NRulesPortfolioHost _portfolio;

    /// <summary>
    /// Translates a loaded policy set into NRules rule sets and compiles them.
    /// </summary>
    /// <param name="policies">The loaded policies (everything the loader rejects never gets here).</param>
    /// <param name="configure">Binds host types to policies and sets the as-of date of natively inserted facts; optional.</param>
    /// <returns>The translated set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policies"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">A binding names a policy that is not loaded.</exception>
    public static NRulesPolicySet Create(PolicySet policies, Action<NRulesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var options = new NRulesOptions();
        configure?.Invoke(options);
        return new NRulesPolicySet(policies, options);
    }

    /// <summary>The policies translated.</summary>
    public PolicySet PolicySet { get; }

    /// <summary>
    /// The translated rules, one rule set per policy (named by its id) holding every version's rules, plus an
    /// <c>intake</c> set when host types are bound. Add them to a host's <c>RuleRepository</c> to decide policies next
    /// to its own rules; the rules need no services from the host.
    /// </summary>
    public IReadOnlyList<IRuleSet> RuleSets { get; }

    /// <summary>The session factory compiled from <see cref="RuleSets"/> alone (thread-safe).</summary>
    public ISessionFactory SessionFactory { get; }

    /// <summary>
    /// Compiles every version's conditions into expression trees now (they start as closures and are compiled after a
    /// few hundred decisions otherwise), for steady speed from the first fact.
    /// </summary>
    /// <returns>This set.</returns>
    public NRulesPolicySet Prepare()
    {
        foreach (var conditions in _conditions.Values)
        {
            conditions.Prepare();
        }

        return this;
    }

    /// <summary>Whether every version's conditions run as compiled expression trees (see <see cref="Prepare"/>).</summary>
    public bool IsCompiled => _conditions.Values.All(c => c.IsCompiled);

    /// <summary>
    /// Decides one fact in a session of its own: the same decision <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/> gives.
    /// </summary>
    /// <typeparam name="TFact">The fact type: a POCO, a dictionary of string to object or a <see cref="System.Text.Json.JsonElement"/>.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for; picks the effective version.</param>
    /// <returns>The decision; never null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public Decision Decide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        if (PolicySet.IsGroupPolicy(policyId))
        {
            return Alone(DecidePortfolio(policyId, [fact], asOf));
        }

        return Run(policyId, [fact], asOf)[0].Decision!;
    }

    /// <summary>A group policy asked about one fact: the decision of a group of one (the member's own errors first).</summary>
    private static T Alone<T>(IReadOnlyList<T> results)
        where T : class
    {
        foreach (var result in results)
        {
            var decision = result as Decision ?? (result as DecisionTrace)!.Decision;
            if (decision.Status == DecisionStatus.Invalid && decision.Errors.All(e => e.Field != "(members)"))
            {
                return result;
            }
        }

        return results[0];
    }

    /// <summary>
    /// Decides many facts at once with a group policy: the same decisions, in the same order, that
    /// <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> gives. Members' chained
    /// decisions and their own (or the group facts') decisions are made by the translated rules; the grouping and the
    /// aggregates are the core's per-group accumulators.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>The decisions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public IReadOnlyList<Decision> DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        var results = new List<Decision>();
        DecidePortfolio(policyId, facts, results.Add, asOf);
        return results;
    }

    /// <summary>Decides many facts at once with a group policy, handing each decision over as it is made (see <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, Action{Decision}, DateOnly?, bool)"/>).</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="onDecision">Receives each decision.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <param name="sortedByKey">Whether the input is sorted by the group key (groups are decided as they end; a key out of order throws).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    /// <exception cref="InvalidDataException"><paramref name="sortedByKey"/> is true and a key comes out of order.</exception>
    public void DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, Action<Decision> onDecision, DateOnly? asOf = null, bool sortedByKey = false)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(onDecision);
        var versions = PolicySet.Versions(policyId);
        if (PolicySet.SelectVersion(versions, asOf, out var policy) is { } early)
        {
            foreach (var fact in facts)
            {
                ArgumentNullException.ThrowIfNull(fact, nameof(facts));
                onDecision(early);
            }

            return;
        }

        if (policy.Group is null)
        {
            foreach (var decision in DecideMany(policyId, facts, asOf))
            {
                onDecision(decision);
            }

            return;
        }

        var refs = policy.Definition.DecisionRefs;
        if (sortedByKey || refs.Length == 0 || policy.Group.Group.DecidesGroups)
        {
            var run = new PortfolioRun(_portfolio, policy, asOf, onDecision, sortedByKey, versions.Length);
            run.Run(facts);
            return;
        }

        // Unsorted input is held to its end anyway: the policies the members read are decided first, in batch sessions
        // (as DecideMany decides), rather than in a session per member.
        var all = new List<object>(facts.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact, nameof(facts));
            all.Add(fact);
        }

        var decided = new IReadOnlyList<Decision>[refs.Length];
        for (var k = 0; k < refs.Length; k++)
        {
            decided[k] = DecideMany(refs[k].DependsOnPolicy!, all, asOf);
        }

        var prefetched = new PortfolioRun(new NRulesPortfolioHost(this, SessionFactory, all, decided), policy, asOf, onDecision, sorted: false, versions.Length);
        prefetched.Run(all);
    }

    /// <summary>Decides many facts with a group policy on NRules and says why (see <see cref="PolicySet.ExplainPortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>).</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public PortfolioTrace ExplainPortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        var versions = PolicySet.Versions(policyId);
        if (PolicySet.SelectVersion(versions, asOf, out var policy) is { } early)
        {
            var earlyTraces = facts.Select(_ => TraceBuilder.Build(early, null, versions.Length)).ToList();
            return new PortfolioTrace(earlyTraces, string.Concat(earlyTraces.Select((t, i) => $"== record {i + 1}\n{t}\n")));
        }

        if (policy.Group is null)
        {
            var traces = facts.Select(f => (DecisionTrace)Explain(policyId, f, asOf)).ToList();
            return new PortfolioTrace(traces, string.Concat(traces.Select((t, i) => $"== record {i + 1}\n{t}\n")));
        }

        var run = new PortfolioRun(_portfolio, policy, asOf, _ => { }, sorted: false, versions.Length, explain: true);
        run.Run(facts);
        return run.Trace();
    }

    /// <summary>
    /// Decides many facts in sessions of 1,024 (each filled, then fired once): the same decisions, in input order, that
    /// <see cref="PolicySet.DecideMany{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> gives.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>One decision per fact, in input order.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element of <paramref name="facts"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public IReadOnlyList<Decision> DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        if (PolicySet.IsGroupPolicy(policyId))
        {
            return [.. facts.Select(f => Decide(policyId, f, asOf))];
        }

        var entries = Run(policyId, facts, asOf);
        var decisions = new Decision[entries.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = entries[i].Decision!;
        }

        return decisions;
    }

    /// <summary>
    /// Decides one fact on NRules and says why: the same <see cref="DecisionTrace"/> as
    /// <see cref="PolicySet.Explain{TFact}(string, TFact, DateOnly?)"/>, built from the facts the session decided.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public DecisionTrace Explain<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        if (PolicySet.IsGroupPolicy(policyId))
        {
            return Alone(ExplainPortfolio(policyId, [fact], asOf).Traces);
        }

        var entry = Run(policyId, [fact], asOf)[0];
        return TraceBuilder.Build(entry.Decision!, entry.Frame, PolicySet.Versions(policyId).Length);
    }

    /// <summary>
    /// Puts a fact into a host's session for a policy (and the policies it reads): a <see cref="PolicyFact"/> for the
    /// translated rules, or, when the fact fails validation or no version is effective, its <see cref="PolicyDecision"/>
    /// at once. The session must come from a factory compiled with <see cref="RuleSets"/>. The decision arrives as a
    /// <see cref="PolicyDecision"/> fact when the session fires.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="session">The host's session.</param>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public void Insert<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(ISession session, string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        var toInsert = new List<object>(2);
        _actions.Admit(new Subject(fact, asOf), policyId, toInsert);
        session.InsertAll(toInsert);
    }

    /// <summary>
    /// Facts per session in <see cref="DecideMany{TFact}"/>. Facts are decided independently (a fact and the policies it
    /// reads stay in one session), and NRules' cost per fact grows with the size of the session (measured on the loan
    /// workload against hand-written fluent rules in the same sessions: 1.19x at 2,000 facts, 2.14x at 100,000), so a
    /// batch is decided in sessions of this many facts, each filled, fired and dropped in turn.
    /// </summary>
    internal const int BatchSessionSize = 1_024;

    /// <summary>Admits the facts into sessions of <see cref="BatchSessionSize"/>, fires each, and returns each fact's entry for the policy.</summary>
    private List<Subject.Entry> Run<TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf)
        where TFact : notnull
    {
        _ = PolicySet.Versions(policyId); // an unknown id fails before any session is made
        var entries = facts is ICollection<TFact> c ? new List<Subject.Entry>(c.Count) : [];
        var toInsert = new List<object>(Math.Min(entries.Capacity, BatchSessionSize) * 2);
        var sessionStart = 0;
        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact, nameof(facts));
            entries.Add(_actions.Admit(new Subject(fact, asOf), policyId, toInsert));
            if (entries.Count - sessionStart == BatchSessionSize)
            {
                Fire(toInsert);
                sessionStart = entries.Count;
            }
        }

        if (toInsert.Count > 0)
        {
            Fire(toInsert);
        }

        foreach (var entry in entries)
        {
            if (entry.Decision is null)
            {
                throw new InvalidOperationException($"the NRules session left a fact of '{policyId}' undecided; this is a bug in Tiering.Rules.NRules");
            }
        }

        return entries;
    }

    /// <summary>Inserts the admitted facts into a new session, fires it, and empties the list.</summary>
    private void Fire(List<object> toInsert)
    {
        var session = SessionFactory.CreateSession();
        session.InsertAll(toInsert);
        session.Fire();
        toInsert.Clear();
    }
}
