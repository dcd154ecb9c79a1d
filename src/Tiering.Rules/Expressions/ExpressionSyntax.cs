namespace Tiering.Rules.Expressions;

/// <summary>Untyped expression tree as parsed. <see cref="Offset"/> is the 0-based index in the expression text.</summary>
internal abstract record Expr(int Offset);

internal sealed record NumberExpr(decimal Value, string Text, int Offset) : Expr(Offset);

internal sealed record StringExpr(string Value, int Offset) : Expr(Offset);

internal sealed record BoolExpr(bool Value, int Offset) : Expr(Offset);

internal sealed record DateExpr(DateOnly Value, int Offset) : Expr(Offset);

/// <summary>A date-time literal with its offset, <c>2023-07-01T08:00:00+08:00</c> or <c>…Z</c>.</summary>
internal sealed record DateTimeExpr(DateTimeOffset Value, int Offset) : Expr(Offset);

/// <summary>A field path such as <c>overdueDays</c> or <c>borrower.region</c>.</summary>
internal sealed record NameExpr(string Path, int Offset) : Expr(Offset);

internal enum UnaryOp
{
    Not,
    Negate,
}

internal sealed record UnaryExpr(UnaryOp Op, Expr Operand, int Offset) : Expr(Offset);

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

internal sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, int Offset) : Expr(Offset);

/// <summary><c>x between a and b</c> (inclusive) or <c>x in [a, b)</c> (bracket-defined inclusivity).</summary>
internal sealed record IntervalExpr(Expr Subject, Expr Low, bool LowInclusive, Expr High, bool HighInclusive, bool Negated, int Offset) : Expr(Offset);

/// <summary><c>x in ('A', 'B')</c>.</summary>
internal sealed record SetExpr(Expr Subject, Expr[] Items, bool Negated, int Offset) : Expr(Offset);

/// <summary>
/// A call of a whitelisted function, optionally followed by <c>.member</c> (only <c>decision(…)</c> has members:
/// <c>.grade</c>, <c>.score</c>, <c>.status</c>, <c>.outputs.name</c> — <see cref="MemberPath"/> — and <c>.fired('ID')</c>
/// — <see cref="MemberArguments"/>).
/// </summary>
internal sealed record CallExpr(string Name, Expr[] Arguments, string? Member, int MemberOffset, int Offset) : Expr(Offset)
{
    /// <summary>The name after the member (<c>outputs.provision</c>: <c>provision</c>), or null.</summary>
    public string? MemberPath { get; init; }

    /// <summary>The member's own arguments (<c>fired('R-1')</c>), or null when it has none.</summary>
    public Expr[]? MemberArguments { get; init; }
}
