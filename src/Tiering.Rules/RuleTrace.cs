namespace Tiering.Rules;

/// <summary>One rule in a trace: what it says, what it read, and whether it fired. Immutable.</summary>
public sealed class RuleTrace
{
    /// <summary>Creates a rule trace.</summary>
    /// <param name="id">The rule id.</param>
    /// <param name="condition">The condition as written.</param>
    /// <param name="grade">The grade the rule gives, if any.</param>
    /// <param name="outcome">Whether it fired.</param>
    /// <param name="readings">The values it read.</param>
    /// <param name="because">The citation.</param>
    /// <param name="points">The points it added.</param>
    internal RuleTrace(string id, string? condition, Grade? grade, RuleOutcome outcome, IReadOnlyList<FieldReading> readings, string? because, decimal? points)
    {
        Id = id;
        Condition = condition;
        Grade = grade;
        Outcome = outcome;
        Readings = readings;
        Because = because;
        Points = points;
    }

    /// <summary>The rule id.</summary>
    public string Id { get; }

    /// <summary>The condition as written (a band's interval for band rows).</summary>
    public string? Condition { get; }

    /// <summary>The grade the rule gives, if any.</summary>
    public Grade? Grade { get; }

    /// <summary>Whether it fired.</summary>
    public RuleOutcome Outcome { get; }

    /// <summary>The values it read.</summary>
    public IReadOnlyList<FieldReading> Readings { get; }

    /// <summary>The citation.</summary>
    public string? Because { get; }

    /// <summary>The points it added (scorecard items that fired).</summary>
    public decimal? Points { get; }

    /// <summary>The id, the outcome and the grade the rule gives: <c>SUB-01 Fired → substandard (次级)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id} {Outcome}{(Grade is { } grade ? $" → {grade}" : string.Empty)}";
}
