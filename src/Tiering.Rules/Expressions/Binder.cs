// Over 400 lines on purpose: one method per kind of expression syntax, each typing its node and reporting its own
// mistakes from the message table; the kinds share the scope and the error list, and read best side by side.
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Text;

namespace Tiering.Rules.Expressions;

/// <summary>What the binder may see: the policy's declared fields and other policies' decisions. Nothing else.</summary>
internal interface IBindingScope
{
    FieldDefinition? LookupField(string name);

    IEnumerable<string> FieldNames { get; }

    /// <summary>True for a declared field whose declaration already failed (its uses are not reported again).</summary>
    bool IsBroken(string name);

    /// <summary>
    /// Returns the pseudo-field that carries <paramref name="policyId"/>'s grade, or null with the entry of the message
    /// table that says why (and the arguments for it).
    /// </summary>
    FieldDefinition? ResolveDecision(string policyId, int offset, out DiagnosticDescriptor? error, out object?[] errorArguments);

    /// <summary>
    /// Returns the pseudo-field that carries another part of <paramref name="policyId"/>'s decision: <c>score</c>,
    /// <c>status</c>, <c>outputs</c> (<paramref name="key"/> the output's name) or <c>fired</c> (<paramref name="key"/> the
    /// rule id), typed by that policy's declaration; or null with the entry of the message table that says why.
    /// </summary>
    FieldDefinition? ResolveDecisionMember(string policyId, string member, string? key, int offset, out DiagnosticDescriptor? error, out object?[] errorArguments);
}

/// <summary>
/// Type-checks a parsed expression against a policy's fields and produces a <see cref="BoundExpr"/>.
/// Every error points at the offending token's offset. Only declared fields and the whitelisted functions
/// (<c>min max abs round isMissing decision</c>) can appear: there is no other way to reach data.
/// </summary>
internal sealed class Binder(IBindingScope scope)
{
    public const string AllowedFunctions = "min, max, abs, round, isMissing, decision, daysBetween, monthsBetween, hoursBetween, addDays, addMonths, year, month, day, date, datetime";

    // Made at the first error: most expressions bind without one, and a first load then loads no list of errors.
    private List<ExpressionError>? _errors;

    /// <summary>The errors to report, in the order found; null when there are none.</summary>
    public IReadOnlyList<ExpressionError>? Errors => _errors;

    /// <summary>
    /// True when binding failed: some error is in <see cref="Errors"/>, or a field whose declaration already failed was
    /// used (that is reported once, at the declaration, and not again here).
    /// </summary>
    public bool Failed => _errors is not null || _usedBrokenField;

    private bool _usedBrokenField;

    /// <summary>Binds a condition (must be true/false).</summary>
    public BoundExpr? BindCondition(Expr expr)
    {
        var bound = Bind(expr);
        if (bound is not null && bound.Type.Kind != ValueKind.Boolean)
        {
            return Error(expr.Offset, DiagnosticDescriptors.NotBoolean, bound.Type.Describe());
        }

        return bound;
    }

    /// <summary>Binds a points expression (must be a number).</summary>
    public BoundExpr? BindNumber(Expr expr)
    {
        var bound = Bind(expr);
        if (bound is not null && bound.Type.Kind != ValueKind.Number)
        {
            return Error(expr.Offset, DiagnosticDescriptors.NotNumeric, bound.Type.Describe());
        }

        return bound;
    }

    /// <summary>Binds a value of any type (a computed output, a derived value).</summary>
    public BoundExpr? BindValue(Expr expr) => Bind(expr);

    private BoundExpr? Error(int offset, DiagnosticDescriptor descriptor, params object?[] arguments)
    {
        (_errors ??= []).Add(new ExpressionError(offset, 1, descriptor, arguments));
        return null;
    }

    private BoundExpr? Bind(Expr expr) => expr switch
    {
        NumberExpr n => new BoundLiteral(RuntimeValue.FromNumber(n.Value), new ExprType(ValueKind.Number, IsInteger: n.Value == decimal.Truncate(n.Value))),
        StringExpr s => new BoundLiteral(RuntimeValue.FromText(s.Value), ExprType.Text),
        BoolExpr b => new BoundLiteral(RuntimeValue.FromBoolean(b.Value), ExprType.Boolean),
        DateExpr d => new BoundLiteral(RuntimeValue.FromDate(d.Value), ExprType.Date),
        DateTimeExpr t => new BoundLiteral(RuntimeValue.FromNumber(ValueFunctions.EncodeDateTime(t.Value)), ExprType.DateTime),
        NameExpr name => BindName(name),
        UnaryExpr u => BindUnary(u),
        BinaryExpr b => BindBinary(b),
        IntervalExpr i => BindInterval(i),
        SetExpr s => BindSet(s),
        CallExpr c => BindCall(c),
        _ => Unreachable(expr),
    };

