using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Tiering.Rules.Collections;

namespace Tiering.Rules.Facts;

/// <summary>Property getters for POCO facts, found once per (type, property) and cached for the process.</summary>
internal static class PocoAccessors
{
    // By type (a search in order: a process meets a handful of POCO types by reflection, each only for its first
    // decisions), then by name. Copy-on-write: lookups read a snapshot without locking, an add (once per type and
    // property in a process) copies under a lock. Not dictionaries, concurrent or not: over these types their generic
    // machinery is some twenty type loads that a process's first decision would wait for (docs/DESIGN.md §6a).
    private static TypeAccessors[] s_byType = [];
    private static readonly object AddLock = new();

    public static Func<object, object?>? For(Type type, string name)
    {
        foreach (var known in Volatile.Read(ref s_byType))
        {
            if (known.Type == type)
            {
                if (known.ByName.TryGetValue(name, out var accessor))
                {
                    return accessor;
                }

                break;
            }
        }

        return Add(type, name);
    }

    private static Func<object, object?>? Add(Type type, string name)
    {
        var accessor = Build(type, name);
        lock (AddLock)
        {
            var all = s_byType;
            var at = 0;
            while (at < all.Length && all[at].Type != type)
            {
                at++;
            }

            if (at == all.Length)
            {
                var names = new NameMap<Func<object, object?>?>();
                names.TryAdd(name, accessor);
                Volatile.Write(ref s_byType, Arrays.Append(all, new TypeAccessors(type, names)));
                return accessor;
            }

            if (all[at].ByName.TryGetValue(name, out var first))
            {
                return first; // another thread added it first
            }

            var more = all[at].ByName.Copy();
            more.TryAdd(name, accessor);
            var copy = (TypeAccessors[])all.Clone();
            copy[at] = new TypeAccessors(type, more);
            Volatile.Write(ref s_byType, copy);
        }

        return accessor;
    }

    /// <summary>One type's getters by property name; never written once published (fields, as BinderRegistry's PocoType).</summary>
    private sealed class TypeAccessors(Type type, NameMap<Func<object, object?>?> byName)
    {
        public readonly Type Type = type;
        public readonly NameMap<Func<object, object?>?> ByName = byName;
    }

    /// <summary>
    /// Why reading a POCO fact's properties by reflection is safe under trimming: the fact's type is the host's, known
    /// only at run time (<c>fact.GetType()</c>), so it cannot be annotated here. A property the trimmer removed is simply
    /// not found: the field is reported missing and the decision is invalid, never decided on a default. The README
    /// ("Trimming and Native AOT") tells hosts to keep their fact types' properties.
    /// </summary>
    internal const string TrimmingJustification =
        "The fact type is the host's, known only at run time; a trimmed property reads as a missing field (an invalid decision naming it), never as a default.";

    private static Func<object, object?>? Build(Type type, string name) =>
        // Plain reflection: no code generation, so the first decisions of a new POCO type (and a cold start) do not
        // wait for the expression compiler. Types used often get a compiled binder (PocoBinder) instead.
        FindProperty(type, name) is { } property ? property.GetValue : null;

    /// <summary>
    /// The readable, non-indexed public instance property a field's name reads: the name as written, else the one
    /// property that matches it ignoring case; null when there is none. Every binder finds its properties here.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingJustification)]
    internal static PropertyInfo? FindProperty(Type type, string name)
    {
        // One list of the type's public properties (the runtime caches it per type), scanned for the name as written,
        // then ignoring case: a first decision binds every declared field, and two lookups by name per field made the
        // runtime walk the type's metadata twice for each. Two candidates for one name (a property hidden with another
        // type, or names differing only in case) take the framework's lookup, which reports them as it always has.
        PropertyInfo? exact = null, folded = null;
        var exacts = 0;
        var foldeds = 0;
        foreach (var candidate in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                exact = candidate;
                exacts++;
            }
            else if (SameIgnoringCase(candidate.Name, name))
            {
                folded = candidate;
                foldeds++;
            }
        }

        var property = exacts > 1 || (exacts == 0 && foldeds > 1) ? ByFrameworkLookup(type, name) : exact ?? folded;
        return property is { GetMethod: not null } && property.GetIndexParameters().Length == 0 ? property : null;
    }

    /// <summary>
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> equality, compared here for ASCII names: the framework's
    /// comparison is vectorised, and its first use loads the vector types and their generic-math interfaces (eight type
    /// loads in a process's first decision, for names of a few characters). Anything not ASCII takes the framework's.
    /// </summary>
    internal static bool SameIgnoringCase(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            int x = a[i], y = b[i];
            if (x == y)
            {
                continue;
            }

            if ((x | y) > 0x7F)
            {
                return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
            }

            // Equal ignoring case only as the same letter: the 0x20 bit apart, and a letter.
            if ((x | 0x20) != (y | 0x20) || (uint)((x | 0x20) - 'a') > 'z' - 'a')
            {
                return false;
            }
        }

        return true;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingJustification)]
    private static PropertyInfo? ByFrameworkLookup(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
        ?? type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
}
