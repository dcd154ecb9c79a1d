namespace Tiering.Rules.Expressions;

internal enum TokenKind
{
    End,
    Number,
    String,
    Date,

    /// <summary>A date-time literal, <c>2023-07-01T08:00:00+08:00</c> (its offset checked by the parser).</summary>
    DateTime,
    Identifier,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Plus,
    Minus,
    Star,
    Slash,
    And,
    Or,
    Not,
    Between,
    In,
    True,
    False,
}

/// <summary>
/// A token of the expression language; <see cref="Offset"/> is the 0-based index in the expression text. A class: a
/// list of a struct declared here would be generic code compiled on a first load, where the shared code is ready; not a
/// record: nothing compares tokens, and a record's <see cref="IEquatable{T}"/> is a type a first load loads.
/// </summary>
internal sealed class Token(TokenKind kind, string text, int offset)
{
    public TokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public int Offset { get; } = offset;

    public int End => Offset + Text.Length;

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => $"the text '{Text}'",
        _ => $"'{Text}'",
    };
}
