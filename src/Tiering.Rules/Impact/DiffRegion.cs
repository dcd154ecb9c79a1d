namespace Tiering.Rules.Impact;

/// <summary>
/// One region of the input space where two versions of a policy decide differently: from which verdict to which, the
/// region in words, and a witness fact that is valid under both versions and lands there. Immutable.
/// </summary>
public sealed class DiffRegion
{
    internal DiffRegion(string from, string to, string description, IReadOnlyDictionary<string, object?> witness, IReadOnlyList<string> undecided, bool verified)
    {
        From = from;
        To = to;
        Description = description;
        Witness = witness;
        Undecided = undecided;
        Verified = verified;
    }

    /// <summary>The grade id (or status name) before.</summary>
    public string From { get; }

    /// <summary>The grade id (or status name) after.</summary>
    public string To { get; }

    /// <summary>The region as an author reads it, e.g. <c>overdueDays in [91, 180] and not restructured</c>.</summary>
    public string Description { get; }

    /// <summary>
    /// A fact inside the region with a value for every field of both versions (decimal numbers, booleans, text, dates),
    /// ready for <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/>.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Witness { get; }

    /// <summary>Rules beyond the analysis that could change a side's verdict inside this region; empty when the region is exact.</summary>
    public IReadOnlyList<string> Undecided { get; }

    /// <summary>Whether the region is exact: nothing beyond the analysis could change it.</summary>
    public bool Complete => Undecided.Count == 0;

    /// <summary>Whether the engine, deciding <see cref="Witness"/> under both sides, gave exactly <see cref="From"/> and <see cref="To"/>.</summary>
    public bool Verified { get; }

    /// <inheritdoc />
    public override string ToString() => $"{From} -> {To}: {Description}";
}
