using NRules;
using Tiering.Rules.Compilation;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.NRules;

/// <summary>
/// The NRules side of a group policy's portfolio run (the core's <see cref="PortfolioRun"/> groups, aggregates and orders,
/// so both engines do that identically): each member's chained decisions are decided by the translated rules in a
/// session, its group's aggregates are written into its frame by per-group accumulators (no join on the fact: NRules
/// 1.0.4 does not index joins), and its own <see cref="PolicyFact"/> is then decided by the group policy's translated
/// rules; a group fact is decided by the translated rules of the policy the group names. Thread-safe (sessions are per call).
/// </summary>
internal sealed class NRulesPortfolioHost(NRulesPolicySet engine, ISessionFactory factory) : IPortfolioHost
{
    public void BindWithDependencies(PolicyEvaluator policy, object fact, DateOnly? asOf, Frame frame, Decision?[]? dependencies, bool known = false)
    {
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
            var decision = known ? dependencies![k]! : engine.Decide(dependency.DependsOnPolicy!, fact, asOf);
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

    public Decision DecideWith(string policyId, object fact, DateOnly? asOf) => engine.Decide(policyId, fact, asOf);

    public DecisionTrace ExplainWith(string policyId, object fact, DateOnly? asOf) => engine.Explain(policyId, fact, asOf);
}
