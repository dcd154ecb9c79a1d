using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// What a portfolio run (<see cref="PortfolioRun"/>) asks of the engine that decides the single facts: bind a member and
/// decide the policies it depends on, decide a member's frame once its group's aggregates are in it, decide (or explain)
/// a group fact with the policy a group names. The compiled engine (<see cref="PolicySet"/>) is one host; the NRules
/// backend another, so both group, aggregate and order identically and differ only in who runs the rules.
/// </summary>
internal interface IPortfolioHost
{
    /// <summary>
    /// Binds <paramref name="fact"/> into <paramref name="frame"/> and writes the decisions it depends on: decided now (each
    /// also into <paramref name="dependencies"/> when given) or, when <paramref name="known"/>, those in <paramref name="dependencies"/>.
    /// </summary>
    void BindWithDependencies(PolicyEvaluator policy, object fact, DateOnly? asOf, Frame frame, Decision?[]? dependencies, bool known = false);

    /// <summary>
    /// Whether <see cref="Evaluate"/> needs the member's fact as well as its frame. When false, a run keeps only a snapshot
    /// of each member's frame between its passes (and passes a null fact), not the fact.
    /// </summary>
    bool EvaluatesWithFact { get; }

    /// <summary>Decides a member's bound frame (its aggregates written) with the group policy's rules.</summary>
    Decision Evaluate(PolicyEvaluator policy, object? fact, Frame frame, DateOnly? asOf);

    /// <summary>
    /// Decides many members' bound frames at once (a host that needs the facts: the NRules backend fires one session for
    /// them all rather than one each); <paramref name="into"/>[i] is the decision of <paramref name="frames"/>[i].
    /// </summary>
    void EvaluateMany(PolicyEvaluator policy, IReadOnlyList<object> facts, IReadOnlyList<Frame> frames, DateOnly? asOf, Decision[] into);

    /// <summary>Decides a group fact with the policy the group names.</summary>
    Decision DecideWith(string policyId, object fact, DateOnly? asOf);

    /// <summary>Explains a group fact with the policy the group names.</summary>
    DecisionTrace ExplainWith(string policyId, object fact, DateOnly? asOf);
}
