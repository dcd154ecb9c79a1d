using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Tiering.Rules.Collections;

namespace Tiering.Rules.Facts;

/// <summary>
/// The property each field's name reads on a POCO type, from the type's properties read once per process. Every binder
/// asks here: the reflection binder of a type's first facts reads through it, the delegate and compiled binders find
/// their properties with it.
/// </summary>
internal static class PocoAccessors
{
    // By type (a search in order: a process meets a handful of POCO types), each with its public properties read once.
    // Copy-on-write: lookups read a snapshot without locking; adding a type (once per type in a process) copies under a
    // lock. Not dictionaries, concurrent or not: over these types their generic machinery is some twenty type loads that
    // a process's first decision would wait for (docs/DESIGN.md §6a).
    private static TypeProperties[] s_byType = [];
    private static readonly object AddLock = new();

    /// <summary>
    /// The readable, non-indexed public instance property <paramref name="name"/> reads on <paramref name="type"/>: the
    /// property named exactly so, else the one whose name matches ignoring case; null when there is none.
    /// </summary>
    /// <exception cref="AmbiguousMatchException">Two properties have the name, or none has it and two match it ignoring
    /// case: the framework's lookup decides, and reports them as it always has.</exception>
    public static PropertyInfo? For(Type type, string name)
    {
        foreach (var known in Volatile.Read(ref s_byType))
        {
            if (known.Type == type)
            {
                return known.For(name);
            }
        }

        return Add(type).For(name);
    }

    private static TypeProperties Add(Type type)
    {
        var properties = new TypeProperties(type);
        lock (AddLock)
        {
            foreach (var known in s_byType)
            {
                if (known.Type == type)
                {
                    return known; // another thread added it first
                }
            }

            Volatile.Write(ref s_byType, Arrays.Append(s_byType, properties));
        }

        return properties;
    }

    /// <summary>
    /// One type's public instance properties, read once (one <c>GetProperties</c>, where a lookup per field copied the
    /// list each time), with an index of their exact names. A name one property has exactly is answered from the index;
    /// any other is matched ignoring case by a scan of the list (no copy, nothing kept: only a type's first decisions go by
    /// reflection). Thread-safe: the list and index are never written once built; a property's answer is one reference
    /// written whole (two threads may both work it out, to the same property).
    /// </summary>
    private sealed class TypeProperties
    {
        /// <summary>Stands for "not readable" in <see cref="_answers"/> (null there means not yet worked out).</summary>
        private static readonly object Unreadable = new();

        private readonly PropertyInfo[] _properties;
        private readonly NameMap<PropertyInfo?> _exact; // a name to the property that has it, or to null when two have it
        private readonly object?[] _answers;            // per name of _exact: its property once found readable, or Unreadable

        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingJustification)]
        public TypeProperties(Type type)
        {
            Type = type;
            _properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            _exact = new NameMap<PropertyInfo?>(_properties.Length);
            foreach (var property in _properties)
            {
                if (!_exact.TryAdd(property.Name, property))
                {
                    _exact[property.Name] = null;
                }
            }

            _answers = new object?[_exact.Count];
        }

        public readonly Type Type;

        /// <summary>
        /// The name as written, else the one property that matches it ignoring case; two with the name as written, or
        /// none with it and two ignoring case, take the framework's lookup, which reports them as it always has.
        /// </summary>
        public PropertyInfo? For(string name)
        {
            var at = _exact.IndexOf(name);
            var property = at >= 0 ? _exact.ValueAt(at) : null;
            if (at >= 0 && property is null)
            {
                return Readable(ByFrameworkLookup(Type, name));
            }

            if (at < 0)
            {
                foreach (var candidate in _properties)
                {
                    if (SameIgnoringCase(candidate.Name, name))
                    {
                        if (property is not null)
                        {
                            return Readable(ByFrameworkLookup(Type, name));
                        }

                        property = candidate;
                    }
                }

                if (property is null)
                {
                    return null;
                }

                at = _exact.IndexOf(property.Name);
            }

            // The answer for the property, worked out once (one method: a first decision under a JIT compiles each).
            var answer = Volatile.Read(ref _answers[at]);
            if (answer is null)
            {
                answer = Readable(property) ?? Unreadable;
                Volatile.Write(ref _answers[at], answer);
            }

            return answer as PropertyInfo;
        }
    }

    /// <summary>
    /// Why reading a POCO fact's properties by reflection is safe under trimming: the fact's type is the host's, known
    /// only at run time (<c>fact.GetType()</c>), so it cannot be annotated here. A property the trimmer removed is simply
    /// not found: the field is reported missing and the decision is invalid, never decided on a default. The README
    /// ("Trimming and Native AOT") tells hosts to keep their fact types' properties.
    /// </summary>
    internal const string TrimmingJustification =
        "The fact type is the host's, known only at run time; a trimmed property reads as a missing field (an invalid decision naming it), never as a default.";

    /// <summary>The property when a binder can read it (it has a getter and no index), else null.</summary>
    private static PropertyInfo? Readable(PropertyInfo? property) =>
        property is { GetMethod: not null } && property.GetIndexParameters().Length == 0 ? property : null;

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
