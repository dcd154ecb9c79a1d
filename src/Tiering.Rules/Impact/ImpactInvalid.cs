namespace Tiering.Rules.Impact;

/// <summary>The records one side found invalid, and their errors counted by field. Immutable.</summary>
public sealed class ImpactInvalid
{
    internal ImpactInvalid(long records, IReadOnlyDictionary<string, long> byField)
    {
        Records = records;
        ByField = byField;
    }

    /// <summary>How many records were invalid on this side (unreadable records included).</summary>
    public long Records { get; }

    /// <summary>Errors by field name, ordinal order; unreadable records count under <c>(input)</c>.</summary>
    public IReadOnlyDictionary<string, long> ByField { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Records} invalid";
}
