using System.Linq.Expressions;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;
using static System.Linq.Expressions.Expression;
using static Tiering.Rules.Runtime.CodeGeneration;

namespace Tiering.Rules.Facts;

/// <summary>
/// Binds a POCO fact of one CLR type to a policy's frame with a delegate compiled once per (policy, type): each
/// property is read with its own type and written to its typed slot, so numbers and flags are not boxed. Values the
/// typed path does not cover (text, enums, dates, unusual number types, nested names) go through the general
/// <see cref="FactBinder"/> path, with the same validation and messages.
/// </summary>
internal static class PocoBinder
{
    private static readonly MethodInfo Number = Method(nameof(BindNumber));
    private static readonly MethodInfo NullableNumber = Method(nameof(BindNullableNumber));
    private static readonly MethodInfo Whole = Method(nameof(BindWhole));
    private static readonly MethodInfo NullableWhole = Method(nameof(BindNullableWhole));
    private static readonly MethodInfo Double = Method(nameof(BindDouble));
    private static readonly MethodInfo Flag = Method(nameof(BindFlag));
    private static readonly MethodInfo NullableFlag = Method(nameof(BindNullableFlag));
    private static readonly MethodInfo Boxed = Method(nameof(BindBoxed));
    private static readonly MethodInfo General = Method(nameof(BindGeneral));
    private static readonly MethodInfo ToWholeMethod = typeof(Frame).GetMethod(nameof(Frame.ToWhole))!;

    public static Action<object, Frame> Build(Type type, IReadOnlyList<FieldDefinition> fields, FrameLayout layout)
    {
        var fact = Parameter(typeof(object), "fact");
        var frame = Parameter(typeof(Frame), "frame");
        var typed = Variable(type, "typed");
        var numbers = Variable(typeof(decimal[]), "numbers");
        var wholes = Variable(typeof(long[]), "wholes");
        var booleans = Variable(typeof(bool[]), "booleans");
        var body = new List<Expression>
        {
            Assign(typed, Convert(fact, type)),
            Assign(numbers, FieldOf<Frame>(frame, nameof(Frame.Numbers))),
            Assign(wholes, FieldOf<Frame>(frame, nameof(Frame.Wholes))),
            Assign(booleans, FieldOf<Frame>(frame, nameof(Frame.Booleans))),
        };
        var slots = new Slots(numbers, wholes, booleans);
        foreach (var field in fields)
        {
            body.Add(Inline(type, field, layout.SlotOf(field), typed, frame, slots) ?? BindField(type, field, fact, typed, frame));
        }

        return Lambda<Action<object, Frame>>(Block([typed, numbers, wholes, booleans], body), fact, frame).Compile();
    }

    /// <summary>The frame's slot arrays, loaded once at the top of a binder.</summary>
    private sealed record Slots(ParameterExpression Numbers, ParameterExpression Wholes, ParameterExpression Booleans);

    /// <summary>
    /// The hot cases written straight into the slots, read as a typed kernel reads them (<see cref="TypedRead"/>): a
    /// decimal or whole-number property for a number field (its domain checked inline; a value outside goes to the
    /// general path, which reports it), a bool property for a flag.
    /// </summary>
    private static Expression? Inline(Type type, FieldDefinition field, int slotIndex, ParameterExpression typed, ParameterExpression frame, Slots slots)
    {
        if (TypedRead(type, field) is not { } read || read.Raw is not null)
        {
            // Enums and nullable properties keep the general conversion (the frame's missing mask, the enum's message).
            return null;
        }

        var value = Variable(read.ValueType, "value");
        var whole = read.Whole is null ? null : Variable(typeof(long), "whole");
        var slot = Constant(slotIndex);
        Expression store = Assign(ArrayAccess(field.Type == FieldType.Boolean ? slots.Booleans : slots.Numbers, slot), value);
        if (field.Type == FieldType.Integer)
        {
            store = Block(store, Assign(ArrayAccess(slots.Wholes, slot), whole!));
        }

        var statements = new List<Expression> { Assign(value, read.Read(typed)) };
        if (whole is not null)
        {
            statements.Add(Assign(whole, read.Whole!(typed, value)));
        }

        // A value outside the domain goes to the general path, which reports it.
        statements.Add(read.Valid(value, whole, null) is { } valid ? IfThenElse(valid, store, Call(Number, Constant(field), value, frame)) : store);
        return Block(whole is null ? [value] : [value, whole], statements);
    }

