using System.Globalization;

namespace Tiering.Rules.Text;

/// <summary>
/// Numbers are exact or rejected: parses decimal text and converts doubles only when the <see cref="decimal"/> holds the
/// value exactly. <c>decimal.Parse</c> rounds a number with more significant digits than a decimal has (28–29) and
/// quietly turns a value below 1e-28 into zero; a cast from <see cref="double"/> keeps 15 significant digits, so
/// 49999.999999999993 became 50000. Here a value is taken as written (a double as its shortest round-trip text, which is
/// what its producer wrote) or refused.
/// </summary>
internal static class ExactDecimal
{
    /// <summary>10^27: a mantissa at least this large has the most digits a decimal holds, where rounding can hide.</summary>
    /// <summary>10^27 = 0x033B2E3C_9FD0803CE8000000, as the high 32 and low 64 bits of a 96-bit mantissa.</summary>
    private const uint TenTo27High = 0x033B2E3C;

    private const ulong TenTo27Low = 0x9FD0803CE8000000;

    /// <summary>The largest whole double a cast converts exactly (the cast keeps 15 significant digits).</summary>
    private const double CastExactBelow = 1e15;

    /// <summary>Parses <paramref name="text"/> with <paramref name="styles"/>; false when it is no number or a decimal cannot hold it exactly.</summary>
    /// <param name="text">The text, in the invariant culture.</param>
    /// <param name="styles">What the text may hold (sign, point, exponent).</param>
    /// <param name="value">The value, exactly.</param>
    /// <param name="inexact">True when the text is a number that a decimal can only hold rounded (or not at all).</param>
    /// <returns>True when parsed exactly.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, NumberStyles styles, out decimal value, out bool inexact)
    {
        inexact = false;
        if (TryParsePlain(text, (styles & NumberStyles.AllowLeadingSign) != 0, out value))
        {
            return true;
        }

        if (!decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out value))
        {
            // Overflow is a number too large, not text that is no number.
            inexact = double.TryParse(text, styles, CultureInfo.InvariantCulture, out _);
            return false;
        }

        if ((value == 0 || MayBeRounded(value)) && !SameNumber(text, value))
        {
            inexact = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The common literal of a policy or a fact: an optional sign, up to 18 digits and at most one point between digits
    /// (<c>5000000</c>, <c>0.30</c>, <c>-12.5</c>), made into its decimal directly: the digits as the mantissa, the digits
    /// after the point as the scale, which is exactly what <c>decimal.Parse</c> gives, and exact by construction (18
    /// digits fit a 64-bit mantissa, so nothing can round). False for anything else, which the general parse decides:
    /// more digits, an exponent, a point without digits on both sides, a <c>+</c>, a negative zero. A policy's first load
    /// parses its numbers here, without the culture's number formats and the formatting a zero's check took.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="allowSign">Whether a leading <c>-</c> is allowed.</param>
    /// <param name="value">The value, when true.</param>
    /// <returns>True when the text is such a literal.</returns>
    internal static bool TryParsePlain(ReadOnlySpan<char> text, bool allowSign, out decimal value)
    {
        value = 0;
        var negative = allowSign && text.Length > 0 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.Length is 0 or > 19)
        {
            return false;
        }

        ulong mantissa = 0;
        var point = -1;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (c == '.' && point < 0 && i > 0 && i < digits.Length - 1)
            {
                point = i;
            }
            else if (char.IsAsciiDigit(c))
            {
                mantissa = (mantissa * 10) + (ulong)(c - '0');
            }
            else
            {
                return false;
            }
        }

        if (digits.Length - (point < 0 ? 0 : 1) > 18 || (negative && mantissa == 0))
        {
            return false;
        }

        var scale = point < 0 ? 0 : digits.Length - point - 1;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is at a decimal's precision limit (28 or more significant digits, or 28 decimal
    /// places), the only place a parse can have rounded. A few bit tests: this is on the decision path of JSON facts.
    /// </summary>
    /// <param name="value">A parsed value.</param>
    /// <returns>True when the text must be compared.</returns>
    public static bool MayBeRounded(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (((bits[3] >> 16) & 0xFF) >= 28)
        {
            return true;
        }

        // The 96-bit mantissa against 10^27 as (high 32 bits, low 64 bits): UInt128 arithmetic is not in the ReadyToRun
        // image, and a first load JIT-compiled it.
        var high = (uint)bits[2];
        var low = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        return high > TenTo27High || (high == TenTo27High && low >= TenTo27Low);
    }

    /// <summary>
    /// The decimal that holds <paramref name="d"/> as its shortest round-trip text (what <c>d.ToString("R")</c> prints),
    /// or false when there is none: NaN, infinities, values beyond the decimal range, or more than 28 decimal places.
    /// </summary>
    /// <param name="d">The double.</param>
    /// <param name="value">The decimal.</param>
    /// <returns>True when converted exactly.</returns>
    public static bool TryFromDouble(double d, out decimal value)
    {
        if (Math.Abs(d) < CastExactBelow && d == Math.Floor(d))
        {
            value = (decimal)d; // a whole number of at most 15 digits: the cast is exact, and cheap
            return true;
        }

        value = 0;
        if (!double.IsFinite(d))
        {
            return false;
        }

        Span<char> text = stackalloc char[32];
        return d.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture)
            && TryParse(text[..written], NumberStyles.Float, out value, out _);
    }

    /// <summary>Whether the digits and magnitude of <paramref name="text"/> are those of <paramref name="value"/>.</summary>
    /// <param name="text">A number's text.</param>
    /// <param name="value">The decimal parsed from it.</param>
    /// <returns>True when the decimal is the number written.</returns>
    public static bool SameNumber(ReadOnlySpan<char> text, decimal value)
    {
        Span<char> printed = stackalloc char[40];
        value.TryFormat(printed, out var written, default, CultureInfo.InvariantCulture);
        return Normalize(text, out var textExponent) is var a && Normalize(printed[..written], out var valueExponent) is var b
            && a == b && (a.Length == 0 || textExponent == valueExponent);
    }

    /// <summary>The significant digits of a number's text (no sign, point, or leading and trailing zeros) and the power of ten of the first.</summary>
    private static string Normalize(ReadOnlySpan<char> text, out long exponent)
    {
        exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = long.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var digits = new System.Text.StringBuilder(text.Length);
        var point = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                point = digits.Length;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        if (point < 0)
        {
            point = digits.Length;
        }

        var all = digits.ToString();
        var leading = all.Length - all.TrimStart('0').Length;
        var significant = all.Trim('0');
        exponent += point - leading - 1;
        return significant;
    }
}
