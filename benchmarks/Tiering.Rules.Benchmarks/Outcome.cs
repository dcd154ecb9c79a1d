namespace Tiering.Rules.Benchmarks;

/// <summary>
/// What every engine must produce for one fact, so that they do the same work: the status (as the CLI spells it:
/// <c>classified</c>, <c>not_applicable</c>, <c>unclassified</c>, <c>invalid</c>), the grade id and the fired rule ids.
/// </summary>
/// <param name="Status">The decision status, snake_case.</param>
/// <param name="Grade">The grade id, or null when there is none.</param>
/// <param name="Fired">The ids of the rules that fired, materialised (file order; compared as a set).</param>
/// <remarks>
/// A struct, so that building one costs every engine the same and allocates nothing: what a row allocates per fact is
/// the engine's own (a list of fired ids it makes, a decision it does not share), not the harness's.
/// </remarks>
public readonly record struct Outcome(string Status, string? Grade, IReadOnlyList<string> Fired)
{
    public const string Classified = "classified";
    public const string NotApplicable = "not_applicable";
    public const string Unclassified = "unclassified";
    public const string Invalid = "invalid";
    public const string Conflict = "conflict";

    /// <summary>For example <c>classified doubtful [SUB-01, DBT-06]</c>.</summary>
    public override string ToString() => $"{Status}{(Grade is null ? string.Empty : " " + Grade)} [{string.Join(", ", Fired)}]";
}
