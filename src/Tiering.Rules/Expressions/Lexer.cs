using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Expressions;

/// <summary>
/// Hand-written lexer for the expression language of docs/DESIGN.md §3 (Expression language). Works on the raw text;
/// never throws.
/// </summary>
internal static class Lexer
{
    public static bool TryTokenize(string text, ScratchList<Token> tokens, out ExpressionError? error)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                // Only these: a no-break space or other Unicode space between tokens would look like a space and be one
                // nowhere else (an editor, a diff, the fact producer's code), so it is an unexpected character.
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c) && MaybeSpelled(text, i) && NumberSpelling.TryRead(text, i, allowSingleGroup: Nesting(tokens) == 0, out var spelledEnd, out var plain, out var underscored))
            {
                // 3,000,000 or 300万: say what to write (inside brackets one group may be an interval's two bounds, [1,500)).
                error = new ExpressionError(start, spelledEnd - start, DiagnosticDescriptors.SpelledNumber, text[start..spelledEnd], plain, underscored);
                return false;
            }

            if (char.IsAsciiDigit(c))
            {
                // A date-time literal: yyyy-mm-ddThh:mm…, then its offset (Z or ±hh:mm) when it has one.
                if (i + 11 < text.Length && IsDateShape(text, i) && text[i + 10] == 'T' && char.IsAsciiDigit(text[i + 11]))
                {
                    var end = DateTimeEnd(text, i + 11);
                    tokens.Add(new Token(TokenKind.DateTime, text[i..end], start));
                    i = end;
                    continue;
                }

                // A date literal: yyyy-mm-dd.
                if (i + 10 <= text.Length && IsDateShape(text, i) && (i + 10 == text.Length || !IsIdentifierPart(text[i + 10])))
                {
                    tokens.Add(new Token(TokenKind.Date, text.Substring(i, 10), start));
                    i += 10;
                    continue;
                }

                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }
                }

                if (i < text.Length && IsIdentifierPart(text[i]))
                {
                    while (i < text.Length && IsIdentifierPart(text[i]))
                    {
                        i++;
                    }

                    error = new ExpressionError(start, i - start, DiagnosticDescriptors.BadNumberLiteral, text[start..i]);
                    return false;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new Token(Keyword(word), word, start));
                continue;
            }

            if (c is '\'' or '"')
            {
                if (!TryText(text, ref i, tokens, out error))
                {
                    return false;
                }

                continue;
            }

            TokenKind kind;
            var length = 1;
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '(': kind = TokenKind.LeftParen; break;
                case ')': kind = TokenKind.RightParen; break;
                case '[': kind = TokenKind.LeftBracket; break;
                case ']': kind = TokenKind.RightBracket; break;
                case ',': kind = TokenKind.Comma; break;
                case '.': kind = TokenKind.Dot; break;
                case '+': kind = TokenKind.Plus; break;
                case '-': kind = TokenKind.Minus; break;
                case '*': kind = TokenKind.Star; break;
                case '/': kind = TokenKind.Slash; break;
                case '=':
                    kind = TokenKind.Equal;
                    if (next == '=')
                    {
                        length = 2;
                    }

                    break;
                case '!' when next == '=': kind = TokenKind.NotEqual; length = 2; break;
                case '<' when next == '=': kind = TokenKind.LessEqual; length = 2; break;
                case '<' when next == '>': kind = TokenKind.NotEqual; length = 2; break;
                case '<': kind = TokenKind.Less; break;
                case '>' when next == '=': kind = TokenKind.GreaterEqual; length = 2; break;
                case '>': kind = TokenKind.Greater; break;
                default:
                    error = new ExpressionError(start, 1, DiagnosticDescriptors.UnexpectedCharacter, char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : c);
                    return false;
            }

            tokens.Add(new Token(kind, text.Substring(i, length), start));
            i += length;
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        error = null;
        return true;
    }

    /// <summary>Whether the digits at <paramref name="i"/> run into a thousands separator or a Chinese magnitude (cheap: most numbers do not).</summary>
    private static bool MaybeSpelled(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '_' or '.'))
        {
            i++;
        }

        return i < text.Length && text[i] is ',' or '万' or '亿';
    }

    /// <summary>How many brackets and parentheses are open after <paramref name="tokens"/>.</summary>
    private static int Nesting(ScratchList<Token> tokens)
    {
        var depth = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            depth += token.Kind is TokenKind.LeftParen or TokenKind.LeftBracket ? 1 : token.Kind is TokenKind.RightParen or TokenKind.RightBracket ? -1 : 0;
        }

        return depth;
    }

    /// <summary>A quoted text literal from <paramref name="i"/> (its opening quote); a doubled quote stands for one quote character.</summary>
    private static bool TryText(string text, ref int i, ScratchList<Token> tokens, out ExpressionError? error)
    {
        var start = i;
        var quote = text[i++];
        var sb = new System.Text.StringBuilder();
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    sb.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                tokens.Add(new Token(TokenKind.String, sb.ToString(), start));
                error = null;
                return true;
            }

            sb.Append(text[i]);
            i++;
        }

        error = new ExpressionError(start, i - start, DiagnosticDescriptors.UnterminatedText, quote);
        return false;
    }

    /// <summary>Where a date-time literal's text ends: its time (digits, ':' and '.') from <paramref name="i"/>, then Z or ±hh:mm, then any letters or digits stuck to it (so the parser reports them with it).</summary>
    private static int DateTimeEnd(string s, int i)
    {
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is ':' or '.'))
        {
            i++;
        }

        if (i + 6 <= s.Length && s[i] is '+' or '-' && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2]) && s[i + 3] == ':' && char.IsAsciiDigit(s[i + 4]) && char.IsAsciiDigit(s[i + 5]))
        {
            i += 6;
        }

        while (i < s.Length && IsIdentifierPart(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDateShape(string s, int i) =>
        char.IsAsciiDigit(s[i]) && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2]) && char.IsAsciiDigit(s[i + 3])
        && s[i + 4] == '-' && char.IsAsciiDigit(s[i + 5]) && char.IsAsciiDigit(s[i + 6])
        && s[i + 7] == '-' && char.IsAsciiDigit(s[i + 8]) && char.IsAsciiDigit(s[i + 9]);

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool IsKeyword(string word) => Keyword(word) != TokenKind.Identifier;

    private static TokenKind Keyword(string word) => word switch
    {
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "not" => TokenKind.Not,
        "between" => TokenKind.Between,
        "in" => TokenKind.In,
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        _ => TokenKind.Identifier,
    };
}
