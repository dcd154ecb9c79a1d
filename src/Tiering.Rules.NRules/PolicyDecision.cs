namespace Tiering.Rules.NRules;

/// <summary>
/// A policy's decision about one host fact, inserted into the NRules session by the policy's decide rule, so that a
/// host's own rules can match it (<c>When().Match&lt;PolicyDecision&gt;(d =&gt; d.PolicyId == "loan-five-category" &amp;&amp;
/// d.GradeId == "loss")</c>) and a dependent policy's rules read it (<c>decision('id').grade</c>). Immutable.
/// </summary>
/// <remarks>Identified by reference: two decisions about two facts are two facts, even when they say the same.</remarks>
public sealed class PolicyDecision
{
    internal PolicyDecision(Decision decision, object fact, Subject subject)
    {
        Decision = decision;
        Fact = fact;
        Subject = subject;
    }

    /// <summary>The facts this decision came from (its dependents wait on it there).</summary>
    internal Subject Subject { get; }

    /// <summary>The decision: status, grade, fired rules, outputs, errors — the same the compiled engine gives.</summary>
    public Decision Decision { get; }

    /// <summary>The host fact the decision is about.</summary>
    public object Fact { get; }

    /// <summary>The policy id.</summary>
    public string PolicyId => Decision.PolicyId;

    /// <summary>The version of the policy that decided.</summary>
    public string PolicyVersion => Decision.PolicyVersion;

    /// <summary>What the decision came to.</summary>
    public DecisionStatus Status => Decision.Status;

    /// <summary>The grade's id when the fact was classified with a grade; otherwise null.</summary>
    public string? GradeId => Decision.Grade?.Id;

    /// <summary>The policy, the fact and the decision, for NRules' traces.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{PolicyId}@{PolicyVersion}: {Decision} for {Fact}";
}
