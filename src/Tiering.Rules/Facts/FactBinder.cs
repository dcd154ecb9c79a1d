using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Tiering.Rules.Runtime;
using Tiering.Rules.Model;

namespace Tiering.Rules.Facts;

/// <summary>
/// Reads a fact into a <see cref="Frame"/> and validates it against the policy's declared fields. A fact may be an
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to object, a <see cref="JsonElement"/> object, or a POCO
/// whose public properties are matched to fields by name (case-insensitively); POCO getters are compiled once per type.
/// Nothing is defaulted silently: a missing required field, a wrong type, a value outside its domain or NaN is a
/// <see cref="FieldError"/> naming the field.
/// </summary>
internal static class FactBinder
{
    public static void Bind(object fact, IReadOnlyList<FieldDefinition> fields, Frame frame)
    {
        if (IsJson(fact.GetType()) && IsNotJsonObject(fact, frame))
        {
            return;
        }

        foreach (var field in fields)
        {
            var present = TryGetValue(fact, field.Name, out var raw);
            BindValue(field, present, raw, fact, frame);
        }
    }

    /// <summary>
    /// Whether facts or values of <paramref name="type"/> are JSON elements. JSON is met only through boxed value types,
    /// so a class (every POCO fact) or a CLR number never makes a process load the JSON library to ask.
    /// </summary>
    internal static bool IsJson(Type type) => type.IsValueType && IsJsonElement(type);

    private static bool IsJsonElement(Type type) => type == typeof(JsonElement);

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
            SetMissing(field, frame, present ? null : fact);
            return;
        }

        var conversion = Convert(field, raw, frame, out var value);
        if (conversion == Conversion.Done)
        {
            if (CheckDomain(field, value, frame))
            {
                frame.Write(field, value);
            }
        }
        else if (conversion == Conversion.WrongType)
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
            ReportWrongType(field, raw, frame);
            return;
        }

        var json = (JsonElement)raw;
        if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            SetMissing(field, frame, null);
        }
        else if (ConvertJson(field, json, frame, out var value) && CheckDomain(field, value, frame))
        {
            frame.Write(field, value);
        }
    }

    /// <summary>Writes a number after checking the field's domain (the typed POCO path).</summary>
    internal static void BindNumber(FieldDefinition field, decimal value, Frame frame)
    {
        if (CheckDomain(field, RuntimeValue.FromNumber(value), frame))
        {
            frame.WriteNumber(field, value);
        }
    }

    internal static void BindMissing(FieldDefinition field, Frame frame) => SetMissing(field, frame, null);

    private static void SetMissing(FieldDefinition field, Frame frame, object? fact)
    {
        if (!field.Optional)
        {
            var hint = fact is null ? string.Empty : NearMiss(fact, field.Name);
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

    private static bool CheckDomain(FieldDefinition field, RuntimeValue value, Frame frame)
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
            frame.AddError(field.Name, $"'{field.Name}' must be a whole number, but is {Format(n)}", FieldErrorKind.OutOfDomain);
        }
        else if (field.Min is { } min && n < min)
        {
            frame.AddError(field.Name, $"'{field.Name}' is {Format(n)}, below its minimum {Format(min)}", FieldErrorKind.OutOfDomain);
        }
        else
        {
            frame.AddError(field.Name, $"'{field.Name}' is {Format(n)}, above its maximum {Format(field.Max!.Value)}", FieldErrorKind.OutOfDomain);
        }

        return false;
    }

    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"; the fact has 'Aum' (names are case-sensitive)" when a key of the fact nearly matches the field.</summary>
    private static string NearMiss(object fact, string field)
    {
        IEnumerable<string> keys = fact switch
        {
            IReadOnlyDictionary<string, object?> d => d.Keys,
            IDictionary<string, object?> d => d.Keys,
            System.Collections.IDictionary d => d.Keys.OfType<string>(),
            JsonElement { ValueKind: JsonValueKind.Object } json => json.EnumerateObject().Select(p => p.Name),
            _ => [],
        };
        var list = keys.Take(512).ToList();
        var sameIgnoringCase = list.FirstOrDefault(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null)
        {
            return $"; the fact has '{sameIgnoringCase}' (field names are case-sensitive)";
        }

        return Text.Suggestions.Closest(field, list) is { } similar ? $"; the fact has '{similar}' — a typo?" : string.Empty;
    }

    /// <summary>How a value of a CLR type met the field: converted, refused with the error already reported, or of the wrong type.</summary>
    private enum Conversion
    {
        Done,
        Reported,
        WrongType,
    }

    /// <summary>
    /// Converts a CLR value for the field: one converter per field type, so a first decision compiles only those its
    /// fields need. A JSON element is never a CLR number, flag, text or date: it comes back as the wrong type, for
    /// <see cref="BindUnconverted"/>.
    /// </summary>
    private static Conversion Convert(FieldDefinition field, object raw, Frame frame, out RuntimeValue value) => field.Type switch
    {
        FieldType.Decimal or FieldType.Integer => ToNumber(field, raw, frame, out value),
        FieldType.Boolean => ToBoolean(raw, out value),
        FieldType.String => ToText(raw, out value),
        FieldType.Enum => ToEnum(field, raw, frame, out value),
        _ => ToDate(field, raw, frame, out value),
    };

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
            return ToOrdinal(field, name, frame, out value) ? Conversion.Done : Conversion.Reported;
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

    private static void ReportWrongType(FieldDefinition field, object raw, Frame frame) =>
        frame.AddError(field.Name, $"'{field.Name}' must be {Expected(field)}, but is {Describe(raw)}", FieldErrorKind.WrongType);

    private static bool ConvertJson(FieldDefinition field, JsonElement json, Frame frame, out RuntimeValue value)
    {
        value = default;
        switch (field.Type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                if (json.ValueKind == JsonValueKind.Number)
                {
                    if (json.TryGetDecimal(out var d))
                    {
                        value = RuntimeValue.FromNumber(d);
                        return true;
                    }

                    frame.AddError(field.Name, $"'{field.Name}' is {json.GetRawText()}, outside the range of a decimal", FieldErrorKind.OutOfDomain);
                    return false;
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
                    return ToOrdinal(field, json.GetString()!, frame, out value);
                }

                break;
            case FieldType.Date:
                if (json.ValueKind == JsonValueKind.String)
                {
                    return ParseDate(field, json.GetString()!, frame, out value);
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

    internal static bool FromDouble(FieldDefinition field, double d, Frame frame, out RuntimeValue value)
    {
        value = default;
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            frame.AddError(field.Name, $"'{field.Name}' is {d.ToString(CultureInfo.InvariantCulture)}, not a number", FieldErrorKind.NotANumber);
            return false;
        }

        if (Math.Abs(d) > 7.9e28)
        {
            frame.AddError(field.Name, $"'{field.Name}' is {d.ToString(CultureInfo.InvariantCulture)}, outside the range of a decimal", FieldErrorKind.OutOfDomain);
            return false;
        }

        value = RuntimeValue.FromNumber((decimal)d);
        return true;
    }

    private static bool ToOrdinal(FieldDefinition field, string name, Frame frame, out RuntimeValue value)
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
        _ => "a date (yyyy-mm-dd)",
    };

    private static string Describe(object raw) => raw switch
    {
        string s => $"the text \"{s}\"",
        bool b => $"the boolean {(b ? "true" : "false")}",
        IFormattable f => $"the {raw.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
        _ => $"a {raw.GetType().Name}",
    };

    /// <summary>Finds a field's raw value in a fact; dotted names walk nested objects.</summary>
    internal static bool TryGetValue(object fact, string path, out object? raw)
    {
        if (TryGetMember(fact, path, out raw))
        {
            return true;
        }

        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        var current = fact;
        foreach (var part in path.Split('.'))
        {
            if (current is null || !TryGetMember(current, part, out current))
            {
                raw = null;
                return false;
            }
        }

        raw = current;
        return true;
    }

    private static bool TryGetMember(object container, string name, out object? raw)
    {
        switch (container)
        {
            case IReadOnlyDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(name, out raw);
            case IDictionary<string, object?> mutable:
                return mutable.TryGetValue(name, out raw);
            case System.Collections.IDictionary untyped:
                // Dictionary<string, decimal>, Dictionary<string, string> and other dictionaries with string keys.
                if (untyped.Contains(name))
                {
                    raw = untyped[name];
                    return true;
                }

                raw = null;
                return false;
            default:
                var type = container.GetType();
                if (IsJson(type))
                {
                    return TryGetJsonMember(container, name, out raw);
                }

                var getter = PocoAccessors.For(type, name);
                if (getter is null)
                {
                    raw = null;
                    return false;
                }

                raw = getter(container);
                return true;
        }
    }

    private static bool TryGetJsonMember(object container, string name, out object? raw)
    {
        var json = (JsonElement)container;
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var property))
        {
            raw = property;
            return true;
        }

        raw = null;
        return false;
    }
}

