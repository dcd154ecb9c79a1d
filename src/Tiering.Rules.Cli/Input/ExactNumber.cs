using System.Globalization;

namespace Tiering.Rules.Cli.Input;

/// <summary>
/// Parses a number from its text as a <see cref="decimal"/> exactly or not at all: <see cref="decimal.TryParse(string?, out decimal)"/>
/// rounds a number with more significant digits than a decimal holds (<c>0.1000000000000000000000000000001</c> becomes
/// <c>0.1</c>, which can move a value across a band edge), so such a number is refused with a message saying so.
/// </summary>
internal static class ExactNumber
{
    /// <summary>Up to this many digits, every number without an exponent is a decimal exactly.</summary>
    private const int SafeDigits = 28;

    /// <summary>Parses <paramref name="text"/>: digits with an optional sign and decimal point, and an exponent when <paramref name="allowExponent"/>.</summary>
    /// <returns>
    /// <see cref="Parse.Number"/> with the value; <see cref="Parse.NotANumber"/> when the text is not a number in that
    /// syntax; <see cref="Parse.Inexact"/> with <paramref name="problem"/> when it is a number no decimal holds exactly.
    /// </returns>
    public static Parse TryParse(ReadOnlySpan<char> text, bool allowExponent, out decimal value, out string? problem)
    {
        value = default;
        problem = null;
        var digits = 0;
        var exponent = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is 'e' or 'E')
            {
                exponent = true;
            }
        }

        if (digits == 0 || (exponent && !allowExponent))
        {
            return Parse.NotANumber;
        }

        var styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | (allowExponent ? NumberStyles.AllowExponent : NumberStyles.None);
        var parsed = decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out value);
        if (parsed && digits <= SafeDigits && !exponent)
        {
            return Parse.Number;
        }

        if (!Normalize(text, out var wanted, out var wantedExponent))
        {
            return Parse.NotANumber;
        }

        if (!parsed)
        {
            problem = $"'{text}' is beyond the range of a decimal (±{decimal.MaxValue.ToString(CultureInfo.InvariantCulture)})";
            return Parse.Inexact;
        }

        Normalize(value.ToString(CultureInfo.InvariantCulture), out var got, out var gotExponent);
        if (wanted == got && (wanted.Length == 0 || wantedExponent == gotExponent))
        {
            return Parse.Number;
        }

        problem = $"'{text}' has more significant digits than a decimal holds exactly (28 or 29); it would be rounded to {value.ToString(CultureInfo.InvariantCulture)}";
        value = default;
        return Parse.Inexact;
    }

    /// <summary>The value's significant digits (no leading or trailing zeros; empty for zero) and the power of ten they are scaled by.</summary>
    private static bool Normalize(ReadOnlySpan<char> text, out string digits, out long exponent)
    {
        digits = string.Empty;
        exponent = 0;
        var builder = new System.Text.StringBuilder(text.Length);
        var fraction = 0;
        var inFraction = false;
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
                fraction += inFraction ? 1 : 0;
            }
            else if (c == '.' && !inFraction)
            {
                inFraction = true;
            }
            else if (c is 'e' or 'E')
            {
                if (!long.TryParse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                {
                    return false;
                }

                break;
            }
            else
            {
                return false;
            }
        }

        var all = builder.ToString().TrimStart('0');
        var trimmed = all.TrimEnd('0');
        exponent += all.Length - trimmed.Length - fraction;
        digits = trimmed;
        return true;
    }

    /// <summary>What <see cref="TryParse"/> found.</summary>
    public enum Parse
    {
        /// <summary>A number, held exactly.</summary>
        Number,

        /// <summary>Not a number in the syntax asked for.</summary>
        NotANumber,

        /// <summary>A number no decimal holds exactly (too many digits, or out of range).</summary>
        Inexact,
    }
}
