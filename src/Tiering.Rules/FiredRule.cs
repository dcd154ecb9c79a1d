using Tiering.Rules.Text;

namespace Tiering.Rules;

/// <summary>
/// A rule (or band row, score item, veto, grading row) that fired. The values it read are in the decision's trace
/// (<see cref="PolicySet.Explain{TFact}(string, TFact, DateOnly?)"/>). Immutable.
/// </summary>
public sealed class FiredRule
{
    /// <summary>Creates a fired rule.</summary>
    /// <param name="id">The rule id.</param>
    /// <param name="grade">The grade the rule gives, or null.</param>
    /// <param name="span">Where the rule is written.</param>
    /// <param name="because">The citation, or null.</param>
    /// <param name="reads">The fields the rule reads.</param>
    /// <param name="outputs">The rule's own outputs.</param>
    internal FiredRule(
        string id,
        Grade? grade,
        SourceSpan span,
        string? because,
        IReadOnlyList<string> reads,
        IReadOnlyDictionary<string, string> outputs)
    {
        Id = id;
        Grade = grade;
        Span = span;
        Because = because;
        Reads = reads;
        Outputs = outputs;
    }

    /// <summary>The rule id.</summary>
    public string Id { get; }

    /// <summary>The grade the rule gives, or null for score items and rules without <c>then</c>.</summary>
    public Grade? Grade { get; }

    /// <summary>Where the rule is written.</summary>
    public SourceSpan Span { get; }

    /// <summary>The citation (<c>because:</c>), or null.</summary>
    public string? Because { get; }

    /// <summary>The fields the rule reads, in the order they appear (<c>score</c> for a grading row).</summary>
    public IReadOnlyList<string> Reads { get; }

    /// <summary>The rule's own outputs.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    /// <summary>The rule's declared <c>priority</c> (its place in a collect policy's list: 1 first), or null.</summary>
    public int? Priority { get; internal init; }

    /// <summary>Points this item added, for scorecard items; null otherwise.</summary>
    public decimal? Points { get; internal init; }

    /// <summary>The id, and the grade the rule gives when it gives one: <c>SUB-01 → substandard (次级)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Grade is { } grade ? $"{Id} → {grade}" : Id;
}
