using System.Linq.Expressions;
using System.Reflection;
using Tiering.Rules.Model;
using static System.Linq.Expressions.Expression;

namespace Tiering.Rules.Facts;

/// <summary>
/// Typed reads from the commonest dictionary fact, <see cref="Dictionary{TKey, TValue}"/> of string to object, for a
/// typed kernel: a number field takes a boxed decimal, int or long under its exact name, a flag field a boxed bool.
/// Anything else — the key absent, null, another CLR type (a double is judged for exactness by the general path), a
/// JSON element — sets the read's <see cref="PocoBinder.TypedFieldRead.Absent"/> flag and the fact goes to the general
/// path, which gives the same decision or the field's error. So a dictionary of plainly valid values is decided with one
/// lookup per field and no frame.
/// </summary>
internal static class DictionaryReads
{
    /// <summary>The dictionary type these reads take.</summary>
    public static readonly Type Type = typeof(Dictionary<string, object?>);

    private static readonly MethodInfo NumberMethod = typeof(DictionaryReads).GetMethod(nameof(Number), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FlagMethod = typeof(DictionaryReads).GetMethod(nameof(Flag), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The typed read of <paramref name="field"/> from a dictionary, or null when the field needs the general path.</summary>
    public static PocoBinder.TypedFieldRead? TypedRead(FieldDefinition field)
    {
        if (field.IsDecisionRef || field.Name.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        var absent = Variable(typeof(bool), field.Name + "Absent");
        var key = Constant(field.Name);
        if (field.Type == FieldType.Boolean)
        {
            return new PocoBinder.TypedFieldRead(typeof(bool), typed => Call(FlagMethod, typed, key, absent), null, (_, _, _) => null) { Absent = absent };
        }

        return field.Type is FieldType.Decimal or FieldType.Integer
            ? PocoBinder.DecimalRead(field, typed => Call(NumberMethod, typed, key, absent), absent)
            : null;
    }

    private static decimal Number(Dictionary<string, object?> fact, string key, ref bool absent)
    {
        fact.TryGetValue(key, out var raw);
        switch (raw)
        {
            case decimal d: return d;
            case int i: return i;
            case long l: return l;
            default: absent = true; return 0m;
        }
    }

    private static bool Flag(Dictionary<string, object?> fact, string key, ref bool absent)
    {
        fact.TryGetValue(key, out var raw);
        if (raw is bool flag)
        {
            return flag;
        }

        absent = true;
        return false;
    }
}
