using Tiering.Rules.Text;

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

/// <summary>The status words of the CLI's and the host's JSON output.</summary>
public static class DecisionStatusNames
{
    /// <summary>
    /// The snake_case word for a status, as written in JSON output and test files:
    /// <c>classified</c>, <c>not_applicable</c>, <c>unclassified</c>, <c>invalid</c>, <c>conflict</c>.
    /// </summary>
    /// <param name="status">The status.</param>
    /// <returns>The word.</returns>
    public static string ToSnakeCase(this DecisionStatus status) => status switch
    {
        DecisionStatus.Classified => "classified",
        DecisionStatus.NotApplicable => "not_applicable",
        DecisionStatus.Unclassified => "unclassified",
        DecisionStatus.Invalid => "invalid",
        DecisionStatus.Conflict => "conflict",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };
}

/// <summary>A grade of a policy: the stable id code relies on, its display label and its rank in the declared order.</summary>
/// <param name="Id">The stable grade id, for example <c>special_mention</c>.</param>
/// <param name="Label">The display label, for example <c>300万以上</c>, or null when none is declared.</param>
/// <param name="Rank">0-based position in the policy's <c>grades</c> list (least to most severe, or lowest to highest tier).</param>
public sealed record Grade(string Id, string? Label, int Rank)
{
    /// <inheritdoc />
    public override string ToString() => Label is null ? Id : $"{Id} ({Label})";
}

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
}

/// <summary>One problem with one fact field, named so the caller can fix the record.</summary>
/// <param name="Field">The field name as declared in the policy (for example <c>overdueDays</c>).</param>
/// <param name="Message">What is wrong, for a person.</param>
/// <param name="Kind">The kind of problem.</param>
public sealed record FieldError(string Field, string Message, FieldErrorKind Kind);

/// <summary>One value a rule read (or a fact field the decision saw), as shown in a <see cref="DecisionTrace"/>.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Value">The value seen: decimal, bool, string (also enum values and grade ids) or <see cref="DateOnly"/>; null if missing.</param>
public sealed record FieldReading(string Field, object? Value);

/// <summary>
/// A rule (or band row, score item, veto, grading row) that fired. The values it read are in the decision's trace
/// (<see cref="PolicySet.Explain{TFact}(string, TFact, DateOnly?)"/>).
/// </summary>
/// <param name="Id">The rule id.</param>
/// <param name="Grade">The grade the rule gives, or null for score items and rules without <c>then</c>.</param>
/// <param name="Span">Where the rule is written.</param>
/// <param name="Because">The citation (<c>because:</c>), or null.</param>
/// <param name="Reads">The fields the rule reads, in the order they appear (<c>score</c> for a grading row).</param>
/// <param name="Outputs">The rule's own outputs.</param>
public sealed record FiredRule(
    string Id,
    Grade? Grade,
    SourceSpan Span,
    string? Because,
    IReadOnlyList<string> Reads,
    IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>Points this item added, for scorecard items; null otherwise.</summary>
    public decimal? Points { get; init; }
}
