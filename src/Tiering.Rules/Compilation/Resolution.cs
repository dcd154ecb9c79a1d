namespace Tiering.Rules.Compilation;

/// <summary>
/// What a hit policy makes of the rules that fired (<see cref="HitPolicyResolver"/>): classified (with a grade, or -1
/// for a <c>collect</c> whose fired rules give none), unclassified (nothing classifies and there is no default) or a
/// conflict (<c>unique</c> with more than one match).
/// </summary>
/// <param name="Status"><see cref="DecisionStatus.Classified"/>, <see cref="DecisionStatus.Unclassified"/> or <see cref="DecisionStatus.Conflict"/>.</param>
/// <param name="Grade">The grade index, or -1.</param>
/// <param name="Deciding">The rule whose grade became the grade, or -1 (default, <c>below</c>, none).</param>
/// <param name="GradingRow">For a scorecard graded by its table: the grading row the score fell in (it fires too), or -1.</param>
internal readonly record struct Resolution(DecisionStatus Status, int Grade, int Deciding, int GradingRow);
