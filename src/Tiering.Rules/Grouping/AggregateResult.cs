namespace Tiering.Rules.Grouping;

/// <summary>
/// One aggregate of one group: its value (null when missing), and the evidence behind it — the members it counted,
/// for a share the part and the whole, why it is missing, and the member rules (of chained decisions) that put members
/// into its condition.
/// </summary>
internal readonly record struct AggregateResult(decimal? Value, int Counted, decimal? Part, decimal? Whole, string? WhyMissing, IReadOnlyList<string> RuleIds);
