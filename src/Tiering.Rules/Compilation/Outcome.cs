namespace Tiering.Rules.Compilation;

/// <summary>
/// What a compiled policy made of one bound frame, before it becomes a public <c>Decision</c> (the evaluation layer
/// adds the fired rules, score and as-of date from the frame and shares decisions between equal outcomes).
/// </summary>
/// <param name="Status">The decision's status.</param>
/// <param name="Grade">The grade index, or -1.</param>
/// <param name="Deciding">The rule whose grade became the grade, or -1.</param>
/// <param name="Errors">The errors of an invalid, conflicting or unclassified outcome; null otherwise.</param>
internal readonly record struct Outcome(DecisionStatus Status, int Grade, int Deciding, IReadOnlyList<FieldError>? Errors)
{
    /// <summary>The computed outputs of a classified decision, when its rule or grade has formulas; otherwise null.</summary>
    public ComputedValues? Computed { get; init; }

    public static Outcome Invalid(IReadOnlyList<FieldError> errors) => new(DecisionStatus.Invalid, -1, -1, errors);
}
