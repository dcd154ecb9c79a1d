using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>A comparison reduced to one date field: the days on which it holds, and those on which evaluating it fails.</summary>
/// <param name="Field">The field it reads; null when it reads none (then <paramref name="Holds"/> is all or nothing).</param>
/// <param name="Holds">The day numbers on which the comparison is true (and evaluating it does not fail).</param>
/// <param name="Fails">The day numbers on which evaluating it fails (a date off the calendar): the decision is invalid there.</param>
internal sealed record ReducedComparison(FieldDefinition? Field, IntervalSet Holds, IntervalSet Fails);

/// <summary>
/// Reduces a comparison whose operands read one date field, through the date functions and arithmetic with constants,
/// to an interval of that field: <c>monthsBetween(firstRepaymentDate, 2024-06-30) &lt; 12</c> is
/// <c>firstRepaymentDate &gt;= 2023-07-01</c>. It works when the difference of the two sides is monotone in the field —
/// decided from the expression's shape (<c>addDays</c>, <c>addMonths</c>, <c>daysBetween</c>, <c>monthsBetween</c>,
/// <c>year</c>, <c>min</c>, <c>max</c>, <c>round</c>, + and − and × or ÷ by a constant), never guessed — and then finds
/// the edge by bisection over the calendar, evaluating the expression with the functions the engine runs
/// (<see cref="ValueFunctions"/>), so the edge is the engine's to the day, end-of-month rule included. The policy diff
/// uses it after putting in each side's as-of date and inlining derived values. Stateless and thread-safe.
/// </summary>
internal static class DateReduction
{
    private static readonly int First = DateOnly.MinValue.DayNumber;
    private static readonly int Last = DateOnly.MaxValue.DayNumber;

    /// <summary>The comparison as an interval of the one date field it reads, or null with the reason it cannot be.</summary>
    public static ReducedComparison? Reduce(BoundCompare compare, out string? why)
    {
        var fields = BoundExprWalker.FieldsRead(compare);
        if (compare.OperandKind is not (ValueKind.Number or ValueKind.Date))
        {
            why = null;
            return null;
        }

        if (fields.Length == 0)
        {
            why = null;
            try
            {
                var holds = Holds(compare.Op, Evaluate(compare.Left, null, 0), Evaluate(compare.Right, null, 0));
                return new ReducedComparison(null, holds ? IntervalSet.All(true) : IntervalSet.Empty(true), IntervalSet.Empty(true));
            }
            catch (Exception e) when (IsFailure(e))
            {
                why = "a comparison of constants that always fails";
                return null;
            }
        }

        var x = fields[0];
        if (fields.Length > 1 || x.Type != FieldType.Date || x.IsPseudo)
        {
            why = null;
            return null;
        }

        var direction = Combine(Direction(compare.Left, x), Negate(Direction(compare.Right, x)));
        if (direction is not { } d)
        {
            why = $"a comparison over '{x.Name}' that is not monotone in it";
            return null;
        }

        if (ValidRange(compare, x) is not var (lo, hi))
        {
            why = $"a comparison over '{x.Name}' that fails on every date";
            return null;
        }

        why = null;
        bool At(CompareOp op, int v) => Holds(op, Evaluate(compare.Left, x, v), Evaluate(compare.Right, x, v));
        IntervalSet Ordered(CompareOp op)
        {
            if (d == 0)
            {
                return At(op, lo) ? Days(lo, hi) : IntervalSet.Empty(true);
            }

            // The difference left − right grows with the field (d = 1) or shrinks (d = −1): '<' then holds on the days
            // below an edge, '>' on the days above it, and the other way round.
            var downward = (op is CompareOp.Less or CompareOp.LessEqual) == (d > 0);
            if (downward)
            {
                return At(op, lo) ? Days(lo, LastWhere(lo, hi, v => At(op, v))) : IntervalSet.Empty(true);
            }

            return At(op, hi) ? Days(FirstWhere(lo, hi, v => At(op, v)), hi) : IntervalSet.Empty(true);
        }

        var set = compare.Op switch
        {
            CompareOp.Equal => Ordered(CompareOp.LessEqual).Intersect(Ordered(CompareOp.GreaterEqual)),
            CompareOp.NotEqual => Days(lo, hi).Minus(Ordered(CompareOp.LessEqual).Intersect(Ordered(CompareOp.GreaterEqual))),
            _ => Ordered(compare.Op),
        };
        return new ReducedComparison(x, set, Days(First, Last).Minus(Days(lo, hi)));
    }

