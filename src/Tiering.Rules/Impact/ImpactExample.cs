namespace Tiering.Rules.Impact;

/// <summary>One changed record kept as an example: where it sits in the input and what each side decided. Immutable.</summary>
public sealed class ImpactExample
{
    internal ImpactExample(long index, string? id, string from, string to, Decision? before, Decision? after)
    {
        Index = index;
        Id = id;
        From = from;
        To = to;
        Before = before;
        After = after;
    }

    /// <summary>The record's position in the input, from 0.</summary>
    public long Index { get; }

    /// <summary>The record's id, when the caller gave one.</summary>
    public string? Id { get; }

    /// <summary>The grade id (or status name) before.</summary>
    public string From { get; }

    /// <summary>The grade id (or status name) after.</summary>
    public string To { get; }

    /// <summary>The decision before; null for a record that could not be read.</summary>
    public Decision? Before { get; }

    /// <summary>The decision after; null for a record that could not be read.</summary>
    public Decision? After { get; }

    /// <summary>The rules that fired before, in file order.</summary>
    public IReadOnlyList<string> FiredBefore => Before?.FiredRuleIds ?? [];

    /// <summary>The rules that fired after, in file order.</summary>
    public IReadOnlyList<string> FiredAfter => After?.FiredRuleIds ?? [];

    /// <inheritdoc />
    public override string ToString() => $"#{Index}{(Id is null ? string.Empty : " " + Id)}: {From} -> {To}";
}
