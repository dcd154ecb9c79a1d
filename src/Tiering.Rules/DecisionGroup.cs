namespace Tiering.Rules;

/// <summary>
/// The group a decision of a group policy belongs to: its key, how many members were counted and how many were
/// excluded (they failed validation, and are not in the aggregates), and each aggregate with its evidence. Members of
/// one group share one instance. Immutable and thread-safe.
/// </summary>
public sealed class DecisionGroup
{
    internal DecisionGroup(IReadOnlyList<string> keyFields, IReadOnlyList<string> keyValues, int members, int excluded, IReadOnlyList<AggregateValue> aggregates)
    {
        KeyFields = keyFields;
        KeyValues = keyValues;
        Members = members;
        Excluded = excluded;
        Aggregates = aggregates;
    }

    /// <summary>The key: the key field's value, or the values of several key fields joined by <c>", "</c>.</summary>
    public string Key => KeyValues.Count == 1 ? KeyValues[0] : string.Join(", ", KeyValues);

    /// <summary>The names of the key fields (<c>group.by</c>), in order.</summary>
    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>The key values as text (numbers and dates in the invariant culture), in the order of <see cref="KeyFields"/>.</summary>
    public IReadOnlyList<string> KeyValues { get; }

    /// <summary>The valid members counted in the aggregates.</summary>
    public int Members { get; }

    /// <summary>The members that failed validation: each has its own invalid decision, and none is in the aggregates.</summary>
    public int Excluded { get; }

    /// <summary>Every aggregate of the group, in declared order.</summary>
    public IReadOnlyList<AggregateValue> Aggregates { get; }

    /// <summary>The aggregate with this name, or null.</summary>
    /// <param name="name">The aggregate's name as declared (without <c>group.</c>).</param>
    /// <returns>The aggregate, or null when the policy declares none by that name.</returns>
    public AggregateValue? Aggregate(string name)
    {
        foreach (var aggregate in Aggregates)
        {
            if (aggregate.Name == name)
            {
                return aggregate;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{string.Join(", ", KeyFields.Select((f, i) => $"{f} = {KeyValues[i]}"))}: {Members} member(s){(Excluded > 0 ? $", {Excluded} excluded" : string.Empty)}";
}
