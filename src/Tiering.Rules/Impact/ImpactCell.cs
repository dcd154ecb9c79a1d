namespace Tiering.Rules.Impact;

/// <summary>
/// One cell of the migration matrix: the records that went from <see cref="From"/> before to <see cref="To"/> after.
/// A grade is named by its id; a decision without a grade by its status (<c>not_applicable</c>, <c>unclassified</c>,
/// <c>invalid</c>, <c>conflict</c>). Immutable.
/// </summary>
public sealed class ImpactCell
{
    internal ImpactCell(string from, string to, long count, decimal? weight)
    {
        From = from;
        To = to;
        Count = count;
        Weight = weight;
    }

    /// <summary>The grade id (or status name) before.</summary>
    public string From { get; }

    /// <summary>The grade id (or status name) after.</summary>
    public string To { get; }

    /// <summary>How many records.</summary>
    public long Count { get; }

    /// <summary>The summed weight of those records (exact), or null when no weight field was given.</summary>
    public decimal? Weight { get; }

    /// <summary>Whether the records in this cell changed (from and to differ).</summary>
    public bool Changed => !string.Equals(From, To, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{From} -> {To}: {Count}";
}
