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
