using System.Collections.Immutable;
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

    /// <summary>Returns the pseudo-field that carries <paramref name="policyId"/>'s grade, or null with the whole message.</summary>
    FieldDefinition? ResolveDecision(string policyId, int offset, out string? error);
}

/// <summary>
/// Type-checks a parsed expression against a policy's fields and produces a <see cref="BoundExpr"/>.
/// Every error points at the offending token's offset. Only declared fields and the whitelisted functions
/// (<c>min max abs round isMissing decision</c>) can appear: there is no other way to reach data.
/// </summary>
internal sealed class Binder(IBindingScope scope)
{
    public const string AllowedFunctions = "min, max, abs, round, isMissing, decision";

    /// <summary>The code of an error that was already reported elsewhere (a use of a field whose declaration failed).</summary>
    public const string Suppressed = "suppressed";

    private readonly List<ExpressionError> _errors = [];

    public IReadOnlyList<ExpressionError> Errors => _errors;

    /// <summary>Binds a condition (must be true/false).</summary>
    public BoundExpr? BindCondition(Expr expr)
    {
        var bound = Bind(expr);
        if (bound is not null && bound.Type.Kind != ValueKind.Boolean)
        {
            return Error(expr.Offset, $"a condition must be true or false, but this expression is {bound.Type.Describe()}", "TR2013");
        }

        return bound;
    }

    /// <summary>Binds a points expression (must be a number).</summary>
    public BoundExpr? BindNumber(Expr expr)
    {
        var bound = Bind(expr);
        if (bound is not null && bound.Type.Kind != ValueKind.Number)
        {
            return Error(expr.Offset, $"points must be a number, but this expression is {bound.Type.Describe()}", "TR2014");
        }

        return bound;
    }

    private BoundExpr? Error(int offset, string message, string code = "TR2004")
    {
        _errors.Add(new ExpressionError(offset, 1, message, code));
        return null;
    }

    private BoundExpr? Bind(Expr expr) => expr switch
    {
        NumberExpr n => new BoundLiteral(RuntimeValue.FromNumber(n.Value), new ExprType(ValueKind.Number, IsInteger: n.Value == decimal.Truncate(n.Value))),
        StringExpr s => new BoundLiteral(RuntimeValue.FromText(s.Value), ExprType.Text),
        BoolExpr b => new BoundLiteral(RuntimeValue.FromBoolean(b.Value), ExprType.Boolean),
        DateExpr d => new BoundLiteral(RuntimeValue.FromDate(d.Value), ExprType.Date),
        NameExpr name => BindName(name),
        UnaryExpr u => BindUnary(u),
        BinaryExpr b => BindBinary(b),
        IntervalExpr i => BindInterval(i),
        SetExpr s => BindSet(s),
        CallExpr c => BindCall(c),
        _ => Error(expr.Offset, "unsupported expression"),
    };

    private BoundExpr? BindName(NameExpr name)
    {
        var field = scope.LookupField(name.Path);
        if (field is null && scope.IsBroken(name.Path))
        {
            _errors.Add(new ExpressionError(name.Offset, 0, string.Empty, Suppressed));
            return null;
        }

        if (field is null)
        {
            var hint = Suggestions.DidYouMean(name.Path, scope.FieldNames);
            return Error(name.Offset, $"unknown field '{name.Path}'{hint}", "TR2003");
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
                : Error(u.Offset, $"'not' needs true/false, but its operand is {operand.Type.Describe()}");
        }

        if (operand.Type.Kind != ValueKind.Number)
        {
            return Error(u.Offset, $"'-' needs a number, but its operand is {operand.Type.Describe()}");
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
                        return Error(b.Left.Offset, $"'{word}' needs true/false on both sides, but the left side is {left.Type.Describe()}");
                    }

                    if (right.Type.Kind != ValueKind.Boolean)
                    {
                        return Error(b.Right.Offset, $"'{word}' needs true/false on both sides, but the right side is {right.Type.Describe()}");
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
                    return Error(b.Offset, $"arithmetic needs numbers on both sides, but one side is {bad.Type.Describe()}");
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
            return Error(b.Offset, $"cannot compare {left.Type.Describe()} with {right.Type.Describe()}");
        }

        return left.Type.Kind == ValueKind.Ordinal
            ? Error(b.Offset, $"'{OpText(op)}' cannot order the values of {left.Type.Domain!.Name}; use = or != or 'in (…)'")
            : Error(b.Offset, $"'{OpText(op)}' cannot order {left.Type.Describe()}; use = or !=");
    }

