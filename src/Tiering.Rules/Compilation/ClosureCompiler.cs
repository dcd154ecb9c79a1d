using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Compilation;

/// <summary>
/// The first-tier backend: turns bound expressions into nested closures. Building them costs microseconds (no code
/// generation), so loading and reloading stay fast and the first decision is immediate; the expression-tree backend
/// (<see cref="ExpressionCompiler"/>) replaces them once a policy is used enough. Both must give identical results.
/// </summary>
internal sealed class ClosureCompiler(FrameLayout layout)
{
    public Func<Frame, bool> Bool(BoundExpr e)
    {
        switch (e)
        {
            case BoundLiteral l:
                var constant = l.Value.Boolean;
                return _ => constant;
            case BoundField f:
                return ReadBoolean(f.Field);
            case BoundIsMissing m:
                var index = m.Field.Index;
                return frame => frame.IsMissing(index);
            case BoundNot n:
                var operand = Bool(n.Operand);
                return frame => !operand(frame);
            case BoundLogical l:
                return Logical(l);
            case BoundCompare c:
                return Compare(c);
            case BoundInterval i:
                return Interval(i);
            case BoundSet s:
                return Set(s);
            default:
                throw new InvalidOperationException($"not a condition: {e.GetType().Name}");
        }
    }

    /// <summary>A value of any type, as a <see cref="RuntimeValue"/> (computed outputs, derived values).</summary>
    public Func<Frame, RuntimeValue> Value(BoundExpr e)
    {
        switch (e.Type.Kind)
        {
            case ValueKind.Number or ValueKind.Date or ValueKind.DateTime:
                {
                    var number = Number(e);
                    return frame => RuntimeValue.FromNumber(number(frame));
                }

            case ValueKind.Boolean:
                {
                    var flag = Bool(e);
                    return frame => RuntimeValue.FromBoolean(flag(frame));
                }

            case ValueKind.Text:
                {
                    var text = Text(e);
                    return frame => RuntimeValue.FromText(text(frame));
                }

            default:
                {
                    var ordinal = Ordinal(e);
                    return frame => RuntimeValue.FromOrdinal(ordinal(frame));
                }
        }
    }

    public Func<Frame, decimal> Number(BoundExpr e)
    {
        switch (e)
        {
            case BoundLiteral l:
                var constant = l.Value.Number;
                return _ => constant;
            case BoundField f:
                return ReadNumber(f.Field);
            case BoundNegate n:
                var operand = Number(n.Operand);
                return frame => -operand(frame);
            case BoundArithmetic a:
                return Arithmetic(a);
            case BoundCall c:
                return Call(c);
            default:
                throw new InvalidOperationException($"not a number: {e.GetType().Name}");
        }
    }

    // One method per kind of node (the switches above only dispatch): each builds its own closures, and a first load
    // compiles only the kinds its policy uses.
    private Func<Frame, bool> Logical(BoundLogical l)
    {
        var left = Bool(l.Left);
        var right = Bool(l.Right);
        return l.Op == LogicalOp.And ? frame => left(frame) && right(frame) : frame => left(frame) || right(frame);
    }

    private Func<Frame, bool> Interval(BoundInterval i)
    {
        var subject = Number(i.Subject);
        var low = Number(i.Low);
        var high = Number(i.High);
        var (lowIn, highIn, negated) = (i.LowInclusive, i.HighInclusive, i.Negated);
        return frame =>
        {
            var v = subject(frame);
            var inside = (lowIn ? v >= low(frame) : v > low(frame)) && (highIn ? v <= high(frame) : v < high(frame));
            return inside != negated;
        };
    }

    private Func<Frame, decimal> ReadNumber(FieldDefinition field)
    {
        var (slot, index) = (layout.SlotOf(field), field.Index);
        if (field.Optional && field.WhenMissing is null)
        {
            return frame => frame.IsMissing(index) ? Frame.MissingNumber(frame, index) : frame.Numbers[slot];
        }

        return frame => frame.Numbers[slot];
    }

    private Func<Frame, decimal> Arithmetic(BoundArithmetic a)
    {
        var left = Number(a.Left);
        var right = Number(a.Right);
        return a.Op switch
        {
            ArithmeticOp.Add => frame => left(frame) + right(frame),
            ArithmeticOp.Subtract => frame => left(frame) - right(frame),
            ArithmeticOp.Multiply => frame => left(frame) * right(frame),
            _ => frame => left(frame) / right(frame),
        };
    }

    private Func<Frame, decimal> Call(BoundCall c)
    {
        var args = c.Arguments.Select(Number).ToArray();
        switch (c.Function)
        {
            case FunctionKind.Abs:
                return frame => Math.Abs(args[0](frame));
            case FunctionKind.Round:
                var digits = c.Arguments.Length > 1 ? (int)((BoundLiteral)c.Arguments[1]).Value.Number : 0;
                return frame => ValueFunctions.Round(args[0](frame), digits);
            case FunctionKind.Min:
                return Fold(args, ValueFunctions.Min);
            case FunctionKind.Max:
                return Fold(args, ValueFunctions.Max);
            default:
                return DateCall(c.Function, args);
        }
    }

