using NRules;
using Tiering.Rules.Compilation;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.NRules;

/// <summary>
/// The NRules side of a group policy's portfolio run (the core's <see cref="PortfolioRun"/> groups, aggregates and orders,
/// so both engines do that identically): each member's chained decisions are decided by the translated rules in a
/// session, its group's aggregates are written into its frame by per-group accumulators (no join on the fact: NRules
/// 1.0.4 does not index joins), and its own <see cref="PolicyFact"/> is then decided by the group policy's translated
/// rules, many members to a session (<see cref="EvaluateMany"/>); for unsorted input the chained decisions are decided
/// before the run in batch sessions and handed over in input order (a host made with them serves that one run);
/// a group fact is decided by the translated rules of the policy the group names. Thread-safe (sessions are per call)
/// when made without prefetched decisions.
/// </summary>
internal sealed class NRulesPortfolioHost(NRulesPolicySet engine, ISessionFactory factory, IReadOnlyList<object>? prefetchedFacts = null, IReadOnlyList<Decision>[]? prefetched = null) : IPortfolioHost
{
    /// <summary>With prefetched decisions: the index of the next fact pass one binds (a host with them serves one run).</summary>
    private int _next;

    public void BindWithDependencies(PolicyEvaluator policy, object fact, DateOnly? asOf, Frame frame, Decision?[]? dependencies, bool known = false)
    {
        // Pass one binds the facts in input order: the decisions decided for them in batch, when the host has them.
        var at = !known && prefetchedFacts is not null && _next < prefetchedFacts.Count && ReferenceEquals(prefetchedFacts[_next], fact) ? _next++ : -1;
        policy.Bind(fact, frame);
        if (frame.Errors is not null)
        {
            policy.Compiled.Prelude?.Run(frame, asOf);
            return;
        }

        var refs = policy.Definition.DecisionRefs;
        for (var k = 0; k < refs.Length; k++)
        {
            var dependency = refs[k];
            var decision = known ? dependencies![k]! : at >= 0 ? prefetched![k][at] : engine.Decide(dependency.DependsOnPolicy!, fact, asOf);
            if (dependencies is not null && !known)
            {
                dependencies[k] = decision;
            }

            // Written as the compiled engine writes it (PolicySet.BindWithDependencies) and as the chain rules do.
            ChainedDecisions.Write(policy.Definition, frame, dependency, decision);
        }

        policy.Compiled.Prelude?.Run(frame, asOf); // as-of date, derived values, checks: as PolicySet does
    }

    public bool EvaluatesWithFact => true;

    public Decision Evaluate(PolicyEvaluator policy, object? fact, Frame frame, DateOnly? asOf)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (frame.Errors is { Count: > 0 } errors)
        {
            return policy.ToDecision(frame, Outcome.Invalid(errors), asOf);
        }

        var subject = new Subject(fact, asOf);
        var entry = subject.Add(policy.Definition.Id);
        entry.Policy = policy;
        entry.Frame = frame;
        var policyFact = new PolicyFact(policy, subject, frame);
        entry.PolicyFact = policyFact;
        var session = factory.CreateSession();
        session.Insert(policyFact);
        session.Fire();
        return entry.Decision
            ?? throw new InvalidOperationException($"the NRules session left a member of '{policy.Definition.Id}' undecided; this is a bug in Tiering.Rules.NRules");
    }

    public void EvaluateMany(PolicyEvaluator policy, IReadOnlyList<object> facts, IReadOnlyList<Frame> frames, DateOnly? asOf, Decision[] into)
    {
        var entries = new Subject.Entry[frames.Count];
        var policyFacts = new List<object>(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.Errors is { Count: > 0 } errors)
            {
                into[i] = policy.ToDecision(frame, Outcome.Invalid(errors), asOf);
                continue;
            }

            var subject = new Subject(facts[i], asOf);
            var entry = subject.Add(policy.Definition.Id);
            entry.Policy = policy;
            entry.Frame = frame;
            var policyFact = new PolicyFact(policy, subject, frame);
            entry.PolicyFact = policyFact;
            entries[i] = entry;
            policyFacts.Add(policyFact);
        }

        if (policyFacts.Count > 0)
        {
            var session = factory.CreateSession();
            session.InsertAll(policyFacts);
            session.Fire();
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is { } entry)
            {
                into[i] = entry.Decision
                    ?? throw new InvalidOperationException($"the NRules session left a member of '{policy.Definition.Id}' undecided; this is a bug in Tiering.Rules.NRules");
            }
        }
    }

    public Decision DecideWith(string policyId, object fact, DateOnly? asOf) => engine.Decide(policyId, fact, asOf);

    public DecisionTrace ExplainWith(string policyId, object fact, DateOnly? asOf) => engine.Explain(policyId, fact, asOf);
}
