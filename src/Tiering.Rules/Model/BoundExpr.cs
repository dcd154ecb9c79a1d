
namespace Tiering.Rules.Model;

/// <summary>The static type of an expression.</summary>
internal enum ValueKind
{
    Number,
    Boolean,
    Text,
    Ordinal,
    Date,

    /// <summary>A date-time with its offset, encoded by <see cref="ValueFunctions.EncodeDateTime"/>; compared by instant.</summary>
    DateTime,
}

/// <summary>A type: its kind, whether it is known to be whole (integer fields), and for ordinals, the domain.</summary>
internal readonly record struct ExprType(ValueKind Kind, EnumDomain? Domain = null, bool IsInteger = false)
{
    public static readonly ExprType Number = new(ValueKind.Number);
    public static readonly ExprType Boolean = new(ValueKind.Boolean);
    public static readonly ExprType Text = new(ValueKind.Text);
    public static readonly ExprType Date = new(ValueKind.Date);
    public static readonly ExprType DateTime = new(ValueKind.DateTime);

    public string Describe() => Kind switch
    {
        ValueKind.Number => "a number",
        ValueKind.Boolean => "true/false",
        ValueKind.Text => "text",
        ValueKind.Date => "a date",
        ValueKind.DateTime => "a date-time",
        _ => Domain!.Name,
    };

    public static ExprType Of(FieldDefinition field) => field.Type switch
    {
        FieldType.Decimal => Number,
        FieldType.Integer => new ExprType(ValueKind.Number, IsInteger: true),
        FieldType.Boolean => Boolean,
        FieldType.String => Text,
        FieldType.Date => Date,
        FieldType.DateTime => DateTime,
        _ => new ExprType(ValueKind.Ordinal, field.Domain),
    };
}

/// <summary>A type-checked expression. The compiler and the reference interpreter both consume this tree.</summary>
internal abstract record BoundExpr(ExprType Type);

internal sealed record BoundField(FieldDefinition Field) : BoundExpr(ExprType.Of(Field));

/// <summary>A constant; numbers and dates in <see cref="RuntimeValue.Number"/> (dates as day numbers).</summary>
internal sealed record BoundLiteral(RuntimeValue Value, ExprType LiteralType) : BoundExpr(LiteralType);

internal sealed record BoundNot(BoundExpr Operand) : BoundExpr(ExprType.Boolean);

internal sealed record BoundNegate(BoundExpr Operand) : BoundExpr(ExprType.Number);

internal enum LogicalOp
{
    And,
    Or,
}

internal sealed record BoundLogical(LogicalOp Op, BoundExpr Left, BoundExpr Right) : BoundExpr(ExprType.Boolean);

internal enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

/// <summary>A comparison of two operands of the same kind (<see cref="OperandKind"/>).</summary>
internal sealed record BoundCompare(CompareOp Op, BoundExpr Left, BoundExpr Right) : BoundExpr(ExprType.Boolean)
{
    public ValueKind OperandKind => Left.Type.Kind;
}

internal enum ArithmeticOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

internal sealed record BoundArithmetic(ArithmeticOp Op, BoundExpr Left, BoundExpr Right) : BoundExpr(ExprType.Number);

/// <summary><c>subject</c> within [low, high] with the given inclusivity (numbers or dates).</summary>
internal sealed record BoundInterval(BoundExpr Subject, BoundExpr Low, bool LowInclusive, BoundExpr High, bool HighInclusive, bool Negated)
    : BoundExpr(ExprType.Boolean);

/// <summary><c>subject in (…)</c> over text, booleans or ordinals.</summary>
internal sealed record BoundSet(BoundExpr Subject, RuntimeValue[] Values, bool Negated) : BoundExpr(ExprType.Boolean);

internal enum FunctionKind
{
    Min,
    Max,
    Abs,
    Round,

    /// <summary><c>daysBetween(from, to)</c>: whole days from one date to another (negative when to is earlier).</summary>
    DaysBetween,

    /// <summary><c>monthsBetween(from, to)</c>: whole calendar months, see <c>ValueFunctions.MonthsBetween</c>.</summary>
    MonthsBetween,

    /// <summary><c>addDays(date, n)</c>: a date.</summary>
    AddDays,

    /// <summary><c>addMonths(date, n)</c>: a date, on the month's last day when the day does not exist.</summary>
    AddMonths,

    /// <summary><c>year(date)</c>, <c>month(date)</c>, <c>day(date)</c>: numbers.</summary>
    Year,
    Month,
    Day,

    /// <summary><c>date(dateTime)</c>: the calendar date at the value's own offset.</summary>
    DateOf,

    /// <summary>The instant of a date-time (UTC ticks); the binder wraps each side of a date-time comparison in it.</summary>
    Instant,

    /// <summary><c>addDays(dateTime, n)</c>: a date-time at the same offset, n × 24 hours on.</summary>
    AddDaysToDateTime,

    /// <summary><c>addMonths(dateTime, n)</c>: a date-time at the same clock time and offset, the day moved as for a date.</summary>
    AddMonthsToDateTime,

    /// <summary><c>daysBetween(from, to)</c> of date-times: whole elapsed days of 24 hours (truncated toward zero).</summary>
    DaysBetweenInstants,

    /// <summary><c>monthsBetween(from, to)</c> of date-times: whole calendar months at from's offset, see <c>ValueFunctions.MonthsBetweenDateTimes</c>.</summary>
    MonthsBetweenDateTimes,

    /// <summary><c>hoursBetween(from, to)</c> of date-times: whole elapsed hours (truncated toward zero).</summary>
    HoursBetween,
}

/// <summary>A call of a whitelisted function; numbers and dates (day numbers) in, a number or a date out.</summary>
internal sealed record BoundCall(FunctionKind Function, BoundExpr[] Arguments, ExprType ResultType) : BoundExpr(ResultType)
{
    /// <summary>A call whose result is a number (min, max, abs, round).</summary>
    public BoundCall(FunctionKind function, BoundExpr[] arguments)
        : this(function, arguments, ExprType.Number)
    {
    }
}

/// <summary><c>isMissing(field)</c>: true when an optional field is absent from the fact.</summary>
internal sealed record BoundIsMissing(FieldDefinition Field) : BoundExpr(ExprType.Boolean);