    /// <summary>The date functions, through the same <see cref="ValueFunctions"/> the expression-tree backend calls.</summary>
    private static Func<Frame, decimal> DateCall(FunctionKind function, Func<Frame, decimal>[] args)
    {
        var (a, b) = (args[0], args.Length > 1 ? args[1] : args[0]);
        return function switch
        {
            FunctionKind.DaysBetween => frame => ValueFunctions.DaysBetween(a(frame), b(frame)),
            FunctionKind.MonthsBetween => frame => ValueFunctions.MonthsBetween(a(frame), b(frame)),
            FunctionKind.AddDays => frame => ValueFunctions.AddDays(a(frame), b(frame)),
            FunctionKind.AddMonths => frame => ValueFunctions.AddMonths(a(frame), b(frame)),
            FunctionKind.Year => frame => ValueFunctions.Year(a(frame)),
            FunctionKind.Month => frame => ValueFunctions.Month(a(frame)),
            FunctionKind.DateOf => frame => ValueFunctions.DateOf(a(frame)),
            FunctionKind.Instant => frame => ValueFunctions.Instant(a(frame)),
            FunctionKind.AddDaysToDateTime => frame => ValueFunctions.AddDaysToDateTime(a(frame), b(frame)),
            FunctionKind.AddMonthsToDateTime => frame => ValueFunctions.AddMonthsToDateTime(a(frame), b(frame)),
            FunctionKind.DaysBetweenInstants => frame => ValueFunctions.DaysBetweenInstants(a(frame), b(frame)),
            FunctionKind.HoursBetween => frame => ValueFunctions.HoursBetween(a(frame), b(frame)),
            FunctionKind.MonthsBetweenDateTimes => frame => ValueFunctions.MonthsBetweenDateTimes(a(frame), b(frame)),
            _ => frame => ValueFunctions.DayOf(a(frame)),
        };
    }

    /// <summary>min/max over any number of arguments, left to right (as the expression-tree backend evaluates them).</summary>
    private static Func<Frame, decimal> Fold(Func<Frame, decimal>[] args, Func<decimal, decimal, decimal> pick) => frame =>
    {
        var result = args[0](frame);
        for (var i = 1; i < args.Length; i++)
        {
            result = pick(result, args[i](frame));
        }

        return result;
    };

    private Func<Frame, bool> ReadBoolean(FieldDefinition field)
    {
        var (slot, index) = (layout.SlotOf(field), field.Index);
        if (field.Optional && field.WhenMissing is null)
        {
            return frame => frame.IsMissing(index) ? Frame.MissingBoolean(frame, index) : frame.Booleans[slot];
        }

        return frame => frame.Booleans[slot];
    }

    private Func<Frame, string> Text(BoundExpr e)
    {
        if (e is BoundLiteral l)
        {
            var constant = l.Value.Text ?? string.Empty;
            return _ => constant;
        }

        var field = ((BoundField)e).Field;
        var (slot, index) = (layout.SlotOf(field), field.Index);
        if (field.Optional && field.WhenMissing is null)
        {
            return frame => frame.IsMissing(index) ? Frame.MissingText(frame, index) : frame.Texts[slot]!;
        }

        return frame => frame.Texts[slot]!;
    }

    private Func<Frame, int> Ordinal(BoundExpr e)
    {
        if (e is BoundLiteral l)
        {
            var constant = l.Value.Ordinal;
            return _ => constant;
        }

        var field = ((BoundField)e).Field;
        var (slot, index) = (layout.SlotOf(field), field.Index);
        if (field.Optional && field.WhenMissing is null)
        {
            return frame => frame.IsMissing(index) ? Frame.MissingOrdinal(frame, index) : frame.Ordinals[slot];
        }

        return frame => frame.Ordinals[slot];
    }

    private Func<Frame, bool> Compare(BoundCompare c)
    {
        switch (c.OperandKind)
        {
            case ValueKind.Text:
                {
                    var left = Text(c.Left);
                    var right = Text(c.Right);
                    return c.Op == CompareOp.Equal
                        ? frame => string.Equals(left(frame), right(frame))
                        : frame => !string.Equals(left(frame), right(frame));
                }

            case ValueKind.Boolean:
                {
                    var left = Bool(c.Left);
                    var right = Bool(c.Right);
                    return c.Op == CompareOp.Equal ? frame => left(frame) == right(frame) : frame => left(frame) != right(frame);
                }

            case ValueKind.Ordinal:
                {
                    // Ranks compared as decimals: one non-generic Ordered (a generic one over decimal was left out of
                    // the ReadyToRun image, and a first load JIT-compiled it and its four closures).
                    var left = Ordinal(c.Left);
                    var right = Ordinal(c.Right);
                    return Ordered(frame => left(frame), frame => right(frame), c.Op);
                }

            default:
                return Ordered(Number(c.Left), Number(c.Right), c.Op);
        }
    }

    private static Func<Frame, bool> Ordered(Func<Frame, decimal> left, Func<Frame, decimal> right, CompareOp op) => op switch
    {
        CompareOp.Equal => frame => left(frame) == right(frame),
        CompareOp.NotEqual => frame => left(frame) != right(frame),
        CompareOp.Less => frame => left(frame) < right(frame),
        CompareOp.LessEqual => frame => left(frame) <= right(frame),
        CompareOp.Greater => frame => left(frame) > right(frame),
        _ => frame => left(frame) >= right(frame),
    };

    private Func<Frame, bool> Set(BoundSet s)
    {
        var negated = s.Negated;
        switch (s.Subject.Type.Kind)
        {
            case ValueKind.Boolean:
                {
                    var subject = Bool(s.Subject);
                    var values = s.Values.Select(v => v.Boolean).ToArray();
                    return frame => Array.IndexOf(values, subject(frame)) >= 0 != negated;
                }

            case ValueKind.Text:
                {
                    var subject = Text(s.Subject);
                    var values = s.Values.Select(v => v.Text!).ToArray();
                    return frame => Array.IndexOf(values, subject(frame)) >= 0 != negated;
                }

            default:
                {
                    var subject = Ordinal(s.Subject);
                    var values = s.Values.Select(v => v.Ordinal).ToArray();
                    return frame => Array.IndexOf(values, subject(frame)) >= 0 != negated;
                }
        }
    }
}
