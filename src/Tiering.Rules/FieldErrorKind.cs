namespace Tiering.Rules;

/// <summary>What kind of problem a fact field has.</summary>
public enum FieldErrorKind
{
    /// <summary>A required field is absent or null.</summary>
    Missing,

    /// <summary>The value has the wrong type (for example text where a number belongs).</summary>
    WrongType,

    /// <summary>The value is outside the declared domain (min, max, whole number, enum values).</summary>
    OutOfDomain,

    /// <summary>A number that is not a number (NaN or infinity).</summary>
    NotANumber,

    /// <summary>An optional field was absent but a rule needed its value.</summary>
    NeededButMissing,

    /// <summary>A policy this one depends on did not give a grade.</summary>
    Dependency,

    /// <summary>Evaluating an expression failed (division by zero or overflow).</summary>
    Evaluation,

    /// <summary>More than one rule matched under hitPolicy <c>unique</c>.</summary>
    Conflict,

    /// <summary>The as-of date is needed to pick a policy version.</summary>
    AsOfDate,

    /// <summary>Not an error in the fact: it is in scope but no rule or band matched and the policy has no default (a gap it leaves open).</summary>
    NoMatch,

    /// <summary>A cross-field check of the policy (<c>require:</c>) failed; the message is the policy author's.</summary>
    Requirement,
    /// <summary>Members of one group disagree on a field the group policy says is constant within a group; every member of the group is invalid.</summary>
    ConstantConflict,
}
