namespace Tiering.Rules.Grouping;

/// <summary>
/// The aggregates of every group of a run whose table no longer changes (a run that numbers its groups after pass one),
/// each group's made from its row when first asked for rather than kept per group: a book of two hundred thousand
/// debtors then holds no array of results per debtor between its decision and its reader. Holds the run's
/// <see cref="GroupTable"/> (a few dozen bytes a group) for as long as a decision of the run is alive. Immutable and
/// thread-safe once the run has decided its groups (the table is only read).
/// </summary>
internal sealed class GroupResults(GroupTable table, decimal[]? inputWholes)
{
    /// <summary>Group <paramref name="group"/>'s aggregates, with the member rules behind each (<paramref name="ruleIds"/>, by aggregate, or null for none).</summary>
    public AggregateResult[] Of(int group, IReadOnlyList<string>?[]? ruleIds) => table.Results(group, inputWholes, ruleIds);
}