    private BoundExpr? ToOrdinal(BoundLiteral text, EnumDomain domain, int offset)
    {
        var index = domain.IndexOf(text.Value.Text!);
        if (index < 0)
        {
            var hint = Suggestions.DidYouMean(text.Value.Text!, domain.Values);
            return Error(offset, $"'{text.Value.Text}' is not a value of {domain.Name}{hint}; allowed: {string.Join(", ", domain.Values)}", "TR2011");
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

        if (subject.Type.Kind is not (ValueKind.Number or ValueKind.Date))
        {
            return Error(i.Subject.Offset, $"a range test needs a number or a date, but this is {subject.Type.Describe()}");
        }

        if (low.Type.Kind != subject.Type.Kind)
        {
            return BoundMismatch(i.Low, subject, low);
        }

        if (high.Type.Kind != subject.Type.Kind)
        {
            return BoundMismatch(i.High, subject, high);
        }

        if (low is BoundLiteral lo && high is BoundLiteral hi && lo.Value.Number > hi.Value.Number)
        {
            return Error(i.Low.Offset, "the lower bound of the range is greater than the upper bound");
        }

        return new BoundInterval(subject, low, i.LowInclusive, high, i.HighInclusive, i.Negated);
    }

    private BoundExpr? BoundMismatch(Expr source, BoundExpr subject, BoundExpr bound) =>
        Error(source.Offset, $"a bound of the range must be {subject.Type.Describe()}, like the value tested, but it is {bound.Type.Describe()}");

    private BoundExpr? BindSet(SetExpr s)
    {
        var subject = Bind(s.Subject);
        if (subject is null)
        {
            return null;
        }

        if (subject.Type.Kind is ValueKind.Number or ValueKind.Date)
        {
            return Error(s.Offset, "'in (…)' with values is for text, true/false and enum fields; for numbers write a range such as 'in [a, b)' or join '=' tests with 'or'");
        }

        var values = ImmutableArray.CreateBuilder<RuntimeValue>();
        foreach (var item in s.Items)
        {
            var bound = Bind(item);
            if (bound is null)
            {
                return null;
            }

            if (bound is not BoundLiteral literal)
            {
                return Error(item.Offset, "the values in 'in (…)' must be literals");
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
                return Error(item.Offset, $"this value is {literal.Type.Describe()}, but the value tested is {subject.Type.Describe()}");
            }

            values.Add(literal.Value);
        }

        return new BoundSet(subject, values.ToImmutable(), s.Negated);
    }

    private BoundExpr? BindCall(CallExpr c)
    {
        if (c.Name == "decision")
        {
            return BindDecision(c);
        }

        if (c.Member is not null)
        {
            return Error(c.MemberOffset, $"'.{c.Member}' cannot follow {c.Name}(…); only decision(…).grade has a member");
        }

        if (c.Name == "isMissing")
        {
            if (c.Arguments.Count != 1 || c.Arguments[0] is not NameExpr name)
            {
                return Error(c.Offset, "isMissing takes one field name, like isMissing(expectedCloseDays)", "TR2006");
            }

            if (Bind(name) is not BoundField field)
            {
                return null;
            }

            if (!field.Field.Optional || field.Field.WhenMissing is not null)
            {
                return Error(name.Offset, $"field '{name.Path}' is never missing when a rule runs ({(field.Field.Optional ? "it has whenMissing" : "it is required")}), so isMissing would always be false", "TR2006");
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
            default:
                var hint = Suggestions.DidYouMean(c.Name, ["min", "max", "abs", "round", "isMissing", "decision"]);
                return Error(c.Offset, $"unknown function '{c.Name}'{hint}; allowed: {AllowedFunctions}", "TR2005");
        }

        var (minArgs, maxArgs) = kind switch
        {
            FunctionKind.Min or FunctionKind.Max => (2, 16),
            FunctionKind.Abs => (1, 1),
            _ => (1, 2),
        };
        if (c.Arguments.Count < minArgs || c.Arguments.Count > maxArgs)
        {
            var expected = minArgs == maxArgs ? $"{minArgs}" : maxArgs == 16 ? $"at least {minArgs}" : $"{minArgs} or {maxArgs}";
            return Error(c.Offset, $"{c.Name} takes {expected} argument(s), not {c.Arguments.Count}", "TR2006");
        }

        var arguments = ImmutableArray.CreateBuilder<BoundExpr>();
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            var argument = Bind(c.Arguments[i]);
            if (argument is null)
            {
                return null;
            }

            if (argument.Type.Kind != ValueKind.Number)
            {
                return Error(c.Arguments[i].Offset, $"{c.Name} needs numbers, but argument {i + 1} is {argument.Type.Describe()}", "TR2006");
            }

            if (kind == FunctionKind.Round && i == 1
                && (argument is not BoundLiteral digits || digits.Value.Number != decimal.Truncate(digits.Value.Number) || digits.Value.Number is < 0 or > 10))
            {
                return Error(c.Arguments[i].Offset, "round's second argument is the number of decimal places: a whole number from 0 to 10", "TR2006");
            }

            arguments.Add(argument);
        }

        return new BoundCall(kind, arguments.ToImmutable());
    }

    private BoundExpr? BindDecision(CallExpr c)
    {
        if (c.Arguments.Count != 1 || c.Arguments[0] is not StringExpr id)
        {
            return Error(c.Offset, "decision takes one policy id in quotes, like decision('loan-five-category').grade", "TR2006");
        }

        if (c.Member != "grade")
        {
            return Error(c.Member is null ? c.Offset : c.MemberOffset, "decision(…) must be followed by '.grade'", "TR2006");
        }

        var field = scope.ResolveDecision(id.Value, c.Offset, out var reason);
        if (field is null)
        {
            return Error(id.Offset, reason ?? $"unknown policy '{id.Value}' in decision()", "TR2012");
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