/// <summary>Property getters for POCO facts, found once per (type, property) and cached for the process.</summary>
internal static class PocoAccessors
{
    // By type, then by name. Copy-on-write dictionaries: lookups read a snapshot without locking, an add (once per
    // type and property in a process) copies under a lock. Concurrent dictionaries would do, at the price of their
    // generic machinery, which a process's first decision would have to load.
    private static Dictionary<Type, Dictionary<string, Func<object, object?>?>> s_byType = new();
    private static readonly object AddLock = new();

    public static Func<object, object?>? For(Type type, string name)
    {
        if (Volatile.Read(ref s_byType).TryGetValue(type, out var byName) && byName.TryGetValue(name, out var accessor))
        {
            return accessor;
        }

        return Add(type, name);
    }

    private static Func<object, object?>? Add(Type type, string name)
    {
        var accessor = Build(type, name);
        lock (AddLock)
        {
            var names = s_byType.TryGetValue(type, out var known)
                ? new Dictionary<string, Func<object, object?>?>(known, StringComparer.Ordinal)
                : new Dictionary<string, Func<object, object?>?>(StringComparer.Ordinal);
            if (!names.TryAdd(name, accessor))
            {
                return names[name]; // another thread added it first
            }

            Volatile.Write(ref s_byType, new Dictionary<Type, Dictionary<string, Func<object, object?>?>>(s_byType) { [type] = names });
        }

        return accessor;
    }

    /// <summary>
    /// Why reading a POCO fact's properties by reflection is safe under trimming: the fact's type is the host's, known
    /// only at run time (<c>fact.GetType()</c>), so it cannot be annotated here. A property the trimmer removed is simply
    /// not found: the field is reported missing and the decision is invalid, never decided on a default. The README
    /// ("Trimming and Native AOT") tells hosts to keep their fact types' properties.
    /// </summary>
    internal const string TrimmingJustification =
        "The fact type is the host's, known only at run time; a trimmed property reads as a missing field (an invalid decision naming it), never as a default.";

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingJustification)]
    private static Func<object, object?>? Build(Type type, string name)
    {
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.GetMethod is null || property.GetIndexParameters().Length != 0)
        {
            return null;
        }

        // Plain reflection: no code generation, so the first decisions of a new POCO type (and a cold start) do not
        // wait for the expression compiler. Types used often get a compiled binder (PocoBinder) instead.
        return property.GetValue;
    }
}
