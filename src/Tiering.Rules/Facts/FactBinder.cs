using System.Globalization;
using System.Text.Json;
using Tiering.Rules.Runtime;
using Tiering.Rules.Model;

namespace Tiering.Rules.Facts;

/// <summary>
/// Reads a fact into a <see cref="Frame"/> and validates it against the policy's declared fields: for each field,
/// <see cref="FactSource"/> finds the raw value, <see cref="FieldConverter"/> turns it into the field's typed value and
/// <see cref="FieldValidator"/> checks its presence and domain; what passes is written to the frame. A fact may be an
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to object, a <see cref="JsonElement"/> object, or a POCO
/// whose public properties are matched to fields by name (case-insensitively). Nothing is defaulted silently: a missing
/// required field, a wrong type, a value outside its domain or NaN is a <see cref="FieldError"/> naming the field.
/// The typed POCO binders (<see cref="PocoBinder"/>, <see cref="DelegateBinder"/>) enter through the <c>Bind*</c>
/// methods here, so every path validates and reports alike.
/// </summary>
internal static class FactBinder
{
    /// <summary>Binds every declared field of <paramref name="fact"/> (a dictionary, a JSON object or a POCO read by reflection).</summary>
    public static void Bind(object fact, DeclaredFields declared, Frame frame)
    {
        var fields = declared.Fields;
        switch (fact)
        {
            // The common dictionary, found without an interface call per field.
            case Dictionary<string, object?> dictionary:
                for (var i = 0; i < fields.Length; i++)
                {
                    var field = fields[i];
                    var present = declared.IsNested(i) ? FactSource.TryGetValue(fact, field.Name, out var raw) : dictionary.TryGetValue(field.Name, out raw);
                    BindValue(field, present, raw, fact, frame);
                }

                return;
            case IReadOnlyDictionary<string, object?> readOnly:
                for (var i = 0; i < fields.Length; i++)
                {
                    var field = fields[i];
                    var present = declared.IsNested(i) ? FactSource.TryGetValue(fact, field.Name, out var raw) : readOnly.TryGetValue(field.Name, out raw);
                    BindValue(field, present, raw, fact, frame);
                }

                return;
        }

        if (IsJson(fact.GetType()))
        {
            BindJson(fact, declared, frame);
            return;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var present = FactSource.TryGetValue(fact, field.Name, out var raw);
            BindValue(field, present, raw, fact, frame);
        }
    }

    /// <summary>
    /// Whether facts or values of <paramref name="type"/> are JSON elements. JSON is met only through boxed value types,
    /// so a class (every POCO fact) or a CLR number never makes a process load the JSON library to ask.
    /// </summary>
    internal static bool IsJson(Type type) => type.IsValueType && IsJsonElement(type);

    private static bool IsJsonElement(Type type) => type == typeof(JsonElement);

    /// <summary>A JSON fact: an object's members bound in one pass; anything else reported. Apart, so only JSON facts load the JSON library.</summary>
    private static void BindJson(object fact, DeclaredFields declared, Frame frame)
    {
        if (!IsNotJsonObject(fact, frame))
        {
            JsonFields.Bind((JsonElement)fact, declared, frame);
        }
    }

    /// <summary>Reports a JSON fact that is not an object (true), or returns false for a JSON object.</summary>
    private static bool IsNotJsonObject(object fact, Frame frame)
    {
        var kind = ((JsonElement)fact).ValueKind;
        if (kind == JsonValueKind.Object)
        {
            return false;
        }

        frame.AddError("(fact)", $"a fact must be a JSON object, not {kind.ToString().ToLowerInvariant()}", FieldErrorKind.WrongType);
        return true;
    }

    /// <summary>Validates one raw value (or its absence) and writes it to the frame; every problem becomes a field error.</summary>
    internal static void BindValue(FieldDefinition field, bool present, object? raw, object? fact, Frame frame)
    {
        if (!present || raw is null)
        {
            FieldValidator.SetMissing(field, frame, present ? null : fact);
            return;
        }

        var conversion = FieldConverter.Convert(field, raw, frame, out var value);
        if (conversion == FieldConverter.Conversion.Done)
        {
            if (FieldValidator.CheckDomain(field, value, frame))
            {
                frame.Write(field, value);
            }
        }
        else if (conversion == FieldConverter.Conversion.WrongType)
        {
            BindUnconverted(field, raw, frame);
        }
    }

    /// <summary>
    /// A value no CLR conversion took: a JSON element (null reads as absent, anything else is converted by its JSON
    /// kind), or a value of the wrong type, reported. Only here does the binder touch the JSON library.
    /// </summary>
    private static void BindUnconverted(FieldDefinition field, object raw, Frame frame)
    {
        if (!IsJson(raw.GetType()))
        {
            FieldConverter.ReportWrongType(field, raw, frame);
            return;
        }

        BindJsonValue(field, (JsonElement)raw, frame);
    }

    /// <summary>Validates one JSON value (null reads as absent; anything else is converted by its JSON kind) and writes it to the frame.</summary>
    internal static void BindJsonValue(FieldDefinition field, JsonElement json, Frame frame)
    {
        if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            FieldValidator.SetMissing(field, frame, null);
        }
        else if (FieldConverter.ConvertJson(field, json, frame, out var value) && FieldValidator.CheckDomain(field, value, frame))
        {
            frame.Write(field, value);
        }
    }

    /// <summary>Writes a number after checking the field's domain (the typed POCO path).</summary>
    internal static void BindNumber(FieldDefinition field, decimal value, Frame frame)
    {
        if (FieldValidator.CheckDomain(field, RuntimeValue.FromNumber(value), frame))
        {
            frame.WriteNumber(field, value);
        }
    }

    /// <summary>A field whose value is absent or null (the typed POCO path's nullable properties).</summary>
    internal static void BindMissing(FieldDefinition field, Frame frame) => FieldValidator.SetMissing(field, frame, null);

    /// <summary>A number as field errors show it: invariant culture, every digit of the decimal.</summary>
    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