    /// <summary>Apart: a throw in <see cref="Bind"/> would load the exception's type on every first load.</summary>
    [DoesNotReturn]
    private static BoundExpr Unreachable(Expr expr) => throw new UnreachableException($"the parser makes no {expr.GetType().Name}");

    private BoundExpr? BindName(NameExpr name)
    {
        var field = scope.LookupField(name.Path);
        if (field is null && scope.IsBroken(name.Path))
        {
            _usedBrokenField = true;
            return null;
        }

        if (field is null)
        {
            var hint = Suggestions.DidYouMean(name.Path, scope.FieldNames);
            return Error(name.Offset, DiagnosticDescriptors.UnknownField, name.Path, hint);
        }

        return new BoundField(field);
    }

    private BoundExpr? BindUnary(UnaryExpr u)
    {
        var operand = Bind(u.Operand);
        if (operand is null)
        {
            return null;
        }

        if (u.Op == UnaryOp.Not)
        {
            return operand.Type.Kind == ValueKind.Boolean
                ? new BoundNot(operand)
                : Error(u.Offset, DiagnosticDescriptors.UnaryOperandType, "not", "true/false", operand.Type.Describe());
        }

        if (operand.Type.Kind != ValueKind.Number)
        {
            return Error(u.Offset, DiagnosticDescriptors.UnaryOperandType, "-", "a number", operand.Type.Describe());
        }

        return operand is BoundLiteral lit
            ? new BoundLiteral(RuntimeValue.FromNumber(-lit.Value.Number), lit.Type)
            : new BoundNegate(operand);
    }

    private BoundExpr? BindBinary(BinaryExpr b)
    {
        var left = Bind(b.Left);
        var right = Bind(b.Right);
        if (left is null || right is null)
        {
            return null;
        }

        switch (b.Op)
        {
            case BinaryOp.And:
            case BinaryOp.Or:
                {
                    var word = b.Op == BinaryOp.And ? "and" : "or";
                    if (left.Type.Kind != ValueKind.Boolean)
                    {
                        return Error(b.Left.Offset, DiagnosticDescriptors.LogicalOperandType, word, "left", left.Type.Describe());
                    }

                    if (right.Type.Kind != ValueKind.Boolean)
                    {
                        return Error(b.Right.Offset, DiagnosticDescriptors.LogicalOperandType, word, "right", right.Type.Describe());
                    }

                    return new BoundLogical(b.Op == BinaryOp.And ? LogicalOp.And : LogicalOp.Or, left, right);
                }

            case BinaryOp.Add:
            case BinaryOp.Subtract:
            case BinaryOp.Multiply:
            case BinaryOp.Divide:
                if (left.Type.Kind != ValueKind.Number || right.Type.Kind != ValueKind.Number)
                {
                    var bad = left.Type.Kind != ValueKind.Number ? left : right;
                    return Error(b.Offset, DiagnosticDescriptors.ArithmeticOperandType, bad.Type.Describe());
                }

                return new BoundArithmetic(
                    b.Op switch
                    {
                        BinaryOp.Add => ArithmeticOp.Add,
                        BinaryOp.Subtract => ArithmeticOp.Subtract,
                        BinaryOp.Multiply => ArithmeticOp.Multiply,
                        _ => ArithmeticOp.Divide,
                    },
                    left,
                    right);
            default:
                return BindComparison(b, left, right);
        }
    }

    private BoundExpr? BindComparison(BinaryExpr b, BoundExpr left, BoundExpr right)
    {
        var op = b.Op switch
        {
            BinaryOp.Equal => CompareOp.Equal,
            BinaryOp.NotEqual => CompareOp.NotEqual,
            BinaryOp.Less => CompareOp.Less,
            BinaryOp.LessEqual => CompareOp.LessEqual,
            BinaryOp.Greater => CompareOp.Greater,
            _ => CompareOp.GreaterEqual,
        };
        var ordering = op is not (CompareOp.Equal or CompareOp.NotEqual);

        // Enums and grades (ordinals) have their own rules; numbers and dates compare as they are.
        if (left.Type.Kind == ValueKind.Ordinal || right.Type.Kind == ValueKind.Ordinal)
        {
            return BindOrdinalComparison(b, op, left, right);
        }

        if (left.Type.Kind != right.Type.Kind || ordering && left.Type.Kind is ValueKind.Boolean or ValueKind.Text)
        {
            return ComparisonError(b, op, left, right);
        }

        if (left.Type.Kind == ValueKind.DateTime)
        {
            // Date-times compare as instants: 08:00+08:00 is 00:00Z, whatever offsets they were written at.
            left = new BoundCall(FunctionKind.Instant, [left]);
            right = new BoundCall(FunctionKind.Instant, [right]);
        }

        return new BoundCompare(op, left, right);
    }

