using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Facts;

/// <summary>
/// The field's own rules over a converted value: required, optional (with or without <c>whenMissing</c>), whole
/// numbers for integer fields, <c>min</c>/<c>max</c>, and declared enum values. Every violation is a field error on the
/// frame naming the field; nothing is clamped or defaulted.
/// </summary>
internal static class FieldValidator
{
    /// <summary>
    /// A field with no value (absent, or null): an error for a required field, naming a near-miss key of
    /// <paramref name="fact"/> when one is given; the <c>whenMissing</c> substitute, or marked missing, for an optional one.
    /// </summary>
    internal static void SetMissing(FieldDefinition field, Frame frame, object? fact)
    {
        if (!field.Optional)
        {
            var hint = fact is null ? string.Empty : FactSource.NearMiss(fact, field.Name);
            frame.AddError(field.Name, $"'{field.Name}' is missing; it is required ({field.TypeName}){hint}", FieldErrorKind.Missing);
        }
        else if (field.WhenMissing is { } substitute)
        {
            frame.Write(field, substitute);
        }
        else
        {
            frame.MarkMissing(field.Index);
        }
    }

    /// <summary>Whether a converted value is inside the field's domain (whole number, min, max); reports it when not.</summary>
    internal static bool CheckDomain(FieldDefinition field, RuntimeValue value, Frame frame)
    {
        if (field.Type is not (FieldType.Decimal or FieldType.Integer))
        {
            return true;
        }

        var n = value.Number;
        var inside = (field.Type != FieldType.Integer || n == decimal.Truncate(n)) && (field.Min is not { } min || n >= min) && (field.Max is not { } max || n <= max);
        return inside || ReportOutOfDomain(field, n, frame);
    }

    /// <summary>Reports why <paramref name="n"/> is outside the field's domain; always false.</summary>
    private static bool ReportOutOfDomain(FieldDefinition field, decimal n, Frame frame)
    {
        if (field.Type == FieldType.Integer && n != decimal.Truncate(n))
        {
            frame.AddError(field.Name, $"'{field.Name}' must be a whole number, but is {FactBinder.Format(n)}", FieldErrorKind.OutOfDomain);
        }
        else if (field.Min is { } min && n < min)
        {
            frame.AddError(field.Name, $"'{field.Name}' is {FactBinder.Format(n)}, below its minimum {FactBinder.Format(min)}", FieldErrorKind.OutOfDomain);
        }
        else
        {
            frame.AddError(field.Name, $"'{field.Name}' is {FactBinder.Format(n)}, above its maximum {FactBinder.Format(field.Max!.Value)}", FieldErrorKind.OutOfDomain);
        }

        return false;
    }

    /// <summary>The ordinal of an enum value among the field's declared values; reports a value that is not declared.</summary>
    internal static bool ToOrdinal(FieldDefinition field, string name, Frame frame, out RuntimeValue value)
    {
        var index = field.Domain!.IndexOf(name);
        if (index < 0)
        {
            value = default;
            frame.AddError(field.Name, $"'{field.Name}' is \"{name}\", which is not one of: {string.Join(", ", field.Domain.Values)}", FieldErrorKind.OutOfDomain);
            return false;
        }

        value = RuntimeValue.FromOrdinal(index);
        return true;
    }
}