    private static Expression BindField(Type type, FieldDefinition field, ParameterExpression fact, ParameterExpression typed, ParameterExpression frame)
    {
        var fieldConst = Constant(field);
        var property = field.Name.Contains('.', StringComparison.Ordinal) ? null : PocoAccessors.For(type, field.Name);
        if (property is null)
        {
            return Call(General, fieldConst, fact, frame);
        }

        Expression value = Property(typed, property);
        var t = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(t);
        switch (field.Type)
        {
            case FieldType.Decimal or FieldType.Integer when t == typeof(decimal):
                return Call(Number, fieldConst, value, frame);
            case FieldType.Decimal or FieldType.Integer when underlying == typeof(decimal):
                return Call(NullableNumber, fieldConst, value, frame);
            case FieldType.Decimal or FieldType.Integer when IsWhole(t):
                return Call(Whole, fieldConst, Convert(value, typeof(long)), frame);
            case FieldType.Decimal or FieldType.Integer when underlying is not null && IsWhole(underlying):
                return Call(NullableWhole, fieldConst, Convert(value, typeof(long?)), frame);
            case FieldType.Decimal or FieldType.Integer when t == typeof(double) || t == typeof(float):
                return Call(Double, fieldConst, Convert(value, typeof(double)), frame);
            case FieldType.Boolean when t == typeof(bool):
                return Call(Flag, fieldConst, value, frame);
            case FieldType.Boolean when underlying == typeof(bool):
                return Call(NullableFlag, fieldConst, value, frame);
            default:
                return Call(Boxed, fieldConst, Convert(value, typeof(object)), frame);
        }
    }

    /// <summary>
    /// How a typed kernel reads one field from a property straight into a local: the local's type, the read, the long
    /// twin (whole-number properties and integer fields), and the domain check over the value, its long twin and its
    /// double (<see cref="DecimalFilter"/>; null when the caller has none), which is null when any value is valid.
    /// </summary>
    internal sealed record TypedFieldRead(
        Type ValueType,
        Func<Expression, Expression> Read,
        Func<Expression, ParameterExpression, Expression>? Whole,
        Func<ParameterExpression, ParameterExpression?, ParameterExpression?, Expression?> Valid)
    {
        /// <summary>
        /// For a read that can find nothing (a dictionary's key): a flag local the read sets when the value is absent or
        /// not of the expected CLR type, so the kernel hands the fact to the general path, which reports it. Null for a
        /// property, which is always there.
        /// </summary>
        public ParameterExpression? Absent { get; init; }

        /// <summary>
        /// For a property that may hold no value (a <see cref="Nullable{T}"/> number or flag, the text of an enum): how
        /// to read it once into a local of its own type, test it for null, and take the field's value from it. Null for a
        /// property whose every value is a value; <see cref="Read"/> then reads it.
        /// </summary>
        public NullableRead? Raw { get; init; }
    }

    /// <summary>
    /// The read of a property that may be null: <paramref name="RawType"/> the property's type, <paramref name="ReadRaw"/>
    /// the property from the typed fact, <paramref name="IsNull"/> its test for null over the raw local, and
    /// <paramref name="Value"/> the field's value (of the read's value type) from a raw local that is not null.
    /// </summary>
    internal sealed record NullableRead(Type RawType, Func<Expression, Expression> ReadRaw, Func<Expression, Expression> IsNull, Func<Expression, Expression> Value);

    private static readonly MethodInfo StringEquals = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!;