    private BoundExpr? BindOrdinalComparison(BinaryExpr b, CompareOp op, BoundExpr left, BoundExpr right)
    {
        // An enum or grade compared with a text literal: the literal must be one of its values.
        if (left.Type.Kind == ValueKind.Ordinal && right is BoundLiteral { Type.Kind: ValueKind.Text } rightText)
        {
            if (ToOrdinal(rightText, left.Type.Domain!, b.Right.Offset) is not { } converted)
            {
                return null;
            }

            right = converted;
        }
        else if (right.Type.Kind == ValueKind.Ordinal && left is BoundLiteral { Type.Kind: ValueKind.Text } leftText)
        {
            if (ToOrdinal(leftText, right.Type.Domain!, b.Left.Offset) is not { } converted)
            {
                return null;
            }

            left = converted;
        }

        var ordering = op is not (CompareOp.Equal or CompareOp.NotEqual);
        if (left.Type.Kind != right.Type.Kind
            || !left.Type.Domain!.SameValuesAs(right.Type.Domain!)
            || ordering && !left.Type.Domain.Ordered)
        {
            return ComparisonError(b, op, left, right);
        }

        return new BoundCompare(op, left, right);
    }

    /// <summary>Why two operands cannot be compared with <paramref name="op"/>.</summary>
    private BoundExpr? ComparisonError(BinaryExpr b, CompareOp op, BoundExpr left, BoundExpr right)
    {
        if (left.Type.Kind != right.Type.Kind
            || (left.Type.Kind == ValueKind.Ordinal && !left.Type.Domain!.SameValuesAs(right.Type.Domain!)))
        {
            return Error(b.Offset, DiagnosticDescriptors.CannotCompare, left.Type.Describe(), right.Type.Describe());
        }

        return left.Type.Kind == ValueKind.Ordinal
            ? Error(b.Offset, DiagnosticDescriptors.CannotOrderValues, OpText(op), left.Type.Domain!.Name)
            : Error(b.Offset, DiagnosticDescriptors.CannotOrder, OpText(op), left.Type.Describe());
    }

    private BoundExpr? ToOrdinal(BoundLiteral text, EnumDomain domain, int offset)
    {
        var index = domain.IndexOf(text.Value.Text!);
        if (index < 0)
        {
            var hint = Suggestions.DidYouMean(text.Value.Text!, domain.Values);
            return Error(offset, DiagnosticDescriptors.UnknownEnumValue, text.Value.Text, domain.Name, hint, string.Join(", ", domain.Values));
        }

        return new BoundLiteral(RuntimeValue.FromOrdinal(index), new ExprType(ValueKind.Ordinal, domain));
    }

    private BoundExpr? BindInterval(IntervalExpr i)
    {
        var subject = Bind(i.Subject);
        var low = Bind(i.Low);
        var high = Bind(i.High);
        if (subject is null || low is null || high is null)
        {
            return null;
        }

        if (subject.Type.Kind is not (ValueKind.Number or ValueKind.Date or ValueKind.DateTime))
        {
            return Error(i.Subject.Offset, DiagnosticDescriptors.RangeSubjectType, subject.Type.Describe());
        }

        if (low.Type.Kind != subject.Type.Kind)
        {
            return BoundMismatch(i.Low, subject, low);
        }

        if (high.Type.Kind != subject.Type.Kind)
        {
            return BoundMismatch(i.High, subject, high);
        }

        var dateTimes = subject.Type.Kind == ValueKind.DateTime;
        if (low is BoundLiteral lo && high is BoundLiteral hi
            && (dateTimes ? ValueFunctions.Instant(lo.Value.Number) > ValueFunctions.Instant(hi.Value.Number) : lo.Value.Number > hi.Value.Number))
        {
            return Error(i.Low.Offset, DiagnosticDescriptors.RangeBoundsReversed);
        }

        if (dateTimes)
        {
            // Date-times are ranged as instants, as they compare: [08:00+08:00, …] starts at 00:00Z.
            subject = new BoundCall(FunctionKind.Instant, [subject]);
            low = new BoundCall(FunctionKind.Instant, [low]);
            high = new BoundCall(FunctionKind.Instant, [high]);
        }

        return new BoundInterval(subject, low, i.LowInclusive, high, i.HighInclusive, i.Negated);
    }

