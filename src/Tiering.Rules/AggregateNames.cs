using System.Collections.Immutable;
using Tiering.Rules.Grouping;
using Tiering.Rules.Model;

namespace Tiering.Rules;

/// <summary>
/// What the groups of one group policy share: the key field names and each aggregate's name and description, made once
/// per run, so that a <see cref="DecisionGroup"/> holds only its own values and makes its <see cref="AggregateValue"/>s
/// when they are read. Immutable and thread-safe.
/// </summary>
internal sealed class AggregateNames
{
    private readonly string[] _names;
    private readonly string[] _descriptions;

    public AggregateNames(GroupDefinition group)
    {
        KeyFields = [.. group.Key.Select(k => k.Name)];
        _names = [.. group.Aggregates.Select(a => a.Name)];
        _descriptions = [.. group.Aggregates.Select(a => a.Describe())];
    }

    /// <summary>The key field names, in order.</summary>
    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>The public values of a group's aggregate results (numbers without trailing zeros).</summary>
    public IReadOnlyList<AggregateValue> ValuesOf(AggregateResult[] results)
    {
        var values = new AggregateValue[results.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var r = results[i];
            values[i] = new AggregateValue(
                _names[i],
                _descriptions[i],
                r.Value is { } v ? AggregateValue.Normalize(v) : null,
                r.Counted,
                r.Part is { } p ? AggregateValue.Normalize(p) : null,
                r.Whole is { } w ? AggregateValue.Normalize(w) : null,
                r.WhyMissing,
                r.RuleIds);
        }

        return values;
    }
}
