using Tiering.Rules.Runtime;

namespace Tiering.Rules.NRules;

/// <summary>
/// One host fact as one policy version sees it, in an NRules session: the fact's values bound and validated by the
/// policy's declared fields. The translated rules of that version match it; each firing records a hit on it, and the
/// version's decide rule turns the hits into a <see cref="PolicyDecision"/>. Facts that fail validation never become a
/// <see cref="PolicyFact"/>: they are decided <see cref="DecisionStatus.Invalid"/> before they reach the rules.
/// </summary>
/// <remarks>
/// Made by <see cref="NRulesPolicySet.Insert{TFact}"/>, by <see cref="NRulesPolicySet.Decide{TFact}"/>, or by a bound
/// type's intake rule; not by hosts. It belongs to one session and is used by one thread at a time, like the session.
/// Identified by reference (NRules tells facts apart by <see cref="object.Equals(object)"/>).
/// </remarks>
public sealed class PolicyFact
{
    internal PolicyFact(PolicyEvaluator policy, Subject subject, Frame frame)
    {
        Policy = policy;
        Subject = subject;
        Frame = frame;
    }

    /// <summary>The version whose rules match this fact (compared by reference in every rule's first condition).</summary>
    internal readonly PolicyEvaluator Policy;

    /// <summary>The host fact and its other policies' decisions.</summary>
    internal readonly Subject Subject;

    /// <summary>The bound values, and the rules' hits: fired set, score, points.</summary>
    internal readonly Frame Frame;

    /// <summary>What <c>appliesWhen</c> came to, once a condition evaluated it.</summary>
    internal ScopeState Scope;

    /// <summary>The lowest rule index whose condition (or points) read an optional field that is missing, or <see cref="int.MaxValue"/>.</summary>
    internal int MissingRule = int.MaxValue;

    /// <summary>The field <see cref="MissingRule"/> read first while it was missing.</summary>
    internal int MissingField = -1;

    /// <summary>The field <c>appliesWhen</c> read first while it was missing (<see cref="ScopeState.NeedsMissing"/>).</summary>
    internal int ScopeMissingField = -1;

    /// <summary>The lowest rule index whose arithmetic failed, or <see cref="int.MaxValue"/>.</summary>
    internal int FaultRule = int.MaxValue;

    /// <summary>The failure of <see cref="FaultRule"/> (or of <c>appliesWhen</c>).</summary>
    internal ArithmeticException? Fault;

    /// <summary>The policy id.</summary>
    public string PolicyId => Policy.Definition.Id;

    /// <summary>The policy version whose rules match this fact.</summary>
    public string PolicyVersion => Policy.Definition.Version;

    /// <summary>The host's fact: a POCO, a dictionary or a <see cref="System.Text.Json.JsonElement"/>.</summary>
    public object Fact => Subject.Fact;

    /// <summary>The as-of date the decision is for, if one was given.</summary>
    public DateOnly? AsOf => Subject.AsOf;

    /// <summary>The policy and the host fact, for NRules' traces.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Policy.Definition.Display} of {Fact}";
}

/// <summary>What a policy's <c>appliesWhen</c> came to for one <see cref="PolicyFact"/>.</summary>
internal enum ScopeState : byte
{
    /// <summary>Not evaluated yet (or the policy has no <c>appliesWhen</c>).</summary>
    Unknown,
    InScope,
    OutOfScope,

    /// <summary>It read an optional field that is missing.</summary>
    NeedsMissing,

    /// <summary>Its arithmetic failed.</summary>
    Faulted,
}