    /// <summary>A bound of another type than the value tested; a date against a date-time says how to mix them.</summary>
    private BoundExpr? BoundMismatch(Expr source, BoundExpr subject, BoundExpr bound) =>
        Error(source.Offset, DiagnosticDescriptors.RangeBoundType, subject.Type.Describe(), bound.Type.Describe(), IsDateMix(subject.Type.Kind, bound.Type.Kind) ? DateMixHint : string.Empty);

    private BoundExpr? BindSet(SetExpr s)
    {
        var subject = Bind(s.Subject);
        if (subject is null)
        {
            return null;
        }

        if (subject.Type.Kind is ValueKind.Number or ValueKind.Date or ValueKind.DateTime)
        {
            return Error(s.Offset, DiagnosticDescriptors.SetOfNumbers);
        }

        var values = new ScratchList<RuntimeValue>();
        foreach (var item in s.Items)
        {
            var bound = Bind(item);
            if (bound is null)
            {
                return null;
            }

            if (bound is not BoundLiteral literal)
            {
                return Error(item.Offset, DiagnosticDescriptors.SetValueNotLiteral);
            }

            if (subject.Type.Kind == ValueKind.Ordinal && literal.Type.Kind == ValueKind.Text)
            {
                var ordinal = ToOrdinal(literal, subject.Type.Domain!, item.Offset);
                if (ordinal is null)
                {
                    return null;
                }

                literal = (BoundLiteral)ordinal;
            }

            if (literal.Type.Kind != subject.Type.Kind)
            {
                return Error(item.Offset, DiagnosticDescriptors.SetValueType, literal.Type.Describe(), subject.Type.Describe());
            }

            values.Add(literal.Value);
        }

        return new BoundSet(subject, values.ToArray(), s.Negated);
    }

    private BoundExpr? BindCall(CallExpr c)
    {
        if (c.Name == "decision")
        {
            return BindDecision(c);
        }

        if (c.Member is not null)
        {
            return Error(c.MemberOffset, DiagnosticDescriptors.MemberAfterCall, c.Member, c.Name);
        }

        if (c.Name == "isMissing")
        {
            if (c.Arguments.Length != 1 || c.Arguments[0] is not NameExpr name)
            {
                return Error(c.Offset, DiagnosticDescriptors.IsMissingUsage);
            }

            if (Bind(name) is not BoundField field)
            {
                return null;
            }

            if (!field.Field.Optional || field.Field.WhenMissing is not null)
            {
                return Error(name.Offset, DiagnosticDescriptors.NeverMissing, name.Path, field.Field.Optional ? "it has whenMissing" : "it is required");
            }

            return new BoundIsMissing(field.Field);
        }

        FunctionKind kind;
        switch (c.Name)
        {
            case "min": kind = FunctionKind.Min; break;
            case "max": kind = FunctionKind.Max; break;
            case "abs": kind = FunctionKind.Abs; break;
            case "round": kind = FunctionKind.Round; break;
            case "date" or "datetime" when c.Arguments is [StringExpr] || c.Name == "datetime":
                return BindDateLiteralCall(c);
            case "daysBetween" or "monthsBetween" or "hoursBetween" or "addDays" or "addMonths" or "year" or "month" or "day" or "date":
                return BindDateCall(c);
            default:
                var hint = Suggestions.DidYouMean(c.Name, ["min", "max", "abs", "round", "isMissing", "decision", "daysBetween", "monthsBetween", "hoursBetween", "addDays", "addMonths", "year", "month", "day", "date", "datetime"]);
                return Error(c.Offset, DiagnosticDescriptors.UnknownFunction, c.Name, hint, AllowedFunctions);
        }

        var (minArgs, maxArgs) = kind switch
        {
            FunctionKind.Min or FunctionKind.Max => (2, 16),
            FunctionKind.Abs => (1, 1),
            _ => (1, 2),
        };
        if (c.Arguments.Length < minArgs || c.Arguments.Length > maxArgs)
        {
            var expected = minArgs == maxArgs ? $"{minArgs}" : maxArgs == 16 ? $"at least {minArgs}" : $"{minArgs} or {maxArgs}";
            return Error(c.Offset, DiagnosticDescriptors.ArgumentCount, c.Name, expected, c.Arguments.Length);
        }

        var arguments = new BoundExpr[c.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = Bind(c.Arguments[i]);
            if (argument is null)
            {
                return null;
            }

            if (argument.Type.Kind != ValueKind.Number)
            {
                return Error(c.Arguments[i].Offset, DiagnosticDescriptors.ArgumentType, c.Name, i + 1, argument.Type.Describe());
            }

            if (kind == FunctionKind.Round && i == 1
                && (argument is not BoundLiteral digits || digits.Value.Number != decimal.Truncate(digits.Value.Number) || digits.Value.Number is < 0 or > 10))
            {
                return Error(c.Arguments[i].Offset, DiagnosticDescriptors.RoundDigits);
            }

            arguments[i] = argument;
        }

        return new BoundCall(kind, arguments);
    }

