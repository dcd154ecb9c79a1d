namespace Tiering.Rules.Model;

/// <summary>
/// The shapes of the names a policy declares. Plain loops, not regular expressions: each pattern is a line, and a
/// first load in a process would otherwise build and JIT five regex runners (about 5 ms of a cold start).
/// </summary>
internal static class Identifiers
{
    /// <summary>Kebab-case: <c>[a-z0-9]+(-[a-z0-9]+)*</c>.</summary>
    public static bool IsPolicyId(string text)
    {
        if (text.Length == 0 || text[0] == '-' || text[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' && text[i - 1] != '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[A-Za-z0-9][A-Za-z0-9_.-]*</c>, as in <c>SM-01</c> or <c>LOSS.1</c>.</summary>
    public static bool IsRuleId(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetterOrDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[A-Za-z0-9_]+</c>.</summary>
    public static bool IsGradeId(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Dot-separated identifiers: <c>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*</c>.</summary>
    public static bool IsFieldName(string text)
    {
        var partStart = true;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (partStart)
                {
                    return false;
                }

                partStart = true;
            }
            else if (char.IsAsciiLetter(c) || c == '_' || !partStart && char.IsAsciiDigit(c))
            {
                partStart = false;
            }
            else
            {
                return false;
            }
        }

        return !partStart;
    }

    /// <summary>An analysis code a policy may accept: <c>TR4</c> and three digits.</summary>
    public static bool IsAcceptableCode(string text) =>
        text.Length == 6 && text.StartsWith("TR4", StringComparison.Ordinal) && char.IsAsciiDigit(text[3]) && char.IsAsciiDigit(text[4]) && char.IsAsciiDigit(text[5]);
}
