using System.Globalization;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Expressions;

/// <summary>
/// Recursive-descent parser for the expression language. Precedence, loosest first:
/// <c>or</c>, <c>and</c>, <c>not</c>, comparison (<c>= != &lt; &lt;= &gt; &gt;=</c>, <c>between</c>, <c>in</c>),
/// <c>+ -</c>, <c>* /</c>, unary minus, primary. Bounded by length and depth; never throws.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly ScratchList<Token> _tokens;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;

    private ExpressionParser(ScratchList<Token> tokens, int maxDepth)
    {
        _tokens = tokens;
        _maxDepth = maxDepth;
    }

    public static Expr? Parse(string text, int maxLength, int maxDepth, out ExpressionError? error)
    {
        if (text.Length > maxLength)
        {
            error = new ExpressionError(0, 0, DiagnosticDescriptors.ExpressionTooLong, text.Length, maxLength);
            return null;
        }

        var tokens = new ScratchList<Token>(); // not a List<Token>: see ScratchList
        if (!Lexer.TryTokenize(text, tokens, out error))
        {
            return null;
        }

        if (tokens.Count == 1)
        {
            error = new ExpressionError(0, 0, DiagnosticDescriptors.EmptyExpression);
            return null;
        }

        var parser = new ExpressionParser(tokens, maxDepth);
        try
        {
            var expr = parser.ParseOr();
            if (parser.Current.Kind != TokenKind.End)
            {
                throw Fail(parser.Current, DiagnosticDescriptors.UnexpectedToken, parser.Current.Describe(), "an operator or the end of the expression");
            }

            error = null;
            return expr;
        }
        catch (ParseFailure failure)
        {
            error = failure.Error;
            return null;
        }
    }

    private Token Current => _tokens[_position];

    private Token Advance() => _tokens[_position++];

    private bool Match(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _position++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Fail(Current, DiagnosticDescriptors.ExpectedToken, what, Current.Describe());
        }

        return Advance();
    }

    private static ParseFailure Fail(Token at, DiagnosticDescriptor descriptor, params object?[] arguments) =>
        new(new ExpressionError(at.Offset, Math.Max(1, at.Text.Length), descriptor, arguments));

    private void Enter(Token at)
    {
        if (++_depth > _maxDepth)
        {
            throw new ParseFailure(new ExpressionError(at.Offset, 1, DiagnosticDescriptors.ExpressionTooDeep, _maxDepth));
        }
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = new BinaryExpr(BinaryOp.Or, left, ParseAnd(), op.Offset);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = new BinaryExpr(BinaryOp.And, left, ParseNot(), op.Offset);
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.Kind == TokenKind.Not)
        {
            var op = Advance();
            Enter(op);
            var operand = ParseNot();
            _depth--;
            return new UnaryExpr(UnaryOp.Not, operand, op.Offset);
        }

        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Equal:
            case TokenKind.NotEqual:
            case TokenKind.Less:
            case TokenKind.LessEqual:
            case TokenKind.Greater:
            case TokenKind.GreaterEqual:
                {
                    Advance();
                    var right = ParseAdditive();
                    var result = new BinaryExpr(ToBinary(token.Kind), left, right, token.Offset);
                    if (IsComparison(Current.Kind))
                    {
                        throw Fail(Current, DiagnosticDescriptors.ChainedComparison);
                    }

                    return result;
                }

            case TokenKind.Between:
                {
                    Advance();
                    var low = ParseAdditive();
                    Expect(TokenKind.And, "'and' in 'x between a and b'");
                    var high = ParseAdditive();
                    return new IntervalExpr(left, low, true, high, true, false, token.Offset);
                }

            case TokenKind.In:
                Advance();
                return ParseInTail(left, negated: false, token);
            case TokenKind.Not when Peek(1).Kind == TokenKind.In:
                Advance();
                Advance();
                return ParseInTail(left, negated: true, token);
            case TokenKind.Not when Peek(1).Kind == TokenKind.Between:
                {
                    Advance();
                    Advance();
                    var low = ParseAdditive();
                    Expect(TokenKind.And, "'and' in 'x not between a and b'");
                    var high = ParseAdditive();
                    return new IntervalExpr(left, low, true, high, true, true, token.Offset);
                }

            default:
                return left;
        }
    }

    private Token Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private Expr ParseInTail(Expr subject, bool negated, Token inToken)
    {
        var open = Current;
        if (open.Kind is not (TokenKind.LeftBracket or TokenKind.LeftParen))
        {
            throw Fail(open, DiagnosticDescriptors.ExpectedToken, "'[' or '(' after 'in'", open.Describe());
        }

        Advance();
        Enter(open);
        var items = new ScratchList<Expr>();
        items.Add(ParseAdditive());
        while (Match(TokenKind.Comma))
        {
            items.Add(ParseAdditive());
        }

        var close = Current;
        if (close.Kind is not (TokenKind.RightBracket or TokenKind.RightParen))
        {
            throw Fail(close, DiagnosticDescriptors.ExpectedToken, "',' or a closing ')' or ']'", close.Describe());
        }

        Advance();
        _depth--;

        // '[' or ']' anywhere makes it an interval; '(…)' holding text, booleans or names is a set. A '(…)' of two
        // numbers, dates or date-times (bare or as date('…')/datetime('…')) is the open interval (a, b): sets of numbers
        // are not supported, so this is never ambiguous.
        var isInterval = open.Kind == TokenKind.LeftBracket || close.Kind == TokenKind.RightBracket
            || (items.Count == 2 && IsOrderedLiteral(items[0]) && IsOrderedLiteral(items[1]));
        if (!isInterval)
        {
            return new SetExpr(subject, items.ToArray(), negated, inToken.Offset);
        }

        if (items.Count != 2)
        {
            throw Fail(open, DiagnosticDescriptors.IntervalBoundCount, items.Count);
        }

        return new IntervalExpr(subject, items[0], open.Kind == TokenKind.LeftBracket, items[1], close.Kind == TokenKind.RightBracket, negated, inToken.Offset);
    }

    private static bool IsOrderedLiteral(Expr e) => e is NumberExpr or DateExpr or DateTimeExpr
        || e is UnaryExpr { Op: UnaryOp.Negate, Operand: NumberExpr }
        || e is CallExpr { Name: "date" or "datetime", Arguments: [StringExpr], Member: null };

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = new BinaryExpr(op.Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Subtract, left, ParseMultiplicative(), op.Offset);
        }

        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance();
            left = new BinaryExpr(op.Kind == TokenKind.Star ? BinaryOp.Multiply : BinaryOp.Divide, left, ParseUnary(), op.Offset);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            Enter(op);
            var operand = ParseUnary();
            _depth--;
            return new UnaryExpr(UnaryOp.Negate, operand, op.Offset);
        }

        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        var token = Advance();
        switch (token.Kind)
        {
            case TokenKind.Number:
                {
                    var digits = token.Text.Replace("_", string.Empty, StringComparison.Ordinal);
                    var malformed = token.Text.EndsWith('_') || token.Text.Contains("__", StringComparison.Ordinal);
                    var inexact = false;
                    if (malformed || !ExactDecimal.TryParse(digits, NumberStyles.AllowDecimalPoint, out var value, out inexact))
                    {
                        // A number a decimal can only hold rounded is refused: a policy edge is exactly what it says.
                        throw Fail(token, !malformed && inexact ? DiagnosticDescriptors.InexactNumberLiteral : DiagnosticDescriptors.BadNumberLiteral, token.Text);
                    }

                    return new NumberExpr(value, token.Text, token.Offset);
                }

            case TokenKind.String:
                return new StringExpr(token.Text, token.Offset);
            case TokenKind.True:
                return new BoolExpr(true, token.Offset);
            case TokenKind.False:
                return new BoolExpr(false, token.Offset);
            case TokenKind.Date:
                if (!DateOnly.TryParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Fail(token, DiagnosticDescriptors.BadDateLiteral, token.Text);
                }

                return new DateExpr(date, token.Offset);
            case TokenKind.DateTime:
                if (Model.ValueFunctions.ParseDateTime(token.Text) is not { } dateTime)
                {
                    throw Fail(token, Model.ValueFunctions.IsDateTimeWithoutOffset(token.Text) ? DiagnosticDescriptors.DateTimeWithoutOffset : DiagnosticDescriptors.BadDateTimeLiteral, token.Text);
                }

                return new DateTimeExpr(dateTime, token.Offset);
            case TokenKind.LeftParen:
                {
                    Enter(token);
                    var inner = ParseOr();
                    Expect(TokenKind.RightParen, "a closing ')'");
                    _depth--;
                    return inner;
                }

            case TokenKind.Identifier:
                {
                    if (Current.Kind == TokenKind.LeftParen)
                    {
                        return ParseCall(token);
                    }

                    var path = token.Text;
                    while (Current.Kind == TokenKind.Dot)
                    {
                        Advance();
                        var part = Expect(TokenKind.Identifier, "a field name after '.'");
                        path += "." + part.Text;
                    }

                    return new NameExpr(path, token.Offset);
                }

            default:
                _position--;
                throw token.Kind == TokenKind.End
                    ? Fail(token, DiagnosticDescriptors.ExpressionEndsEarly)
                    : Fail(token, DiagnosticDescriptors.UnexpectedToken, token.Describe(), "a value, a field or '('");
        }
    }

    private CallExpr ParseCall(Token name)
    {
        var arguments = ParseArguments();
        string? member = null;
        var memberOffset = 0;
        string? memberPath = null;
        Expr[]? memberArguments = null;
        if (Current.Kind == TokenKind.Dot)
        {
            Advance();
            var part = Expect(TokenKind.Identifier, "a name after '.'");
            member = part.Text;
            memberOffset = part.Offset;
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                memberPath = Expect(TokenKind.Identifier, "a name after '.'").Text;
            }
            else if (Current.Kind == TokenKind.LeftParen)
            {
                memberArguments = ParseArguments();
            }
        }

        return new CallExpr(name.Text, arguments, member, memberOffset, name.Offset) { MemberPath = memberPath, MemberArguments = memberArguments };
    }

    /// <summary>An argument list from its '(' to its ')': a function's, <c>max(a, b)</c>, or a member's, <c>fired('R-1')</c>.</summary>
    private Expr[] ParseArguments()
    {
        var open = Advance();
        Enter(open);
        var arguments = new ScratchList<Expr>();
        if (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseOr());
            while (Match(TokenKind.Comma))
            {
                arguments.Add(ParseOr());
            }
        }

        Expect(TokenKind.RightParen, "',' or a closing ')'");
        _depth--;
        return arguments.ToArray();
    }

    private static bool IsComparison(TokenKind kind) => kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less
        or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual;

    private static BinaryOp ToBinary(TokenKind kind) => kind switch
    {
        TokenKind.Equal => BinaryOp.Equal,
        TokenKind.NotEqual => BinaryOp.NotEqual,
        TokenKind.Less => BinaryOp.Less,
        TokenKind.LessEqual => BinaryOp.LessEqual,
        TokenKind.Greater => BinaryOp.Greater,
        _ => BinaryOp.GreaterEqual,
    };

    private sealed class ParseFailure(ExpressionError error) : Exception(error.ToString())
    {
        public ExpressionError Error { get; } = error;
    }
}
