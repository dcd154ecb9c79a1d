using System.Globalization;
using System.Text.Json;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;
using Tiering.Rules.Text;

namespace Tiering.Rules.Facts;

/// <summary>
/// Converts a raw fact value to the typed value of its field (number, flag, text, enum ordinal, date), from a CLR
/// value or a <see cref="JsonElement"/>. There is no silent conversion: text is never read as a number, nor a number as
/// a flag; a value of the wrong type, NaN, infinity or a number beyond the decimal range is reported on the frame as a
/// field error naming the field. An enum name is looked up by <see cref="FieldValidator.ToOrdinal"/>, which owns the
/// declared values.
/// </summary>
internal static class FieldConverter
{
    /// <summary>How a value of a CLR type met the field: converted, refused with the error already reported, or of the wrong type.</summary>
    internal enum Conversion
    {
        Done,
        Reported,
        WrongType,
    }

    /// <summary>
    /// Converts a CLR value for the field: one converter per field type, so a first decision compiles only those its
    /// fields need. A JSON element is never a CLR number, flag, text or date: it comes back as the wrong type, for
    /// <see cref="FactBinder.BindUnconverted"/>.
    /// </summary>
    internal static Conversion Convert(FieldDefinition field, object raw, Frame frame, out RuntimeValue value) => field.Type switch
    {
        FieldType.Decimal or FieldType.Integer => ToNumber(field, raw, frame, out value),
        FieldType.Boolean => ToBoolean(raw, out value),
        FieldType.String => ToText(raw, out value),
        FieldType.Enum => ToEnum(field, raw, frame, out value),
        FieldType.DateTime => ToDateTime(field, raw, frame, out value),
        _ => ToDate(field, raw, frame, out value),
    };

    /// <summary>
    /// A date-time carries its offset: a <see cref="DateTimeOffset"/>, or ISO 8601 text ending in <c>Z</c> or
    /// <c>±hh:mm</c>. A <see cref="DateTime"/> is refused — its offset would come from the machine's zone or be
    /// assumed — as is text without an offset, each naming the field.
    /// </summary>
    private static Conversion ToDateTime(FieldDefinition field, object raw, Frame frame, out RuntimeValue value)
    {
        switch (raw)
        {
            case DateTimeOffset instant: value = RuntimeValue.FromNumber(ValueFunctions.EncodeDateTime(instant)); return Conversion.Done;
            case string s: return ParseDateTime(field, s, frame, out value) ? Conversion.Done : Conversion.Reported;
            case DateTime:
                value = default;
                frame.AddError(field.Name, $"'{field.Name}' is a DateTime, which has no offset of its own; give a DateTimeOffset", FieldErrorKind.WrongType);
                return Conversion.Reported;
            default:
                value = default;
                return Conversion.WrongType;
        }
    }

    private static bool ParseDateTime(FieldDefinition field, string text, Frame frame, out RuntimeValue value)
    {
        if (ValueFunctions.ParseDateTime(text) is { } instant)
        {
            value = RuntimeValue.FromNumber(ValueFunctions.EncodeDateTime(instant));
            return true;
        }

        value = default;
        frame.AddError(field.Name, $"'{field.Name}' is \"{text}\", which is not {ValueFunctions.DateTimeExpected}", FieldErrorKind.WrongType);
        return false;
    }

