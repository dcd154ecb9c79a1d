using System.Text.Json;

namespace Tiering.Rules.Facts;

/// <summary>
/// Finds a field's raw value in a fact, by name: in a dictionary with string keys, a <see cref="JsonElement"/> object,
/// or a POCO's public property (read through <see cref="PocoAccessors"/>); dotted names walk nested objects. Values come
/// back as they are, for <see cref="FieldConverter"/>; nothing here converts or judges them.
/// </summary>
internal static class FactSource
{
    /// <summary>"; the fact has 'Aum' (field names are case-sensitive)" when a key of the fact nearly matches the field.</summary>
    internal static string NearMiss(object fact, string field)
    {
        IEnumerable<string> keys = fact switch
        {
            IReadOnlyDictionary<string, object?> d => d.Keys,
            IDictionary<string, object?> d => d.Keys,
            System.Collections.IDictionary d => d.Keys.OfType<string>(),
            JsonElement { ValueKind: JsonValueKind.Object } json => ShortJsonNames(json),
            _ => [],
        };
        // Bounded whatever the fact: a key longer than any name a hint compares is not looked at (not even made a string).
        var list = keys.Take(Text.Suggestions.MaxCandidates).Where(k => k.Length <= Text.Suggestions.MaxComparedLength).ToList();
        var sameIgnoringCase = list.FirstOrDefault(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null)
        {
            return $"; the fact has '{sameIgnoringCase}' (field names are case-sensitive)";
        }

        return Text.Suggestions.Closest(field, list) is { } similar ? $"; the fact has '{similar}' — a typo?" : string.Empty;
    }

    /// <summary>
    /// The names of a JSON object's members, leaving out those too long to be a near miss without making them strings
    /// (on .NET 9 and later the raw UTF-8 name's length is read first: a 1 MB fact of long keys costs no 1 MB per missing field).
    /// </summary>
    private static IEnumerable<string> ShortJsonNames(JsonElement json)
    {
        foreach (var property in json.EnumerateObject())
        {
#if NET9_0_OR_GREATER
            if (System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property).Length > Text.Suggestions.MaxComparedLength * 4)
            {
                continue;
            }
#endif
            yield return property.Name;
        }
    }

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
                if (FactBinder.IsJson(type))
                {
                    return TryGetJsonMember(container, name, out raw);
                }

                if (PocoAccessors.For(type, name) is not { } property)
                {
                    raw = null;
                    return false;
                }

                raw = property.GetValue(container);
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