    /// <summary>
    /// A date or date-time written as text for a DMN or Excel author: <c>date('2023-07-01')</c>, a date;
    /// <c>datetime('2023-07-01T00:00:00+08:00')</c>, a date-time, which must state its offset. The text is read at load,
    /// so a malformed one is an error at its column, and the value is a literal like <c>2023-07-01</c>.
    /// </summary>
    private BoundExpr? BindDateLiteralCall(CallExpr c)
    {
        var dateTime = c.Name == "datetime";
        if (c.Arguments is not [StringExpr text])
        {
            return Error(c.Offset, DiagnosticDescriptors.LiteralUsage, c.Name, dateTime ? "date-time" : "date", dateTime ? "2023-07-01T00:00:00+08:00" : "2023-07-01");
        }

        if (!dateTime)
        {
            return DateOnly.TryParseExact(text.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new BoundLiteral(RuntimeValue.FromDate(date), ExprType.Date)
                : Error(text.Offset, DiagnosticDescriptors.BadDateLiteral, text.Value);
        }

        return DateTimeLiteral(text.Value, text.Offset);
    }

    /// <summary>A date-time literal's value, or the error at <paramref name="offset"/>: malformed, or without its offset.</summary>
    private BoundExpr? DateTimeLiteral(string text, int offset)
    {
        if (ValueFunctions.ParseDateTime(text) is { } value)
        {
            return new BoundLiteral(RuntimeValue.FromNumber(ValueFunctions.EncodeDateTime(value)), ExprType.DateTime);
        }

        return Error(offset, ValueFunctions.IsDateTimeWithoutOffset(text) ? DiagnosticDescriptors.DateTimeWithoutOffset : DiagnosticDescriptors.BadDateTimeLiteral, text);
    }

    /// <summary>
    /// The date functions: <c>daysBetween(a, b)</c> and <c>monthsBetween(a, b)</c> (dates → a whole number),
    /// <c>addDays(d, n)</c> and <c>addMonths(d, n)</c> (a date and a number → a date), <c>year/month/day(d)</c>, and
    /// <c>date(t)</c>. On date-times: <c>addDays</c> and <c>addMonths</c> give a date-time at the same offset,
    /// <c>daysBetween</c> and <c>hoursBetween</c> count whole elapsed days and hours (<see cref="ValueFunctions.DaysBetweenInstants"/>),
    /// <c>monthsBetween</c> whole calendar months at the first one's offset (<see cref="ValueFunctions.MonthsBetweenDateTimes"/>).
    /// </summary>
    private BoundExpr? BindDateCall(CallExpr c)
    {
        var bound = new BoundExpr[c.Arguments.Length];
        for (var i = 0; i < bound.Length; i++)
        {
            if ((bound[i] = Bind(c.Arguments[i])!) is null)
            {
                return null;
            }
        }

        // The first argument picks the date or the date-time form of the functions that have both.
        var onDateTime = bound.Length > 0 && bound[0].Type.Kind == ValueKind.DateTime;
        var whole = new ExprType(ValueKind.Number, IsInteger: true);
        var (kind, parameters, result) = (c.Name, onDateTime) switch
        {
            ("daysBetween", false) => (FunctionKind.DaysBetween, new[] { ValueKind.Date, ValueKind.Date }, whole),
            ("daysBetween", true) => (FunctionKind.DaysBetweenInstants, [ValueKind.DateTime, ValueKind.DateTime], whole),
            ("hoursBetween", _) => (FunctionKind.HoursBetween, [ValueKind.DateTime, ValueKind.DateTime], whole),
            ("monthsBetween", false) => (FunctionKind.MonthsBetween, [ValueKind.Date, ValueKind.Date], whole),
            ("monthsBetween", true) => (FunctionKind.MonthsBetweenDateTimes, [ValueKind.DateTime, ValueKind.DateTime], whole),
            ("addDays", false) => (FunctionKind.AddDays, [ValueKind.Date, ValueKind.Number], ExprType.Date),
            ("addDays", true) => (FunctionKind.AddDaysToDateTime, [ValueKind.DateTime, ValueKind.Number], ExprType.DateTime),
            ("addMonths", false) => (FunctionKind.AddMonths, [ValueKind.Date, ValueKind.Number], ExprType.Date),
            ("addMonths", true) => (FunctionKind.AddMonthsToDateTime, [ValueKind.DateTime, ValueKind.Number], ExprType.DateTime),
            ("year", _) => (FunctionKind.Year, [ValueKind.Date], whole),
            ("month", _) => (FunctionKind.Month, [ValueKind.Date], whole),
            ("date", _) => (FunctionKind.DateOf, [ValueKind.DateTime], ExprType.Date),
            _ => (FunctionKind.Day, [ValueKind.Date], whole),
        };
        if (c.Arguments.Length != parameters.Length)
        {
            return Error(c.Offset, DiagnosticDescriptors.ArgumentCount, c.Name, parameters.Length, c.Arguments.Length);
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (bound[i].Type.Kind != parameters[i])
            {
                var wanted = parameters[i] switch { ValueKind.Date => "a date", ValueKind.DateTime => "a date-time", _ => "a number" };

                // A date-time where a date is wanted, or a date after a date-time in daysBetween/monthsBetween: date(…) mixes them.
                var mix = c.Name != "date" && IsDateMix(parameters[i], bound[i].Type.Kind) && (parameters[i] == ValueKind.Date || c.Name is "daysBetween" or "monthsBetween");
                return Error(c.Arguments[i].Offset, DiagnosticDescriptors.ArgumentKind, c.Name, wanted, i + 1, bound[i].Type.Describe(), mix ? DateMixHint : string.Empty);
            }
        }

        return new BoundCall(kind, bound, result); // this call's own array, never written again
    }

    /// <summary>What a type error that mixes a date with a date-time adds: how to mix them.</summary>
    private const string DateMixHint = ": a date and a date-time do not mix; take date(…) of the date-time to work in calendar dates";

    /// <summary>Whether one kind is a date and the other a date-time (which do not mix without <c>date(…)</c>).</summary>
    private static bool IsDateMix(ValueKind a, ValueKind b) =>
        (a, b) is (ValueKind.Date, ValueKind.DateTime) or (ValueKind.DateTime, ValueKind.Date);

    private BoundExpr? BindDecision(CallExpr c)
    {
        if (c.Arguments.Length != 1 || c.Arguments[0] is not StringExpr id)
        {
            return Error(c.Offset, DiagnosticDescriptors.DecisionUsage);
        }

        var shapeOk = c.Member switch
        {
            "grade" or "score" or "status" => c.MemberPath is null && c.MemberArguments is null,
            "outputs" => c.MemberPath is not null,
            "fired" => c.MemberArguments is [StringExpr],
            _ => false,
        };
        if (!shapeOk)
        {
            return Error(c.Member is null ? c.Offset : c.MemberOffset, DiagnosticDescriptors.DecisionWithoutGrade);
        }

        FieldDefinition? field;
        DiagnosticDescriptor? error;
        object?[] errorArguments;
        if (c.Member == "grade")
        {
            field = scope.ResolveDecision(id.Value, c.Offset, out error, out errorArguments);
        }
        else
        {
            var key = c.Member == "outputs" ? c.MemberPath : c.Member == "fired" ? ((StringExpr)c.MemberArguments![0]).Value : null;
            field = scope.ResolveDecisionMember(id.Value, c.Member!, key, c.Offset, out error, out errorArguments);
        }

        if (field is null)
        {
            return error is null ? Error(id.Offset, DiagnosticDescriptors.UnknownPolicy, id.Value, string.Empty) : Error(id.Offset, error, errorArguments);
        }

        return new BoundField(field);
    }

    private static string OpText(CompareOp op) => op switch
    {
        CompareOp.Less => "<",
        CompareOp.LessEqual => "<=",
        CompareOp.Greater => ">",
        _ => ">=",
    };
}
