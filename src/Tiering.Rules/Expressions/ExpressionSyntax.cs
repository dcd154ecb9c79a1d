namespace Tiering.Rules.Expressions;

/// <summary>
/// Untyped expression tree as parsed. <see cref="Offset"/> is the 0-based index in the expression text. Classes, not
/// records: nothing compares parsed expressions, and each record's <see cref="IEquatable{T}"/> was a type a first load
/// loaded.
/// </summary>
internal abstract class Expr(int offset)
{
    public int Offset { get; } = offset;
}

internal sealed class NumberExpr(decimal value, string text, int offset) : Expr(offset)
{
    public decimal Value { get; } = value;

    public string Text { get; } = text;
}

internal sealed class StringExpr(string value, int offset) : Expr(offset)
{
    public string Value { get; } = value;
}

internal sealed class BoolExpr(bool value, int offset) : Expr(offset)
{
    public bool Value { get; } = value;
}

internal sealed class DateExpr(DateOnly value, int offset) : Expr(offset)
{
    public DateOnly Value { get; } = value;
}

/// <summary>A date-time literal with its offset, <c>2023-07-01T08:00:00+08:00</c> or <c>…Z</c>.</summary>
internal sealed class DateTimeExpr(DateTimeOffset value, int offset) : Expr(offset)
{
    public DateTimeOffset Value { get; } = value;
}

/// <summary>A field path such as <c>overdueDays</c> or <c>borrower.region</c>.</summary>
internal sealed class NameExpr(string path, int offset) : Expr(offset)
{
    public string Path { get; } = path;
}

internal enum UnaryOp
{
    Not,
    Negate,
}

internal sealed class UnaryExpr(UnaryOp op, Expr operand, int offset) : Expr(offset)
{
    public UnaryOp Op { get; } = op;

    public Expr Operand { get; } = operand;
}

internal enum BinaryOp
{
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

internal sealed class BinaryExpr(BinaryOp op, Expr left, Expr right, int offset) : Expr(offset)
{
    public BinaryOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

/// <summary><c>x between a and b</c> (inclusive) or <c>x in [a, b)</c> (bracket-defined inclusivity).</summary>
internal sealed class IntervalExpr(Expr subject, Expr low, bool lowInclusive, Expr high, bool highInclusive, bool negated, int offset) : Expr(offset)
{
    public Expr Subject { get; } = subject;

    public Expr Low { get; } = low;

    public bool LowInclusive { get; } = lowInclusive;

    public Expr High { get; } = high;

    public bool HighInclusive { get; } = highInclusive;

    public bool Negated { get; } = negated;
}

/// <summary><c>x in ('A', 'B')</c>.</summary>
internal sealed class SetExpr(Expr subject, Expr[] items, bool negated, int offset) : Expr(offset)
{
    public Expr Subject { get; } = subject;

    public Expr[] Items { get; } = items;

    public bool Negated { get; } = negated;
}

/// <summary>
/// A call of a whitelisted function, optionally followed by <c>.member</c> (only <c>decision(…)</c> has members:
/// <c>.grade</c>, <c>.score</c>, <c>.status</c>, <c>.outputs.name</c> — <see cref="MemberPath"/> — and <c>.fired('ID')</c>
/// — <see cref="MemberArguments"/>).
/// </summary>
internal sealed class CallExpr(string name, Expr[] arguments, string? member, int memberOffset, int offset) : Expr(offset)
{
    public string Name { get; } = name;

    public Expr[] Arguments { get; } = arguments;

    public string? Member { get; } = member;

    public int MemberOffset { get; } = memberOffset;

    /// <summary>The name after the member (<c>outputs.provision</c>: <c>provision</c>), or null.</summary>
    public string? MemberPath { get; init; }

    /// <summary>The member's own arguments (<c>fired('R-1')</c>), or null when it has none.</summary>
    public Expr[]? MemberArguments { get; init; }
}