    private static Conversion ToNumber(FieldDefinition field, object raw, Frame frame, out RuntimeValue value)
    {
        switch (raw)
        {
            case decimal d: value = RuntimeValue.FromNumber(d); return Conversion.Done;
            case int i: value = RuntimeValue.FromNumber(i); return Conversion.Done;
            case long l: value = RuntimeValue.FromNumber(l); return Conversion.Done;
            case short s: value = RuntimeValue.FromNumber(s); return Conversion.Done;
            case byte b: value = RuntimeValue.FromNumber(b); return Conversion.Done;
            case sbyte sb: value = RuntimeValue.FromNumber(sb); return Conversion.Done;
            case ushort us: value = RuntimeValue.FromNumber(us); return Conversion.Done;
            case uint ui: value = RuntimeValue.FromNumber(ui); return Conversion.Done;
            case ulong ul: value = RuntimeValue.FromNumber(ul); return Conversion.Done;
            case double or float:
                return FromDouble(field, System.Convert.ToDouble(raw, CultureInfo.InvariantCulture), frame, out value) ? Conversion.Done : Conversion.Reported;
            default:
                value = default;
                return Conversion.WrongType;
        }
    }

    private static Conversion ToBoolean(object raw, out RuntimeValue value)
    {
        value = raw is bool flag ? RuntimeValue.FromBoolean(flag) : default;
        return raw is bool ? Conversion.Done : Conversion.WrongType;
    }

    private static Conversion ToText(object raw, out RuntimeValue value)
    {
        value = raw is string text ? RuntimeValue.FromText(text) : default;
        return raw is string ? Conversion.Done : Conversion.WrongType;
    }

    private static Conversion ToEnum(FieldDefinition field, object raw, Frame frame, out RuntimeValue value)
    {
        if (raw is string name || (raw is Enum e && (name = e.ToString()) is not null))
        {
            return FieldValidator.ToOrdinal(field, name, frame, out value) ? Conversion.Done : Conversion.Reported;
        }

        value = default;
        return Conversion.WrongType;
    }

    private static Conversion ToDate(FieldDefinition field, object raw, Frame frame, out RuntimeValue value)
    {
        switch (raw)
        {
            case DateOnly date: value = RuntimeValue.FromDate(date); return Conversion.Done;
            case DateTime dateTime: value = RuntimeValue.FromDate(DateOnly.FromDateTime(dateTime)); return Conversion.Done;
            case DateTimeOffset offset: value = RuntimeValue.FromDate(DateOnly.FromDateTime(offset.Date)); return Conversion.Done;
            case string s: return ParseDate(field, s, frame, out value) ? Conversion.Done : Conversion.Reported;
            default:
                value = default;
                return Conversion.WrongType;
        }
    }

    internal static void ReportWrongType(FieldDefinition field, object raw, Frame frame) =>
        frame.AddError(field.Name, $"'{field.Name}' must be {Expected(field)}, but is {Describe(raw)}", FieldErrorKind.WrongType);

    internal static bool ConvertJson(FieldDefinition field, JsonElement json, Frame frame, out RuntimeValue value)
    {
        value = default;
        switch (field.Type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                if (json.ValueKind == JsonValueKind.Number)
                {
                    if (json.TryGetDecimal(out var d) && (d == 0 ? ZeroAsWritten(json) : !ExactDecimal.MayBeRounded(d) || ExactDecimal.SameNumber(json.GetRawText(), d)))
                    {
                        // A parse rounds only at a decimal's precision limit (compared with the text, rare) or to zero
                        // (a zero's text is read without making a string).
                        value = RuntimeValue.FromNumber(d);
                        return true;
                    }

                    return ReportInexactJson(field, json, frame);
                }

                break;
            case FieldType.Boolean:
                if (json.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = RuntimeValue.FromBoolean(json.ValueKind == JsonValueKind.True);
                    return true;
                }

                break;
            case FieldType.String:
                if (json.ValueKind == JsonValueKind.String)
                {
                    value = RuntimeValue.FromText(json.GetString()!);
                    return true;
                }

                break;
            case FieldType.Enum:
                if (json.ValueKind == JsonValueKind.String)
                {
                    return FieldValidator.ToOrdinal(field, json.GetString()!, frame, out value);
                }

                break;
            case FieldType.Date:
                if (json.ValueKind == JsonValueKind.String)
                {
                    return ParseDate(field, json.GetString()!, frame, out value);
                }

                break;
            case FieldType.DateTime:
                if (json.ValueKind == JsonValueKind.String)
                {
                    return ParseDateTime(field, json.GetString()!, frame, out value);
                }

                break;
        }

        var shown = json.ValueKind switch
        {
            JsonValueKind.String => $"the text \"{json.GetString()}\"",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {json.GetRawText()}",
            JsonValueKind.Number => $"the number {json.GetRawText()}",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            _ => json.ValueKind.ToString(),
        };
        frame.AddError(field.Name, $"'{field.Name}' must be {Expected(field)}, but is {shown}", FieldErrorKind.WrongType);
        return false;
    }

