namespace Tiering.Rules;

/// <summary>What a decision came to.</summary>
public enum DecisionStatus
{
    /// <summary>The fact is valid and in scope, and a grade was given (by a rule, a band, a default or <c>below</c>).</summary>
    Classified,

    /// <summary>The fact is valid but the policy's <c>appliesWhen</c> is false (or no version is effective on the as-of date).</summary>
    NotApplicable,

    /// <summary>The fact is valid and in scope, but no rule matched and the policy has no default: a gap the policy leaves open.</summary>
    Unclassified,

    /// <summary>The fact failed validation (a field missing, of the wrong type or outside its domain); see <see cref="Decision.Errors"/>.</summary>
    Invalid,

    /// <summary>Under hitPolicy <c>unique</c>, more than one rule matched; see <see cref="Decision.Errors"/> and the fired rules.</summary>
    Conflict,
}
