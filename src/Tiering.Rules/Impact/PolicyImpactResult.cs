namespace Tiering.Rules.Impact;

/// <summary>
/// The outcome of comparing two policy versions on the same records (<see cref="PolicyImpact"/>): the migration matrix,
/// what each rule did, the invalid records of each side and examples of changed records. Immutable and thread-safe.
/// </summary>
public sealed class PolicyImpactResult
{
    internal PolicyImpactResult(
        ImpactSideSummary before,
        ImpactSideSummary after,
        long total,
        long changed,
        IReadOnlyList<string> labels,
        IReadOnlyList<ImpactCell> cells,
        IReadOnlyList<ImpactRule> rules,
        ImpactInvalid invalidBefore,
        ImpactInvalid invalidAfter,
        IReadOnlyList<ImpactExample> examples)
    {
        Before = before;
        After = after;
        Total = total;
        Changed = changed;
        Labels = labels;
        Cells = cells;
        Rules = rules;
        InvalidBefore = invalidBefore;
        InvalidAfter = invalidAfter;
        Examples = examples;
    }

    /// <summary>The policy id (the same on both sides).</summary>
    public string PolicyId => Before.PolicyId;

    /// <summary>The side before the change.</summary>
    public ImpactSideSummary Before { get; }

    /// <summary>The side after the change.</summary>
    public ImpactSideSummary After { get; }

    /// <summary>Records compared (read == compared: unreadable records count, as invalid on both sides).</summary>
    public long Total { get; }

    /// <summary>Records whose grade (or status) differs between the sides.</summary>
    public long Changed { get; }

    /// <summary>
    /// The matrix's row and column labels in order: the grades before (least to most severe), grades only after, then
    /// the statuses that carry no grade.
    /// </summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Every non-empty cell of the migration matrix, row by row in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<ImpactCell> Cells { get; }

    /// <summary>Every rule id of either side, before's in file order then after's new ones.</summary>
    public IReadOnlyList<ImpactRule> Rules { get; }

    /// <summary>Invalid records before, with their errors by field.</summary>
    public ImpactInvalid InvalidBefore { get; }

    /// <summary>Invalid records after, with their errors by field.</summary>
    public ImpactInvalid InvalidAfter { get; }

    /// <summary>Up to <see cref="PolicyImpactOptions.Examples"/> changed records per changed cell, in input order per cell.</summary>
    public IReadOnlyList<ImpactExample> Examples { get; }

    /// <summary>Whether weights were summed (<see cref="PolicyImpactOptions.WeightField"/>).</summary>
    public bool Weighted { get; internal init; }

    /// <summary>The weight field, or null.</summary>
    public string? WeightField { get; internal init; }

    /// <summary>Records without a readable weight (counted in the matrix, not in any weight).</summary>
    public long WeightMissing { get; internal init; }

    /// <summary>The total weight of all records, or null without weights.</summary>
    public decimal? TotalWeight { get; internal init; }

    /// <summary>The weight of the changed records, or null without weights.</summary>
    public decimal? ChangedWeight { get; internal init; }

    /// <summary>Changed records that no rule explains (a change of status, or of the default grade).</summary>
    public long ChangedUnexplained { get; internal init; }

    /// <summary>Grade ids of the before side that the after side does not declare.</summary>
    public IReadOnlyList<string> UnmappedBefore { get; internal init; } = [];

    /// <summary>Grade ids of the after side that the before side does not declare.</summary>
    public IReadOnlyList<string> UnmappedAfter { get; internal init; } = [];

    /// <summary>The count of one cell (zero when empty).</summary>
    /// <param name="from">The grade id or status name before.</param>
    /// <param name="to">The grade id or status name after.</param>
    /// <returns>The count.</returns>
    public long CountOf(string from, string to)
    {
        foreach (var cell in Cells)
        {
            if (cell.From == from && cell.To == to)
            {
                return cell.Count;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"{PolicyId}: {Changed} of {Total} changed";
}
