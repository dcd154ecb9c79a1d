using System.Globalization;

namespace Tiering.Rules;

/// <summary>One value a rule read (or a fact field the decision saw), as shown in a <see cref="DecisionTrace"/>. Immutable.</summary>
public sealed class FieldReading
{
    /// <summary>Creates a reading.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="value">The value seen, or null if missing.</param>
    internal FieldReading(string field, object? value)
    {
        Field = field;
        Value = value;
    }

    /// <summary>The field name.</summary>
    public string Field { get; }

    /// <summary>The value seen: decimal, bool, string (also enum values and grade ids) or <see cref="DateOnly"/>; null if missing.</summary>
    public object? Value { get; }

    /// <summary>The field and its value as the trace shows them: <c>overdueDays = 95</c>, <c>asOf = 2024-06-30</c>, <c>rate = (missing)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field} = {Show(Value)}";

    /// <summary>A value as the trace shows it: invariant numbers, <c>true</c>/<c>false</c>, ISO dates, <c>(missing)</c> for null.</summary>
    internal static string Show(object? value) => value switch
    {
        null => "(missing)",
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => Model.ValueFunctions.FormatDateTime(instant),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
