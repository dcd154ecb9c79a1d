using System.Globalization;

namespace Tiering.Rules;

/// <summary>
/// One aggregate of one group (<c>group.aggregates</c>) and the evidence behind it: the value, or why it is missing
/// (a share of a zero total, a minimum over no member); how many members it counted; for a share its part and whole;
/// and for a member condition that reads chained decisions, the rules of those decisions that put members in it (for
/// contagion: the rules that made the members non-performing). Immutable.
/// </summary>
public sealed class AggregateValue
{
    internal AggregateValue(string name, string description, decimal? value, int counted, decimal? part, decimal? whole, string? whyMissing, IReadOnlyList<string> ruleIds)
    {
        Name = name;
        Description = description;
        Value = value;
        Counted = counted;
        Part = part;
        Whole = whole;
        WhyMissing = whyMissing;
        RuleIds = ruleIds;
    }

    /// <summary>The aggregate's name as declared; conditions read it as <c>group.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>How it is computed, for people: <c>share(balance) where … of the group</c>.</summary>
    public string Description { get; }

    /// <summary>The value (trailing zeros dropped), or null when it is missing; a rule that reads a missing aggregate does not fire.</summary>
    public decimal? Value { get; }

    /// <summary>The members that met its condition (for a share, those in the part).</summary>
    public int Counted { get; }

    /// <summary>For a share: the sum over the members that met its condition.</summary>
    public decimal? Part { get; }

    /// <summary>For a share: the total it is divided by (the group's, or the whole input's).</summary>
    public decimal? Whole { get; }

    /// <summary>Why the value is missing, or null when it is not.</summary>
    public string? WhyMissing { get; }

    /// <summary>The rule ids of the members' chained decisions behind the condition, sorted; empty when the condition reads none.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>A value without trailing zeros, invariant culture (<c>0.1</c>, <c>1000</c>).</summary>
    internal static string Format(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The same value at the smallest scale that holds it (1000.00 → 1000).</summary>
    internal static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <inheritdoc />
    public override string ToString() => Value is { } v ? $"{Name} = {Format(v)}" : $"{Name} missing ({WhyMissing})";
}