    /// <summary>Whether a JSON number parsed as zero is written as zero (and is not 1e-40, which a decimal rounds to zero).</summary>
    private static bool ZeroAsWritten(JsonElement json)
    {
#if NET9_0_OR_GREATER
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(json);
#else
        var raw = json.GetRawText().AsSpan();
#endif
        foreach (int c in raw)
        {
            if (c is 'e' or 'E')
            {
                return true;
            }

            if (c is >= '1' and <= '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A JSON number no decimal holds as written; always false.</summary>
    private static bool ReportInexactJson(FieldDefinition field, JsonElement json, Frame frame)
    {
        var text = json.GetRawText();
        frame.AddError(
            field.Name,
            json.TryGetDouble(out var d) && Math.Abs(d) >= 1 && !json.TryGetDecimal(out _)
                ? $"'{field.Name}' is {text}, outside the range of a decimal"
                : $"'{field.Name}' is {text}, which a decimal cannot hold exactly (at most 28 decimal places and 29 significant digits)",
            FieldErrorKind.OutOfDomain);
        return false;
    }

    internal static bool FromDouble(FieldDefinition field, double d, Frame frame, out RuntimeValue value)
    {
        value = default;
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            frame.AddError(field.Name, $"'{field.Name}' is {d.ToString(CultureInfo.InvariantCulture)}, not a number", FieldErrorKind.NotANumber);
            return false;
        }

        if (!ExactDecimal.TryFromDouble(d, out var exact))
        {
            return ReportInexactDouble(field, d, frame);
        }

        value = RuntimeValue.FromNumber(exact);
        return true;
    }

    /// <summary>A double no decimal holds as written: beyond the decimal range, or with more than 28 decimal places; always false.</summary>
    private static bool ReportInexactDouble(FieldDefinition field, double d, Frame frame)
    {
        var shown = d.ToString("R", CultureInfo.InvariantCulture);
        frame.AddError(
            field.Name,
            Math.Abs(d) >= 1
                ? $"'{field.Name}' is {shown}, outside the range of a decimal"
                : $"'{field.Name}' is {shown}, which a decimal cannot hold exactly (at most 28 decimal places)",
            FieldErrorKind.OutOfDomain);
        return false;
    }

    private static bool ParseDate(FieldDefinition field, string text, Frame frame, out RuntimeValue value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = RuntimeValue.FromDate(date);
            return true;
        }

        value = default;
        frame.AddError(field.Name, $"'{field.Name}' is \"{text}\", which is not a date (yyyy-mm-dd)", FieldErrorKind.WrongType);
        return false;
    }

    private static string Expected(FieldDefinition field) => field.Type switch
    {
        FieldType.Decimal => "a number",
        FieldType.Integer => "a whole number",
        FieldType.Boolean => "true or false",
        FieldType.String => "text",
        FieldType.Enum => $"one of {string.Join(", ", field.Domain!.Values)}",
        FieldType.DateTime => ValueFunctions.DateTimeExpected,
        _ => "a date (yyyy-mm-dd)",
    };

    private static string Describe(object raw) => raw switch
    {
        string s => $"the text \"{s}\"",
        bool b => $"the boolean {(b ? "true" : "false")}",
        IFormattable f => $"the {raw.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
        _ => $"a {raw.GetType().Name}",
    };
}
