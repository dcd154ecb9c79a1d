namespace Tiering.Rules;

/// <summary>
/// A grade of a policy: the stable id code relies on, its display label and its rank in the declared order.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Grades compare by value (id, label and rank, with <c>==</c> as with <see cref="Equals(Grade?)"/>), so the grade of a
/// decision made before a reload equals the same grade of a decision made after it, though the instances differ.
/// </remarks>
public sealed class Grade : IEquatable<Grade>
{
    /// <summary>Creates a grade.</summary>
    /// <param name="id">The stable grade id.</param>
    /// <param name="label">The display label, or null.</param>
    /// <param name="rank">0-based position in the policy's <c>grades</c> list.</param>
    internal Grade(string id, string? label, int rank)
    {
        Id = id;
        Label = label;
        Rank = rank;
    }

    /// <summary>The stable grade id, for example <c>special_mention</c>.</summary>
    public string Id { get; }

    /// <summary>The display label, for example <c>300万以上</c>, or null when none is declared.</summary>
    public string? Label { get; }

    /// <summary>0-based position in the policy's <c>grades</c> list (least to most severe, or lowest to highest tier).</summary>
    public int Rank { get; }

    /// <summary>Whether two grades are equal (the same id, label and rank); null equals only null.</summary>
    /// <param name="left">A grade, or null.</param>
    /// <param name="right">A grade, or null.</param>
    /// <returns>True when both are null or both are equal grades.</returns>
    public static bool operator ==(Grade? left, Grade? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two grades differ (in id, label or rank, or one is null).</summary>
    /// <param name="left">A grade, or null.</param>
    /// <param name="right">A grade, or null.</param>
    /// <returns>True when they are not equal.</returns>
    public static bool operator !=(Grade? left, Grade? right) => !(left == right);

    /// <summary>Whether <paramref name="other"/> has the same id, label and rank (ids and labels compared ordinally).</summary>
    /// <param name="other">Another grade, or null.</param>
    /// <returns>True when they are equal.</returns>
    public bool Equals(Grade? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Rank == other.Rank && string.Equals(Id, other.Id, StringComparison.Ordinal) && string.Equals(Label, other.Label, StringComparison.Ordinal)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Grade);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Label, Rank);

    /// <summary>The id, followed by the label in parentheses when there is one: <c>substandard (次级)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Label is null ? Id : $"{Id} ({Label})";
}
