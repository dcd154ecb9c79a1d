namespace Tiering.Rules.Impact;

/// <summary>
/// What one rule id did in a comparison: how many records it fired for on each side, and how many changed records it
/// explains. A changed record is explained by each rule that set its grade on one side (fired with that side's grade)
/// and did not fire with the same grade on the other side: the rule whose verdict appeared, disappeared or moved.
/// Immutable.
/// </summary>
public sealed class ImpactRule
{
    internal ImpactRule(string id, long firedBefore, long firedAfter, long changedExplained, decimal? changedWeight)
    {
        Id = id;
        FiredBefore = firedBefore;
        FiredAfter = firedAfter;
        ChangedExplained = changedExplained;
        ChangedWeight = changedWeight;
    }

    /// <summary>The rule id (rules of the two sides with the same id are one row).</summary>
    public string Id { get; }

    /// <summary>Records it fired for before.</summary>
    public long FiredBefore { get; }

    /// <summary>Records it fired for after.</summary>
    public long FiredAfter { get; }

    /// <summary>Changed records this rule explains (a record may be explained by several rules).</summary>
    public long ChangedExplained { get; }

    /// <summary>The summed weight of the changed records it explains, or null when no weight field was given.</summary>
    public decimal? ChangedWeight { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: fired {FiredBefore} -> {FiredAfter}, explains {ChangedExplained}";
}
