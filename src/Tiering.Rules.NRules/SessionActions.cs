using NRules.RuleModel;
using Tiering.Rules.Compilation;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.NRules;

/// <summary>
/// What the translated rules do when they fire, and how a host fact becomes the facts they match: admission (version,
/// binding, validation, the policies it reads), recording hits, deciding (the compiled engine's conclusion over the
/// hits: scope, missing fields, failed arithmetic, the hit policy) and handing decisions to the policies waiting on
/// them. Immutable; thread-safe (all per-fact state lives on the session's facts).
/// </summary>
internal sealed class SessionActions(PolicySet policies, IReadOnlyDictionary<PolicyEvaluator, VersionConditions> conditions)
{
    public PolicySet Policies { get; } = policies;

    /// <summary>A rule's hit: its bit in the fact's fired set.</summary>
    public static void Hit(PolicyFact fact, int rule) => fact.Frame.SetFired(rule);

    /// <summary>
    /// Sets up the facts that decide <paramref name="policyId"/> for a subject (and, first, the policies it reads), and
    /// collects what to insert: a <see cref="PolicyFact"/> for each version ready to run its rules, a
    /// <see cref="PolicyDecision"/> for each decided before its rules (no version, invalid fact).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public Subject.Entry Admit(Subject subject, string policyId, List<object> toInsert)
    {
        if (subject.Find(policyId) is { } known)
        {
            return known;
        }

        var versions = Policies.Versions(policyId);
        var entry = subject.Add(policyId);
        if (PolicySet.SelectVersion(versions, subject.AsOf, out var policy) is { } early)
        {
            Decided(entry, early, subject, toInsert);
            return entry;
        }

        entry.Policy = policy;
        var frame = policy.NewFrame();
        entry.Frame = frame;
        policy.Bind(subject.Fact, frame);
        var refs = policy.Definition.DecisionRefs;
        if (frame.Errors is not null || refs.Length == 0)
        {
            Release(entry, subject, toInsert);
            return entry;
        }

        // The policies this one reads decide first; their decisions come back through the chain rules.
        entry.Dependencies = new Decision?[refs.Length];
        entry.Awaited = refs.Length;
        foreach (var dependency in refs)
        {
            var other = Admit(subject, dependency.DependsOnPolicy!, toInsert);
            (other.Dependents ??= []).Add(entry);
        }

        return entry;
    }

    /// <summary>The intake rule's action: admits a natively inserted host fact to the policies bound to its type.</summary>
    public void AdmitNative(IContext context, object fact, string[] policyIds)
    {
        var subject = new Subject(fact, IntakeAsOf);
        var toInsert = new List<object>(policyIds.Length + 2);
        foreach (var policyId in policyIds)
        {
            Admit(subject, policyId, toInsert);
        }

        context.InsertAll(toInsert);
    }

    /// <summary>The as-of date of natively inserted facts (<see cref="NRulesOptions.AsOf"/>).</summary>
    public DateOnly? IntakeAsOf { get; init; }

    /// <summary>The decide rule's action: concludes the fact's hits and inserts the decision.</summary>
    public void Decide(IContext context, PolicyFact fact)
    {
        var decision = Conclude(fact);
        var entry = fact.Subject.Find(fact.PolicyId)!;
        entry.Decision = decision;
        context.Insert(new PolicyDecision(decision, fact.Subject.Fact, fact.Subject));
    }

    /// <summary>A chain rule's action: gives a decision to the facts of <paramref name="dependent"/> waiting on it.</summary>
    public void Deliver(IContext context, PolicyDecision decision, string dependent)
    {
        var subject = decision.Subject;
        if (subject.Find(decision.PolicyId)?.Dependents is not { } waiting)
        {
            return;
        }

        List<object>? toInsert = null;
        foreach (var entry in waiting)
        {
            if (!string.Equals(entry.PolicyId, dependent, StringComparison.Ordinal))
            {
                continue;
            }

            var refs = entry.Policy!.Definition.DecisionRefs;
            for (var i = 0; i < refs.Length; i++)
            {
                if (entry.Dependencies![i] is null && string.Equals(refs[i].DependsOnPolicy, decision.PolicyId, StringComparison.Ordinal))
                {
                    entry.Dependencies[i] = decision.Decision;
                    entry.Awaited--;
                }
            }

            if (entry.Awaited == 0)
            {
                Release(entry, subject, toInsert ??= []);
            }
        }

        if (toInsert is not null)
        {
            context.InsertAll(toInsert);
        }
    }

