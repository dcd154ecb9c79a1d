using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using Tiering.Rules.Facts;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Grouping;

/// <summary>
/// Reads ahead in an input held in memory (an array or list of POCO facts) for a run's pass one, so that reaching a fact
/// and its key is not a wait on memory once per fact. A book whose facts lie in memory in another order than the input
/// (loans made debtor by debtor, then listed in another order) costs pass one a cache miss on each fact and another on its
/// key's text, one after the other; asking for the next <see cref="Distance"/> facts all at once, and a block later for
/// their keys, has those lines on the way together while the facts before them are bound. What is read means nothing
/// (it is kept so the reads are not dropped); the key is read through a getter compiled for the fact's type, and only
/// when its property is a plain string property of that type. Not thread-safe (one run owns it).
/// </summary>
internal sealed class ReadAhead
{
    /// <summary>Facts asked for at once: a block, one block ahead for the facts and two for their keys' text.</summary>
    public const int Distance = 8;

    private Type? _type;
    private Func<object, string?>? _key;
    private ulong _seen;

    private ReadAhead(Type type, Func<object, string?>? key)
    {
        _type = type;
        _key = key;
    }

    /// <summary>What was read (meaningless; it keeps the reads).</summary>
    public ulong Seen => _seen;

    /// <summary>
    /// A reader ahead for facts of <paramref name="type"/> grouped by <paramref name="plan"/>'s key, or null when the
    /// facts are not objects of a class (a struct fact is read where it lies).
    /// </summary>
    public static ReadAhead? For(Type type, GroupPlan plan)
    {
        if (type.IsValueType || type == typeof(string) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var key = plan.Group.Key.Length == 1 && plan.Group.Key[0].Type == FieldType.String && CodeGeneration.IsAvailable
            ? KeyGetter(type, plan.Group.Key[0])
            : null;
        return new ReadAhead(type, key);
    }

    /// <summary>
    /// Called at every <see cref="Distance"/>-th fact <paramref name="i"/>: asks for facts two blocks ahead and for the
    /// key text of those one block ahead (asked for a block ago, so in cache by now).
    /// </summary>
    public void Touch<TFact>(ReadOnlySpan<TFact> facts, int i)
    {
        var seen = 0UL;
        var end = Math.Min(facts.Length, i + (3 * Distance));
        for (var k = i + (2 * Distance); k < end; k++)
        {
            seen += facts[k] is { } ahead && ReferenceEquals(ahead.GetType(), _type) ? 1UL : 0;
        }

        if (_key is { } key)
        {
            end = Math.Min(facts.Length, i + (2 * Distance));
            try
            {
                for (var k = i + Distance; k < end; k++)
                {
                    if (facts[k] is { } fact && ReferenceEquals(fact.GetType(), _type) && key(fact) is { } text)
                    {
                        seen += (ulong)text.Length;
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A getter that throws is the binder's to report, with the fact's record; reading ahead just stops.
                _key = null;
            }
        }

        _seen += seen;
    }

    /// <summary>A compiled getter of the string property the key field reads, or null when there is no such plain property.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = PocoAccessors.TrimmingJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called when code generation is available (CodeGeneration.IsAvailable).")]
    private static Func<object, string?>? KeyGetter(Type type, FieldDefinition key)
    {
        if (key.Name.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        PropertyInfo? property;
        try
        {
            property = PocoAccessors.For(type, key.Name); // the property the binder reads
        }
        catch (AmbiguousMatchException)
        {
            return null; // the binder says which property it reads; reading ahead is not worth guessing
        }

        if (property is null || property.PropertyType != typeof(string))
        {
            return null;
        }

        var fact = Expression.Parameter(typeof(object), "fact");
        return Expression.Lambda<Func<object, string?>>(Expression.Property(Expression.Convert(fact, type), property), fact).Compile();
    }
}
