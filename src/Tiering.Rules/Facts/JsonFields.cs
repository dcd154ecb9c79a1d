using System.Text.Json;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Facts;

/// <summary>
/// Binds a JSON object's members to the declared fields in one pass over the object, instead of one search of the
/// object per field (which made a fact of n members cost n² name comparisons, each transcoding the name to UTF-8).
/// Each member is matched by its raw UTF-8 name: first against the field the member at the same position matched last
/// time, then against the fields whose name has its length. When a name occurs twice the last one wins, as
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> decides. Fields are then bound in declaration
/// order, so errors come out as before.
/// </summary>
internal static class JsonFields
{
    [ThreadStatic]
    private static JsonElement[]? t_found;

    [ThreadStatic]
    private static bool[]? t_present;

    public static void Bind(JsonElement json, DeclaredFields declared, Frame frame)
    {
        var fields = declared.Fields;
        var count = fields.Length;
        var found = t_found is { } f && f.Length >= count ? f : t_found = new JsonElement[Math.Max(count, 16)];
        var present = t_present is { } p && p.Length >= count ? p : t_present = new bool[Math.Max(count, 16)];
        Array.Clear(present, 0, count);

        var names = declared.Json;
        var order = names.Order;
        var position = 0;
        foreach (var member in json.EnumerateObject())
        {
            var index = Match(member, names, position < order.Length ? order[position] : -1);
            if (index >= 0)
            {
                found[index] = member.Value;
                present[index] = true;
                if (position < order.Length)
                {
                    order[position] = index;
                }
            }

            position++;
        }

        for (var i = 0; i < count; i++)
        {
            var field = fields[i];
            if (declared.IsNested(i))
            {
                var nestedPresent = FactSource.TryGetValue(json, field.Name, out var raw);
                FactBinder.BindValue(field, nestedPresent, raw, json, frame);
            }
            else if (present[i])
            {
                FactBinder.BindJsonValue(field, found[i], frame); // not boxed: a JSON value is bound as JSON
            }
            else
            {
                FactBinder.BindValue(field, false, null, json, frame);
            }
        }

        // Nothing of the document is kept past the fact.
        Array.Clear(found, 0, count);
    }

    /// <summary>The index of the plain field named like <paramref name="member"/>, or -1.</summary>
    private static int Match(JsonProperty member, JsonNames declared, int guess)
    {
        if (guess >= 0 && !declared.Nested[guess] && member.NameEquals(declared.Utf8[guess]))
        {
            return guess;
        }

#if NET9_0_OR_GREATER
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(member);
        var escaped = raw.IndexOf((byte)'\\') >= 0;
        if (!escaped)
        {
            if (raw.Length >= declared.ByLength.Length)
            {
                return -1;
            }

            foreach (var index in declared.ByLength[raw.Length])
            {
                if (raw.SequenceEqual(declared.Utf8[index]))
                {
                    return index;
                }
            }

            return -1;
        }
#endif

        // An escaped name (or .NET 8): compare with every plain field; NameEquals unescapes.
        var utf8 = declared.Utf8;
        for (var index = 0; index < utf8.Length; index++)
        {
            if (!declared.Nested[index] && member.NameEquals(utf8[index]))
            {
                return index;
            }
        }

        return -1;
    }
}
