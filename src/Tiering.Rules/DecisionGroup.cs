using Tiering.Rules.Grouping;

namespace Tiering.Rules;

/// <summary>
/// The group a decision of a group policy belongs to: its key, how many members were counted and how many were
/// excluded (they failed validation, and are not in the aggregates), and each aggregate with its evidence. Members of
/// one group share one instance. Immutable and thread-safe (the key values and aggregates are made on first read;
/// racing readers may each make them, with equal results). A group of an unsorted run makes its aggregates from the
/// run's table of groups when first read, so a decision keeps that table alive (a few dozen bytes per group).
/// </summary>
public sealed class DecisionGroup
{
    private readonly string? _key;
    private readonly AggregateNames _names;
    private IReadOnlyList<string>? _keyValues;
    private IReadOnlyList<AggregateValue>? _aggregates;

    /// <summary>The aggregate results, or null while they are still to be made from <see cref="_source"/>.</summary>
    private AggregateResult[]? _results;
    private readonly GroupResults? _source;
    private readonly int _group;
    private readonly IReadOnlyList<string>?[]? _ruleIds;

    /// <summary>A group of a run: its key values (or, for a single key field, <paramref name="key"/>), counts and aggregate results.</summary>
    internal DecisionGroup(AggregateNames names, string? key, IReadOnlyList<string>? keyValues, int members, int excluded, AggregateResult[] results)
    {
        _names = names;
        _key = key;
        _keyValues = keyValues;
        Members = members;
        Excluded = excluded;
        _results = results;
    }

    /// <summary>
    /// A group of a run whose table no longer changes: its aggregates are made from group <paramref name="group"/> of
    /// <paramref name="source"/> when first read, with the member rules <paramref name="ruleIds"/> behind each.
    /// </summary>
    internal DecisionGroup(AggregateNames names, string key, int members, int excluded, GroupResults source, int group, IReadOnlyList<string>?[]? ruleIds)
    {
        _names = names;
        _key = key;
        Members = members;
        Excluded = excluded;
        _source = source;
        _group = group;
        _ruleIds = ruleIds;
    }

    /// <summary>The aggregate results, by declared aggregate (what a member's frame is given).</summary>
    internal AggregateResult[] Results => _results ??= _source!.Of(_group, _ruleIds);

    /// <summary>The key: the key field's value, or the values of several key fields joined by <c>", "</c>.</summary>
    public string Key => _key ?? string.Join(", ", KeyValues);

    /// <summary>The names of the key fields (<c>group.by</c>), in order.</summary>
    public IReadOnlyList<string> KeyFields => _names.KeyFields;

    /// <summary>The key values as text (numbers and dates in the invariant culture), in the order of <see cref="KeyFields"/>.</summary>
    public IReadOnlyList<string> KeyValues => _keyValues ??= [_key!];

    /// <summary>The valid members counted in the aggregates.</summary>
    public int Members { get; }

    /// <summary>The members that failed validation: each has its own invalid decision, and none is in the aggregates.</summary>
    public int Excluded { get; }

    /// <summary>Every aggregate of the group, in declared order.</summary>
    public IReadOnlyList<AggregateValue> Aggregates => _aggregates ??= _names.ValuesOf(Results);

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