    /// <summary>
    /// The typed read of a field from a property of a matching CLR type, or null when the field needs the general path
    /// (nested, text, date, unusual property types): a number from a decimal or whole-number property, a flag from a
    /// bool, either from its <see cref="Nullable{T}"/> (<see cref="TypedFieldRead.Raw"/>: null is absent), and an enum
    /// from a string property, as the ordinal of its declared value (compared ordinally; -1 for any other text, which
    /// fails the read's check so the general path reports it). A non-nullable property is always present, so an optional
    /// field reads the same way; a typed kernel handles an absent value only through <c>whenMissing</c>.
    /// </summary>
    internal static TypedFieldRead? TypedRead(Type type, FieldDefinition field)
    {
        if (field.IsDecisionRef || field.Name.Contains('.', StringComparison.Ordinal) || PocoAccessors.For(type, field.Name) is not { } property)
        {
            return null;
        }

        var t = property.PropertyType;
        if (field.Type == FieldType.Enum)
        {
            return t == typeof(string) && field.Domain is { } domain ? EnumRead(domain, property) : null;
        }

        if (Nullable.GetUnderlyingType(t) is { } underlying)
        {
            return NullableValueRead(field, property, underlying);
        }

        if (field.Type == FieldType.Boolean)
        {
            return t == typeof(bool) ? new TypedFieldRead(typeof(bool), typed => Property(typed, property), null, (_, _, _) => null) : null;
        }

        if (field.Type is not (FieldType.Decimal or FieldType.Integer))
        {
            return null;
        }

        if (IsWhole(t))
        {
            return WholeBounds(field) is var (low, high)
                ? new TypedFieldRead(
                    typeof(decimal),
                    typed => Convert(Property(typed, property), typeof(decimal)),
                    (typed, _) => Convert(Property(typed, property), typeof(long)),
                    (_, whole, _) => AndAlso(GreaterThanOrEqual(whole!, Constant(low)), LessThanOrEqual(whole!, Constant(high))))
                : null;
        }

        if (t != typeof(decimal))
        {
            return null;
        }

        return DecimalRead(field, typed => Property(typed, property));
    }

    /// <summary>An enum field from a string property: the declared value's ordinal, -1 for other text (invalid), null absent.</summary>
    private static TypedFieldRead EnumRead(EnumDomain domain, PropertyInfo property)
    {
        Expression Ordinal(Expression text)
        {
            // Declared values are few: ordinal equality one by one (each compares lengths first), last value innermost.
            Expression ordinal = Constant(-1);
            for (var i = domain.Values.Length - 1; i >= 0; i--)
            {
                ordinal = Condition(Call(StringEquals, text, Constant(domain.Values[i])), Constant(i), ordinal);
            }

            return ordinal;
        }

        return new TypedFieldRead(typeof(int), typed => Ordinal(Property(typed, property)), null, (value, _, _) => GreaterThanOrEqual(value, Constant(0)))
        {
            Raw = new NullableRead(typeof(string), typed => Property(typed, property), raw => ReferenceEqual(raw, Constant(null, typeof(string))), Ordinal),
        };
    }

    /// <summary>A decimal or flag field from its <see cref="Nullable{T}"/> property (null is absent), or null for other types.</summary>
    private static TypedFieldRead? NullableValueRead(FieldDefinition field, PropertyInfo property, Type underlying)
    {
        // Tested against null, then converted to its value (never null there).
        var nullable = property.PropertyType;
        Expression Value(Expression raw) => Convert(raw, underlying);
        Expression IsNull(Expression raw) => Equal(raw, Constant(null, nullable));
        var raw = new NullableRead(nullable, typed => Property(typed, property), IsNull, Value);
        if (field.Type == FieldType.Boolean && underlying == typeof(bool))
        {
            return new TypedFieldRead(typeof(bool), typed => Value(Property(typed, property)), null, (_, _, _) => null) { Raw = raw };
        }

        return field.Type is FieldType.Decimal or FieldType.Integer && underlying == typeof(decimal)
            ? DecimalRead(field, typed => Value(Property(typed, property))) with { Raw = raw }
            : null;
    }

