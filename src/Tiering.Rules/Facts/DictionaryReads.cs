using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Tiering.Rules.Model;
using static System.Linq.Expressions.Expression;

namespace Tiering.Rules.Facts;

/// <summary>
/// Typed reads from the commonest dictionary fact, <see cref="Dictionary{TKey, TValue}"/> of string to object, for a
/// typed kernel: a number field takes a boxed decimal, int or long under its exact name, a flag field a boxed bool.
/// Anything else — the key absent, null, another CLR type (a double is judged for exactness by the general path), a
/// JSON element — sets the read's <see cref="PocoBinder.TypedFieldRead.Absent"/> flag and the fact goes to the general
/// path, which gives the same decision or the field's error. So a dictionary of plainly valid values is decided with no
/// frame, its values gathered by a <see cref="OnePass"/> (one walk over its entries) when the policy has one.
/// </summary>
internal static class DictionaryReads
{
    /// <summary>The dictionary type these reads take.</summary>
    public static readonly Type Type = typeof(Dictionary<string, object?>);

    private static readonly MethodInfo NumberMethod = typeof(DictionaryReads).GetMethod(nameof(Number), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FlagMethod = typeof(DictionaryReads).GetMethod(nameof(Flag), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo NumberAtMethod = typeof(DictionaryReads).GetMethod(nameof(NumberAt), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FlagAtMethod = typeof(DictionaryReads).GetMethod(nameof(FlagAt), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// The typed read of <paramref name="field"/> from a dictionary, or null when the field needs the general path: from
    /// the values <paramref name="pass"/> gathered when there is one, else by the field's key.
    /// </summary>
    public static PocoBinder.TypedFieldRead? TypedRead(FieldDefinition field, OnePass? pass = null)
    {
        if (field.IsDecisionRef || field.Name.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        var absent = Variable(typeof(bool), field.Name + "Absent");
        var key = Constant(field.Name);
        var at = pass is null ? null : Constant(pass.IndexOf(field.Name));
        if (field.Type == FieldType.Boolean)
        {
            Func<Expression, Expression> flag = at is null ? typed => Call(FlagMethod, typed, key, absent) : _ => Call(FlagAtMethod, pass!.Values, at, absent);
            return new PocoBinder.TypedFieldRead(typeof(bool), flag, null, (_, _, _) => null) { Absent = absent };
        }

        Func<Expression, Expression> number = at is null ? typed => Call(NumberMethod, typed, key, absent) : _ => Call(NumberAtMethod, pass!.Values, at, absent);
        return field.Type is FieldType.Decimal or FieldType.Integer ? PocoBinder.DecimalRead(field, number, absent) : null;
    }

    private static decimal Number(Dictionary<string, object?> fact, string key, ref bool absent)
    {
        fact.TryGetValue(key, out var raw);
        return NumberOf(raw, ref absent);
    }

    private static bool Flag(Dictionary<string, object?> fact, string key, ref bool absent)
    {
        fact.TryGetValue(key, out var raw);
        return FlagOf(raw, ref absent);
    }

    private static decimal NumberAt(ref GatheredValues values, int index, ref bool absent) => NumberOf(values[index], ref absent);

    private static bool FlagAt(ref GatheredValues values, int index, ref bool absent) => FlagOf(values[index], ref absent);

    private static decimal NumberOf(object? raw, ref bool absent)
    {
        switch (raw)
        {
            case decimal d: return d;
            case int i: return i;
            case long l: return l;
            default: absent = true; return 0m;
        }
    }

    private static bool FlagOf(object? raw, ref bool absent)
    {
        if (raw is bool flag)
        {
            return flag;
        }

        absent = true;
        return false;
    }

    /// <summary>The values of a dictionary fact's fields, by the field's index in its <see cref="OnePass"/>; a kernel's local.</summary>
    [InlineArray(OnePass.MaxFields)]
    internal struct GatheredValues
    {
        private object? _element;
    }

    /// <summary>
    /// Gathers a dictionary fact's field values in one walk over its entries, each key matched to a field by its ordinal
    /// text, instead of a hashed lookup per field (the 21 lookups of a loan were most of its decision): the field found
    /// at an entry's position last time is tried first (dictionaries filled the same way enumerate in the same order),
    /// checked by comparing the key, so a stale or raced guess costs a lookup, never a wrong value. A dictionary with
    /// another comparer than the ordinal one (which may match a key the ordinal text does not), or with many more entries
    /// than the policy has fields, is read by a lookup per field as before. Thread-safe: the guesses are whole ints.
    /// </summary>
    internal sealed class OnePass
    {
        /// <summary>The most fields a pass gathers; a policy with more reads by key.</summary>
        public const int MaxFields = 64;

        private static readonly MethodInfo GatherMethod = typeof(OnePass).GetMethod(nameof(Gather), BindingFlags.NonPublic | BindingFlags.Static)!;

        private readonly string[] _names;
        private readonly FrozenDictionary<string, int> _indexes;
        private readonly int[] _guesses = new int[2 * MaxFields];

        private OnePass(string[] names)
        {
            _names = names;
            _indexes = names.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary(StringComparer.Ordinal);
            Array.Fill(_guesses, -1);
        }

        /// <summary>The kernel's local the values are gathered into.</summary>
        public ParameterExpression Values { get; } = Variable(typeof(GatheredValues), "gathered");

        /// <summary>A pass over the fields of <paramref name="fields"/>, or null when there are too many.</summary>
        public static OnePass? For(IReadOnlyList<FieldDefinition> fields) =>
            fields.Count <= MaxFields ? new OnePass([.. fields.Select(f => f.Name)]) : null;

        /// <summary>The index of the field named <paramref name="name"/>.</summary>
        public int IndexOf(string name) => Array.IndexOf(_names, name);

        /// <summary>The expression that gathers the values of the dictionary <paramref name="typed"/> into <see cref="Values"/>.</summary>
        public Expression Gather(Expression typed) => Call(GatherMethod, typed, Constant(this), Values);

        private static void Gather(Dictionary<string, object?> fact, OnePass pass, ref GatheredValues values)
        {
            var names = pass._names;
            var comparer = fact.Comparer;
            if (fact.Count > 2 * names.Length || !(ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal)))
            {
                for (var i = 0; i < names.Length; i++)
                {
                    fact.TryGetValue(names[i], out values[i]);
                }

                return;
            }

            var guesses = pass._guesses;
            var position = 0;
            foreach (var (key, value) in fact)
            {
                var guess = guesses[position];
                if (guess < 0 || !string.Equals(names[guess], key))
                {
                    guess = pass._indexes.TryGetValue(key, out var index) ? index : -1;
                    guesses[position] = guess;
                }

                if (guess >= 0)
                {
                    values[guess] = value;
                }

                position++;
            }
        }
    }
}
