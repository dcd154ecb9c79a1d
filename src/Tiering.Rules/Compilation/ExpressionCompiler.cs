// Over 400 lines on purpose: one method per kind of bound expression, plus the two optimisations that must see every
// node (conditions shared between rules, decimal comparisons through a double); split, each half would need the other's
// private state.
using System.Linq.Expressions;
using System.Reflection;
using Tiering.Rules.Model;
using static System.Linq.Expressions.Expression;
using Tiering.Rules.Runtime;
using static Tiering.Rules.Runtime.CodeGeneration;

namespace Tiering.Rules.Compilation;

/// <summary>
/// Turns bound expressions into LINQ expression trees over a <see cref="Frame"/>. Boolean sub-conditions that occur
/// more than once in a policy are evaluated at most once per decision: each gets a local tri-state
/// (0 not yet, 1 false, 2 true) filled the first time any rule needs it, which keeps short-circuit order intact.
/// The only methods the generated code calls are the engine's own helpers listed here and decimal operators.
/// </summary>
internal sealed class ExpressionCompiler
{
    private static readonly MethodInfo MissingNumberMethod = typeof(Runtime.Frame).GetMethod(nameof(Runtime.Frame.MissingNumber))!;
    private static readonly MethodInfo MissingBooleanMethod = typeof(Runtime.Frame).GetMethod(nameof(Runtime.Frame.MissingBoolean))!;
    private static readonly MethodInfo MissingTextMethod = typeof(Runtime.Frame).GetMethod(nameof(Runtime.Frame.MissingText))!;
    private static readonly MethodInfo MissingOrdinalMethod = typeof(Runtime.Frame).GetMethod(nameof(Runtime.Frame.MissingOrdinal))!;
    private static readonly MethodInfo StringEquals = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo DecimalMin = typeof(ValueFunctions).GetMethod(nameof(ValueFunctions.Min))!;
    private static readonly MethodInfo DecimalMax = typeof(ValueFunctions).GetMethod(nameof(ValueFunctions.Max))!;
    private static readonly MethodInfo DecimalAbs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(decimal)])!;
    private static readonly MethodInfo DecimalRound = typeof(ValueFunctions).GetMethod(nameof(ValueFunctions.Round))!;

    private readonly Dictionary<BoundExpr, ParameterExpression> _shared = [];
    private readonly List<ParameterExpression> _locals = [];

    private readonly FrameLayout? _layout;
    private readonly Func<FieldDefinition, Expression>? _readField;
    private readonly Func<FieldDefinition, Expression>? _readWhole;

    /// <summary>A compiler whose field reads come from a <see cref="Runtime.Frame"/>'s slots.</summary>
    public ExpressionCompiler(ParameterExpression frame, FrameLayout layout)
        : this(frame, layout, null, null)
    {
    }

    /// <summary>
    /// A compiler whose field reads are the caller's expressions (locals of a typed kernel): <paramref name="readField"/>
    /// for every field and <paramref name="readWhole"/> for the long twin of an integer field. There is no frame, so
    /// the policy must have no optional fields.
    /// </summary>
    public ExpressionCompiler(Func<FieldDefinition, Expression> readField, Func<FieldDefinition, Expression> readWhole)
        : this(null, null, readField, readWhole)
    {
    }

    private ExpressionCompiler(ParameterExpression? frame, FrameLayout? layout, Func<FieldDefinition, Expression>? readField, Func<FieldDefinition, Expression>? readWhole)
    {
        Frame = frame;
        _layout = layout;
        _readField = readField;
        _readWhole = readWhole;
        Numbers = Variable(typeof(decimal[]), "numbers");
        Wholes = Variable(typeof(long[]), "wholes");
        Booleans = Variable(typeof(bool[]), "booleans");
        Texts = Variable(typeof(string[]), "texts");
        Ordinals = Variable(typeof(int[]), "ordinals");
        _locals.AddRange([Numbers, Wholes, Booleans, Texts, Ordinals]);
    }

    public ParameterExpression? Frame { get; }

    private ParameterExpression Numbers { get; }

    private ParameterExpression Wholes { get; }

    private ParameterExpression Booleans { get; }

    private ParameterExpression Texts { get; }

    private ParameterExpression Ordinals { get; }


    /// <summary>Marks every boolean sub-expression that occurs at least twice across <paramref name="conditions"/> as shared.</summary>
    public void ShareRepeatedConditions(IEnumerable<BoundExpr> conditions)
    {
        var counts = new Dictionary<BoundExpr, int>();
        foreach (var condition in conditions)
        {
            Count(condition, counts);
        }

        foreach (var (expr, count) in counts)
        {
            if (count > 1 && expr is not (BoundLiteral or BoundField))
            {
                var state = Variable(typeof(int), $"shared{_shared.Count}");
                _shared.Add(expr, state);
                _locals.Add(state);
            }
        }

        static void Count(BoundExpr e, Dictionary<BoundExpr, int> counts)
        {
            if (e.Type.Kind == ValueKind.Boolean)
            {
                counts[e] = counts.GetValueOrDefault(e) + 1;
            }

            foreach (var child in BoundExprWalker.Children(e))
            {
                Count(child, counts);
            }
        }
    }

    public int SharedCount => _shared.Count;

    private readonly Dictionary<FieldDefinition, ParameterExpression> _approx = [];

    /// <summary>
    /// Gives every decimal field compared with constants at least twice a <see cref="double"/>, converted once per
    /// decision, through which those comparisons are filtered (<see cref="DecimalFilter"/>); one comparison does not
    /// repay the conversion, so lone comparisons stay plain. Comparisons are counted in <paramref name="conditions"/>,
    /// plus one for each time a field appears in <paramref name="alsoCompared"/> (a band table's field twice, a typed
    /// kernel's domain checks once per bound). Over a frame, <see cref="Block"/> declares and converts the doubles; a
    /// typed kernel declares <see cref="ApproxLocals"/> and assigns each as it reads the field.
    /// </summary>
    public void FilterDecimalComparisons(IEnumerable<BoundExpr> conditions, IEnumerable<FieldDefinition> alsoCompared)
    {
        var counts = new Dictionary<FieldDefinition, int>();
        foreach (var condition in conditions)
        {
            Count(condition, counts);
        }

        foreach (var field in alsoCompared)
        {
            counts[field] = counts.GetValueOrDefault(field) + 1;
        }

        foreach (var (field, count) in counts)
        {
            if (count > 1 && field.Type == FieldType.Decimal && !field.IsDecisionRef && !(field.Optional && field.WhenMissing is null))
            {
                var approx = Variable(typeof(double), field.Name + "Approx");
                _approx.Add(field, approx);
                if (Frame is not null)
                {
                    _locals.Add(approx);
                }
            }
        }

        static void Count(BoundExpr e, Dictionary<FieldDefinition, int> counts)
        {
            switch (e)
            {
                case BoundCompare c when FieldAndConstant(c) is ({ } field, { Type.Kind: ValueKind.Number }, _):
                    counts[field] = counts.GetValueOrDefault(field) + 1;
                    break;
                case BoundInterval { Subject: BoundField { Field: var subject } } i:
                    counts[subject] = counts.GetValueOrDefault(subject) + (i.Low is BoundLiteral ? 1 : 0) + (i.High is BoundLiteral ? 1 : 0);
                    break;
            }

            foreach (var child in BoundExprWalker.Children(e))
            {
                Count(child, counts);
            }
        }
    }

    /// <summary>The doubles of the filtered fields, for a typed kernel to declare.</summary>
    public IReadOnlyCollection<ParameterExpression> ApproxLocals => _approx.Values;

    /// <summary>The double of a filtered decimal field (<see cref="FilterDecimalComparisons"/>), or null.</summary>
    public ParameterExpression? ApproxOf(FieldDefinition field) => _approx.GetValueOrDefault(field);

    /// <summary>
    /// Wraps <paramref name="body"/> in a block that declares the locals and, over a frame, loads the frame's arrays once
    /// and converts the filtered decimal fields.
    /// </summary>
    public Expression Block(Expression body)
    {
        var statements = Frame is null ? [] : new List<Expression>
        {
            Assign(Numbers, FieldOf<Frame>(Frame, nameof(Runtime.Frame.Numbers))),
            Assign(Wholes, FieldOf<Frame>(Frame, nameof(Runtime.Frame.Wholes))),
            Assign(Booleans, FieldOf<Frame>(Frame, nameof(Runtime.Frame.Booleans))),
            Assign(Texts, FieldOf<Frame>(Frame, nameof(Runtime.Frame.Texts))),
            Assign(Ordinals, FieldOf<Frame>(Frame, nameof(Runtime.Frame.Ordinals))),
        };
        statements.AddRange(_shared.Values.Select(v => (Expression)Assign(v, Constant(0))));
        if (Frame is not null)
        {
            statements.AddRange(_approx.Select(a => (Expression)Assign(a.Value, DecimalFilter.Approximate(ReadField(a.Key)))));
        }

        statements.Add(body);
        return Expression.Block(body.Type, _locals, statements);
    }

    /// <summary>An expression of any type as a <see cref="RuntimeValue"/> (computed outputs, derived values).</summary>
    public Expression CompileValue(BoundExpr e)
    {
        var (method, type) = e.Type.Kind switch
        {
            ValueKind.Number or ValueKind.Date or ValueKind.DateTime => (nameof(RuntimeValue.FromNumber), typeof(decimal)),
            ValueKind.Boolean => (nameof(RuntimeValue.FromBoolean), typeof(bool)),
            ValueKind.Text => (nameof(RuntimeValue.FromText), typeof(string)),
            _ => (nameof(RuntimeValue.FromOrdinal), typeof(int)),
        };
        return Call(typeof(RuntimeValue).GetMethod(method, [type])!, Compile(e));
    }

    public Expression Compile(BoundExpr e)
    {
        if (_shared.TryGetValue(e, out var state))
        {
            // (state == 0 ? (state = e ? 2 : 1) : state) == 2
            var evaluate = Assign(state, Condition(CompileCore(e), Constant(2), Constant(1)));
            return Equal(Condition(Equal(state, Constant(0)), evaluate, state), Constant(2));
        }

        return CompileCore(e);
    }

    private Expression CompileCore(BoundExpr e) => e switch
    {
        BoundLiteral l => Literal(l),
        BoundField f => ReadField(f.Field),
        BoundIsMissing m => IsMissing(m.Field.Index),
        BoundNot n => Not(Compile(n.Operand)),
        BoundNegate n => Negate(Compile(n.Operand)),
        BoundLogical l => l.Op == LogicalOp.And ? AndAlso(Compile(l.Left), Compile(l.Right)) : OrElse(Compile(l.Left), Compile(l.Right)),
        BoundCompare c => CompileWholeCompare(c) ?? CompileFilteredCompare(c) ?? CompileCompare(c.Op, Compile(c.Left), Compile(c.Right), c.OperandKind),
        BoundArithmetic a => a.Op switch
        {
            ArithmeticOp.Add => Add(Compile(a.Left), Compile(a.Right)),
            ArithmeticOp.Subtract => Subtract(Compile(a.Left), Compile(a.Right)),
            ArithmeticOp.Multiply => Multiply(Compile(a.Left), Compile(a.Right)),
            _ => Divide(Compile(a.Left), Compile(a.Right)),
        },
        BoundInterval i => CompileInterval(i),
        BoundSet s => CompileSet(s),
        BoundCall c => CompileCall(c),
        _ => throw new InvalidOperationException($"cannot compile {e.GetType().Name}"),
    };

    private static ConstantExpression Literal(BoundLiteral l) => l.Type.Kind switch
    {
        ValueKind.Number or ValueKind.Date or ValueKind.DateTime => Constant(l.Value.Number),
        ValueKind.Boolean => Constant(l.Value.Boolean),
        ValueKind.Text => Constant(l.Value.Text, typeof(string)),
        _ => Constant(l.Value.Ordinal),
    };

    public Expression ReadField(FieldDefinition field)
    {
        if (_readField is not null)
        {
            return _readField(field);
        }

        var (array, missingMethod) = FrameLayout.StorageOf(field.Type) switch
        {
            StorageKind.Number => (Numbers, MissingNumberMethod),
            StorageKind.Boolean => (Booleans, MissingBooleanMethod),
            StorageKind.Text => (Texts, MissingTextMethod),
            _ => (Ordinals, MissingOrdinalMethod),
        };
        Expression read = ArrayIndex(array, Constant(_layout!.SlotOf(field)));
        if (field.Optional && field.WhenMissing is null)
        {
            read = Condition(IsMissing(field.Index), Call(missingMethod, Frame!, Constant(field.Index)), read);
        }

        return read;
    }

    private static readonly MethodInfo MissingWholeMethod = typeof(Runtime.Frame).GetMethod(nameof(Runtime.Frame.MissingWhole))!;

    /// <summary>
    /// An integer field compared with a whole constant strictly inside the long range, as a comparison of longs
    /// (the field's <see cref="Runtime.Frame.Wholes"/> twin); null for any other comparison.
    /// </summary>
    private Expression? CompileWholeCompare(BoundCompare c)
    {
        var (field, constant, op) = FieldAndConstant(c);
        if (field is null || constant is null || WholeConstant(field, constant) is not { } whole)
        {
            return null;
        }

        return CompileCompare(op, ReadWhole(field), Constant(whole), ValueKind.Number);
    }

    /// <summary>A filtered decimal field compared with a number constant, through its double; null for anything else.</summary>
    private Expression? CompileFilteredCompare(BoundCompare c)
    {
        var (field, constant, op) = FieldAndConstant(c);
        if (field is null || constant is not { Type.Kind: ValueKind.Number } || ApproxOf(field) is not { } approx)
        {
            return null;
        }

        return DecimalFilter.Compare(op, ReadField(field), approx, constant.Value.Number);
    }

    /// <summary>A comparison of a field with a constant as <c>field op constant</c> (mirrored when written the other way).</summary>
    private static (FieldDefinition? Field, BoundLiteral? Constant, CompareOp Op) FieldAndConstant(BoundCompare c) => (c.Left, c.Right) switch
    {
        (BoundField f, BoundLiteral l) => (f.Field, l, c.Op),
        (BoundLiteral l, BoundField f) => (f.Field, l, Mirror(c.Op)),
        _ => (null, null, c.Op),
    };

    private static long? WholeConstant(FieldDefinition field, BoundLiteral literal)
    {
        if (field.Type != FieldType.Integer || field.IsDecisionRef || literal.Type.Kind != ValueKind.Number)
        {
            return null;
        }

        var n = literal.Value.Number;
        return n == decimal.Truncate(n) && n > long.MinValue && n < long.MaxValue ? (long)n : null;
    }

    private static CompareOp Mirror(CompareOp op) => op switch
    {
        CompareOp.Less => CompareOp.Greater,
        CompareOp.LessEqual => CompareOp.GreaterEqual,
        CompareOp.Greater => CompareOp.Less,
        CompareOp.GreaterEqual => CompareOp.LessEqual,
        _ => op,
    };

    private Expression ReadWhole(FieldDefinition field)
    {
        if (_readWhole is not null)
        {
            return _readWhole(field);
        }

        Expression read = ArrayIndex(Wholes, Constant(_layout!.SlotOf(field)));
        if (field.Optional && field.WhenMissing is null)
        {
            read = Condition(IsMissing(field.Index), Call(MissingWholeMethod, Frame!, Constant(field.Index)), read);
        }

        return read;
    }

    private static readonly MethodInfo IsMissingMethod = typeof(Runtime.Frame).GetMethod(nameof(Runtime.Frame.IsMissing))!;

    private MethodCallExpression IsMissing(int field) =>
        Call(Frame ?? throw new InvalidOperationException("a typed kernel has no optional fields"), IsMissingMethod, Constant(field));

    private static Expression CompileCompare(CompareOp op, Expression left, Expression right, ValueKind kind)
    {
        if (kind == ValueKind.Text)
        {
            var equal = Call(StringEquals, left, right);
            return op == CompareOp.Equal ? equal : Not(equal);
        }

        return op switch
        {
            CompareOp.Equal => Equal(left, right),
            CompareOp.NotEqual => NotEqual(left, right),
            CompareOp.Less => LessThan(left, right),
            CompareOp.LessEqual => LessThanOrEqual(left, right),
            CompareOp.Greater => GreaterThan(left, right),
            _ => GreaterThanOrEqual(left, right),
        };
    }

    private Expression CompileInterval(BoundInterval i)
    {
        if (i.Subject is BoundField { Field: var field } && i.Low is BoundLiteral low0 && i.High is BoundLiteral high0
            && WholeConstant(field, low0) is { } wholeLow && WholeConstant(field, high0) is { } wholeHigh)
        {
            var whole = Variable(typeof(long), "whole");
            _locals.Add(whole);
            var aboveLow = i.LowInclusive ? GreaterThanOrEqual(whole, Constant(wholeLow)) : GreaterThan(whole, Constant(wholeLow));
            var belowHigh = i.HighInclusive ? LessThanOrEqual(whole, Constant(wholeHigh)) : LessThan(whole, Constant(wholeHigh));
            Expression inside = Expression.Block(Assign(whole, ReadWhole(field)), AndAlso(aboveLow, belowHigh));
            return i.Negated ? Not(inside) : inside;
        }

        var subject = Variable(typeof(decimal), "subject");
        _locals.Add(subject);
        var approx = i.Subject is BoundField { Field: var filtered } ? ApproxOf(filtered) : null;
        var low = Edge(i.LowInclusive ? CompareOp.GreaterEqual : CompareOp.Greater, i.Low);
        var high = Edge(i.HighInclusive ? CompareOp.LessEqual : CompareOp.Less, i.High);
        Expression test = Expression.Block(Assign(subject, Compile(i.Subject)), AndAlso(low, high));
        return i.Negated ? Not(test) : test;

        Expression Edge(CompareOp op, BoundExpr edge) => approx is not null && edge is BoundLiteral { Type.Kind: ValueKind.Number } constant
            ? DecimalFilter.Compare(op, subject, approx, constant.Value.Number)
            : CompileCompare(op, subject, Compile(edge), ValueKind.Number);
    }

    private Expression CompileSet(BoundSet s)
    {
        var kind = s.Subject.Type.Kind;
        var subjectType = kind switch
        {
            ValueKind.Boolean => typeof(bool),
            ValueKind.Text => typeof(string),
            _ => typeof(int),
        };
        var subject = Variable(subjectType, "member");
        _locals.Add(subject);
        Expression? test = null;
        foreach (var value in s.Values)
        {
            Expression one = kind switch
            {
                ValueKind.Boolean => Equal(subject, Constant(value.Boolean)),
                ValueKind.Text => Call(StringEquals, subject, Constant(value.Text, typeof(string))),
                _ => Equal(subject, Constant(value.Ordinal)),
            };
            test = test is null ? one : OrElse(test, one);
        }

        Expression result = Expression.Block(Assign(subject, Compile(s.Subject)), test ?? Constant(false));
        return s.Negated ? Not(result) : result;
    }

    private Expression CompileCall(BoundCall c)
    {
        switch (c.Function)
        {
            case FunctionKind.Abs:
                return Call(DecimalAbs, Compile(c.Arguments[0]));
            case FunctionKind.Round:
                var digits = c.Arguments.Length > 1 ? (int)((BoundLiteral)c.Arguments[1]).Value.Number : 0;
                return Call(DecimalRound, Compile(c.Arguments[0]), Constant(digits));
            case FunctionKind.Min or FunctionKind.Max:
                var method = c.Function == FunctionKind.Min ? DecimalMin : DecimalMax;
                var result = Compile(c.Arguments[0]);
                for (var i = 1; i < c.Arguments.Length; i++)
                {
                    result = Call(method, result, Compile(c.Arguments[i]));
                }

                return result;
            default:
                var name = c.Function switch
                {
                    FunctionKind.DaysBetween => nameof(ValueFunctions.DaysBetween),
                    FunctionKind.MonthsBetween => nameof(ValueFunctions.MonthsBetween),
                    FunctionKind.AddDays => nameof(ValueFunctions.AddDays),
                    FunctionKind.AddMonths => nameof(ValueFunctions.AddMonths),
                    FunctionKind.Year => nameof(ValueFunctions.Year),
                    FunctionKind.Month => nameof(ValueFunctions.Month),
                    FunctionKind.DateOf => nameof(ValueFunctions.DateOf),
                    FunctionKind.Instant => nameof(ValueFunctions.Instant),
                    FunctionKind.AddDaysToDateTime => nameof(ValueFunctions.AddDaysToDateTime),
                    FunctionKind.AddMonthsToDateTime => nameof(ValueFunctions.AddMonthsToDateTime),
                    FunctionKind.DaysBetweenInstants => nameof(ValueFunctions.DaysBetweenInstants),
                    FunctionKind.HoursBetween => nameof(ValueFunctions.HoursBetween),
                    FunctionKind.MonthsBetweenDateTimes => nameof(ValueFunctions.MonthsBetweenDateTimes),
                    _ => nameof(ValueFunctions.DayOf),
                };
                return Call(typeof(ValueFunctions).GetMethod(name)!, c.Arguments.Select(Compile));
        }
    }
}