    /// <summary>
    /// A version whose inputs are all in: the decisions it reads written into its frame, in order, as the compiled
    /// engine writes them; then either its fact for the rules or, when the fact is invalid, its decision.
    /// </summary>
    private static void Release(Subject.Entry entry, Subject subject, List<object> toInsert)
    {
        var policy = entry.Policy!;
        var frame = entry.Frame!;
        if (entry.Dependencies is { } dependencies)
        {
            var refs = policy.Definition.DecisionRefs;
            for (var i = 0; i < refs.Length; i++)
            {
                ChainedDecisions.Write(policy.Definition, frame, refs[i], dependencies[i]!); // as PolicySet.BindAndEvaluate
            }
        }

        policy.Compiled.Prelude?.Run(frame, subject.AsOf); // as-of date, derived values, checks: as PolicySet does
        if (frame.Errors is { Count: > 0 } errors)
        {
            Decided(entry, policy.ToDecision(frame, Outcome.Invalid(errors), subject.AsOf), subject, toInsert);
            return;
        }

        var fact = new PolicyFact(policy, subject, frame);
        entry.PolicyFact = fact;
        toInsert.Add(fact);
    }

    private static void Decided(Subject.Entry entry, Decision decision, Subject subject, List<object> toInsert)
    {
        entry.Decision = decision;
        toInsert.Add(new PolicyDecision(decision, subject.Fact, subject));
    }

    /// <summary>
    /// The decision for a fact whose rules have fired: scope first, then failed arithmetic and missing fields as the
    /// compiled engine meets them in rule order (for <c>first</c>, only up to the rule that hit: the compiled engine
    /// stops there), then the hit policy through the compiled engine's own conclusion.
    /// </summary>
    public Decision Conclude(PolicyFact fact)
    {
        var policy = fact.Policy;
        var compiled = policy.Compiled;
        var frame = fact.Frame;
        var versionConditions = conditions[policy];
        versionConditions.CountUse();
        if (versionConditions.HasScope && fact.Scope == ScopeState.Unknown)
        {
            versionConditions.EvaluateScope(fact); // a version whose rules never looked at this fact
        }

        Outcome outcome;
        switch (fact.Scope)
        {
            case ScopeState.Faulted:
                outcome = CompiledPolicy.EvaluationFailed(fact.Fault!);
                break;
            case ScopeState.NeedsMissing:
                frame.MissingRead = fact.ScopeMissingField;
                outcome = compiled.AfterRules(frame, RuleKernels.ScopeNeedsMissing);
                break;
            case ScopeState.OutOfScope:
                outcome = compiled.AfterRules(frame, RuleKernels.OutOfScope);
                break;
            default:
                outcome = AfterHits(fact, compiled, frame);
                break;
        }

        return policy.ToDecision(frame, outcome, fact.Subject.AsOf);
    }

    private static Outcome AfterHits(PolicyFact fact, CompiledPolicy compiled, Frame frame)
    {
        var first = -1;
        var checkedUpTo = int.MaxValue;
        if (compiled.Definition.HitPolicy == HitPolicy.First)
        {
            foreach (var index in frame.FiredIndices())
            {
                first = index;
                break;
            }

            if (first >= 0)
            {
                // The compiled engine stops at the first hit: later rules neither fire nor count as read.
                frame.Fired0 = 0;
                if (frame.FiredMore is { } more)
                {
                    Array.Clear(more);
                }

                frame.SetFired(first);
                checkedUpTo = first;
            }
        }

        if (fact.Fault is not null && fact.FaultRule <= checkedUpTo)
        {
            return CompiledPolicy.EvaluationFailed(fact.Fault!);
        }

        frame.MissingRead = fact.MissingField >= 0 && fact.MissingRule <= checkedUpTo ? fact.MissingField : -1;
        if (frame.ItemPoints is { } points)
        {
            // The compiled engine adds the points in rule order; NRules fires the items in its own order.
            var score = 0m;
            foreach (var index in frame.FiredIndices())
            {
                if (compiled.Definition.Rules[index].Kind == Model.RuleKind.ScoreItem)
                {
                    score += points[index];
                }
            }

            frame.Score = score;
        }

        return compiled.AfterRules(frame, first);
    }
}