    /// <summary>
    /// The days on which evaluating a number or date expression over one date field fails, or null when that is not
    /// known (more than one field, not a date, or a shape whose failures are not an interval's complement).
    /// </summary>
    public static IntervalSet? Failing(BoundExpr expr, FieldDefinition field)
    {
        if (Direction(expr, field) is null)
        {
            return null;
        }

        return ValidRange(expr, field) is var (lo, hi) ? Days(First, Last).Minus(Days(lo, hi)) : Days(First, Last);
    }

    /// <summary>Whether evaluating the expression can fail at all: arithmetic, or a date moved off the calendar.</summary>
    public static bool CanFail(BoundExpr expr) =>
        expr is BoundArithmetic or BoundCall { Function: FunctionKind.AddDays or FunctionKind.AddMonths or FunctionKind.AddDaysToDateTime or FunctionKind.AddMonthsToDateTime or FunctionKind.MonthsBetweenDateTimes }
        || BoundExprWalker.Children(expr).Any(CanFail);

    /// <summary>
    /// How the value of <paramref name="e"/> moves as the field grows: 1 never down, −1 never up, 0 constant; null
    /// when the shape does not say (then the reduction is not attempted).
    /// </summary>
    private static int? Direction(BoundExpr e, FieldDefinition x)
    {
        if (BoundExprWalker.FieldsRead(e).Length == 0)
        {
            return 0;
        }

        switch (e)
        {
            case BoundField f:
                return f.Field.Index == x.Index ? 1 : null;
            case BoundNegate n:
                return Negate(Direction(n.Operand, x));
            case BoundArithmetic { Op: ArithmeticOp.Add } a:
                return Combine(Direction(a.Left, x), Direction(a.Right, x));
            case BoundArithmetic { Op: ArithmeticOp.Subtract } a:
                return Combine(Direction(a.Left, x), Negate(Direction(a.Right, x)));
            case BoundArithmetic { Op: ArithmeticOp.Multiply } a:
                return Scaled(a.Left, a.Right, x) ?? Scaled(a.Right, a.Left, x);
            case BoundArithmetic { Op: ArithmeticOp.Divide } a:
                return Scaled(a.Left, a.Right, x);
            case BoundCall c:
                return c.Function switch
                {
                    FunctionKind.AddDays or FunctionKind.AddMonths when Direction(c.Arguments[1], x) == 0 => Direction(c.Arguments[0], x),
                    FunctionKind.DaysBetween or FunctionKind.MonthsBetween => Combine(Negate(Direction(c.Arguments[0], x)), Direction(c.Arguments[1], x)),
                    FunctionKind.Year or FunctionKind.Round => Direction(c.Arguments[0], x),
                    FunctionKind.Min or FunctionKind.Max => c.Arguments.Aggregate((int?)0, (acc, arg) => Combine(acc, Direction(arg, x))),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The direction of <paramref name="moving"/> × (or ÷) a constant <paramref name="constant"/>.</summary>
    private static int? Scaled(BoundExpr moving, BoundExpr constant, FieldDefinition x)
    {
        if (BoundExprWalker.FieldsRead(constant).Length != 0)
        {
            return null;
        }

        try
        {
            var c = Evaluate(constant, null, 0);
            return c == 0 ? 0 : c > 0 ? Direction(moving, x) : Negate(Direction(moving, x));
        }
        catch (Exception e) when (IsFailure(e))
        {
            return null;
        }
    }

    private static int? Combine(int? a, int? b) => a is null || b is null ? null : a == 0 ? b : b == 0 || a == b ? a : null;

    private static int? Negate(int? d) => -d;

    /// <summary>
    /// The first and last day on which evaluating the expression succeeds, or null when it fails on every day. Where a
    /// monotone composition of date functions fails is below one day and above another (a date moved off the calendar),
    /// so the days it succeeds on are one interval, found by bisection from a day in the middle of the calendar.
    /// </summary>
    private static (int Lo, int Hi)? ValidRange(BoundExpr expr, FieldDefinition x)
    {
        bool Ok(int v)
        {
            try
            {
                _ = expr is BoundCompare c ? Holds(c.Op, Evaluate(c.Left, x, v), Evaluate(c.Right, x, v)) : Evaluate(expr, x, v) == 0;
                return true;
            }
            catch (Exception e) when (IsFailure(e))
            {
                return false;
            }
        }

        var anchor = First + ((Last - First) / 2);
        if (!Ok(anchor))
        {
            return null;
        }

        var lo = Ok(First) ? First : FirstWhere(First, anchor, Ok);
        var hi = Ok(Last) ? Last : LastWhere(anchor, Last, Ok);
        return (lo, hi);
    }

    /// <summary>The first day in [lo, hi] where <paramref name="holds"/> is true, given that it holds at hi and stays true once true.</summary>
    private static int FirstWhere(int lo, int hi, Func<int, bool> holds)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (holds(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The last day in [lo, hi] where <paramref name="holds"/> is true, given that it holds at lo and stays false once false.</summary>
    private static int LastWhere(int lo, int hi, Func<int, bool> holds)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (holds(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>[lo, hi] as day numbers; a bound at the calendar's end is left open, as a comparison with a literal date is.</summary>
    private static IntervalSet Days(int lo, int hi) =>
        lo > hi ? IntervalSet.Empty(true) : IntervalSet.Of(new Span1(lo == First ? null : lo, lo != First, hi == Last ? null : hi, hi != Last), true);

    private static bool Holds(CompareOp op, decimal left, decimal right) => op switch
    {
        CompareOp.Equal => left == right,
        CompareOp.NotEqual => left != right,
        CompareOp.Less => left < right,
        CompareOp.LessEqual => left <= right,
        CompareOp.Greater => left > right,
        _ => left >= right,
    };

    /// <summary>A number or date (day number) expression with the field <paramref name="x"/> at day <paramref name="day"/>; throws as the engine's evaluation would.</summary>
    private static decimal Evaluate(BoundExpr e, FieldDefinition? x, int day)
    {
        switch (e)
        {
            case BoundLiteral literal:
                return literal.Value.Number;
            case BoundField f when x is not null && f.Field.Index == x.Index:
                return day;
            case BoundNegate n:
                return -Evaluate(n.Operand, x, day);
            case BoundArithmetic a:
                var (l, r) = (Evaluate(a.Left, x, day), Evaluate(a.Right, x, day));
                return a.Op switch
                {
                    ArithmeticOp.Add => l + r,
                    ArithmeticOp.Subtract => l - r,
                    ArithmeticOp.Multiply => l * r,
                    _ => l / r,
                };
            case BoundCall c:
                var args = c.Arguments.Select((arg, i) => c.Function == FunctionKind.Round && i > 0 ? 0 : Evaluate(arg, x, day)).ToArray();
                return c.Function switch
                {
                    FunctionKind.Abs => Math.Abs(args[0]),
                    FunctionKind.Round => ValueFunctions.Round(args[0], c.Arguments.Length > 1 ? (int)((BoundLiteral)c.Arguments[1]).Value.Number : 0),
                    FunctionKind.Min => args.Min(),
                    FunctionKind.Max => args.Max(),
                    FunctionKind.DaysBetween => ValueFunctions.DaysBetween(args[0], args[1]),
                    FunctionKind.MonthsBetween => ValueFunctions.MonthsBetween(args[0], args[1]),
                    FunctionKind.AddDays => ValueFunctions.AddDays(args[0], args[1]),
                    FunctionKind.AddMonths => ValueFunctions.AddMonths(args[0], args[1]),
                    FunctionKind.Year => ValueFunctions.Year(args[0]),
                    FunctionKind.Month => ValueFunctions.Month(args[0]),
                    FunctionKind.Day => ValueFunctions.DayOf(args[0]),
                    FunctionKind.DateOf => ValueFunctions.DateOf(args[0]),
                    FunctionKind.Instant => ValueFunctions.Instant(args[0]),
                    FunctionKind.AddDaysToDateTime => ValueFunctions.AddDaysToDateTime(args[0], args[1]),
                    FunctionKind.AddMonthsToDateTime => ValueFunctions.AddMonthsToDateTime(args[0], args[1]),
                    FunctionKind.DaysBetweenInstants => ValueFunctions.DaysBetweenInstants(args[0], args[1]),
                    FunctionKind.HoursBetween => ValueFunctions.HoursBetween(args[0], args[1]),
                    FunctionKind.MonthsBetweenDateTimes => ValueFunctions.MonthsBetweenDateTimes(args[0], args[1]),
                    _ => throw new NotSupportedException($"not a date function: {c.Function}"),
                };
            default:
                throw new NotSupportedException($"not a number or date expression: {e.GetType().Name}");
        }
    }

    private static bool IsFailure(Exception e) => e is ArithmeticException or ArgumentOutOfRangeException;
}