    /// <summary>
    /// The typed read of a decimal into a number field: <paramref name="read"/> gives the decimal, an integer field's long
    /// twin follows from it, and the domain check is the field's min, max and (for integers) wholeness.
    /// </summary>
    internal static TypedFieldRead DecimalRead(FieldDefinition field, Func<Expression, Expression> read, ParameterExpression? absent = null) =>
        new(
            typeof(decimal),
            read,
            field.Type == FieldType.Integer ? (_, value) => Call(ToWholeMethod, value) : null,
            (value, _, approx) =>
            {
                Expression? ok = null;
                if (field.Min is { } min)
                {
                    ok = Compare(CompareOp.GreaterEqual, min);
                }

                if (field.Max is { } max)
                {
                    ok = ok is null ? Compare(CompareOp.LessEqual, max) : AndAlso(ok, Compare(CompareOp.LessEqual, max));
                }

                if (field.Type == FieldType.Integer)
                {
                    var whole = Equal(value, Call(typeof(decimal).GetMethod(nameof(decimal.Truncate), [typeof(decimal)])!, value));
                    ok = ok is null ? whole : AndAlso(ok, whole);
                }

                return ok;

                Expression Compare(CompareOp op, decimal bound) => approx is null
                    ? op == CompareOp.GreaterEqual ? GreaterThanOrEqual(value, Constant(bound)) : LessThanOrEqual(value, Constant(bound))
                    : DecimalFilter.Compare(op, value, approx, bound);
            })
        {
            Absent = absent,
        };

    /// <summary>The field's bounds as whole numbers (a whole value is within min..max exactly when it is within these), or null when they do not fit a long.</summary>
    private static (long Low, long High)? WholeBounds(FieldDefinition field)
    {
        var low = field.Min is { } min ? decimal.Ceiling(min) : long.MinValue;
        var high = field.Max is { } max ? decimal.Floor(max) : long.MaxValue;
        return low >= long.MinValue && low <= long.MaxValue && high >= long.MinValue && high <= long.MaxValue
            ? ((long)low, (long)high)
            : null;
    }

    private static bool IsWhole(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(ushort) || t == typeof(uint);

    private static MethodInfo Method(string name) => typeof(PocoBinder).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    internal static void BindNumber(FieldDefinition field, decimal value, Frame frame) => FactBinder.BindNumber(field, value, frame);

    internal static void BindNullableNumber(FieldDefinition field, decimal? value, Frame frame)
    {
        if (value is { } v)
        {
            FactBinder.BindNumber(field, v, frame);
        }
        else
        {
            FactBinder.BindMissing(field, frame);
        }
    }

    internal static void BindWhole(FieldDefinition field, long value, Frame frame) => FactBinder.BindNumber(field, value, frame);

    internal static void BindNullableWhole(FieldDefinition field, long? value, Frame frame)
    {
        if (value is { } v)
        {
            FactBinder.BindNumber(field, v, frame);
        }
        else
        {
            FactBinder.BindMissing(field, frame);
        }
    }

    internal static void BindDouble(FieldDefinition field, double value, Frame frame)
    {
        if (FieldConverter.FromDouble(field, value, frame, out var number))
        {
            FactBinder.BindNumber(field, number.Number, frame);
        }
    }

    internal static void BindFlag(FieldDefinition field, bool value, Frame frame) => frame.WriteBoolean(field, value);

    internal static void BindNullableFlag(FieldDefinition field, bool? value, Frame frame)
    {
        if (value is { } v)
        {
            frame.WriteBoolean(field, v);
        }
        else
        {
            FactBinder.BindMissing(field, frame);
        }
    }

    internal static void BindBoxed(FieldDefinition field, object? value, Frame frame) => FactBinder.BindValue(field, true, value, null, frame);

    internal static void BindGeneral(FieldDefinition field, object fact, Frame frame)
    {
        var present = FactSource.TryGetValue(fact, field.Name, out var raw);
        FactBinder.BindValue(field, present, raw, fact, frame);
    }
}
