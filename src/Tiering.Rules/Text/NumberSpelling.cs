using System.Globalization;

namespace Tiering.Rules.Text;

/// <summary>
/// Recognises a number written the way documents write it, which neither YAML nor the expression language reads:
/// with thousands separators (<c>3,000,000</c>) or a Chinese magnitude (<c>300万</c>, <c>1.5亿</c>), and gives the
/// spellings that are read (<c>3000000</c>, <c>3_000_000</c>), so the error can say what to write.
/// </summary>
internal static class NumberSpelling
{
    /// <summary>
    /// Reads such a number at <paramref name="start"/>. One thousands group alone (<c>1,500</c>) counts only when
    /// <paramref name="allowSingleGroup"/> (in an expression it may be the two bounds of an interval, <c>[1,500)</c>).
    /// </summary>
    public static bool TryRead(string text, int start, bool allowSingleGroup, out int end, out string plain, out string underscored)
    {
        end = start;
        plain = underscored = string.Empty;
        var i = start;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        var lead = i - start;
        if (lead == 0)
        {
            return false;
        }

        // 3,000,000: one to three digits, then groups of exactly three after each comma, then an optional fraction.
        var groups = 0;
        while (lead <= 3 && text.IndexOf('_', start, lead) < 0 && i < text.Length && text[i] == ',' && IsDigits(text, i + 1, 3) && (i + 4 == text.Length || !char.IsAsciiDigit(text[i + 4])))
        {
            i += 4;
            groups++;
        }

        if (groups > 0)
        {
            if (groups == 1 && !allowSingleGroup)
            {
                return false;
            }

            i = Fraction(text, i);
            end = i;
            return Spell(decimal.Parse(text[start..i].Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture), out plain, out underscored);
        }

        // 300万, 1.5亿.
        i = Fraction(text, i);
        var number = text[start..i];
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i < text.Length && text[i] is '万' or '亿')
        {
            end = i + 1;
            var value = decimal.Parse(number.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            return Spell(value * (text[i] == '亿' ? 100_000_000m : 10_000m), out plain, out underscored);
        }

        return false;
    }

    /// <summary>Whether the <paramref name="count"/> characters (three, a group) from <paramref name="from"/> are digits.
    /// A loop, not the framework's vectorised search: its first use costs a first load seven type loads.</summary>
    private static bool IsDigits(string text, int from, int count)
    {
        if (from + count > text.Length)
        {
            return false;
        }

        for (var i = from; i < from + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Fraction(string text, int i)
    {
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return i;
    }

    private static bool Spell(decimal value, out string plain, out string underscored)
    {
        plain = (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        var point = plain.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? plain : plain[..point];
        var grouped = new System.Text.StringBuilder();
        for (var i = 0; i < integer.Length; i++)
        {
            if (i > 0 && (integer.Length - i) % 3 == 0)
            {
                grouped.Append('_');
            }

            grouped.Append(integer[i]);
        }

        underscored = grouped + (point < 0 ? string.Empty : plain[point..]);
        return true;
    }
}
