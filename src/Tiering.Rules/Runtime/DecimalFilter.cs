using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Linq.Expressions;
using Tiering.Rules.Model;
using static System.Linq.Expressions.Expression;

namespace Tiering.Rules.Runtime;

/// <summary>
/// Exact comparisons of a decimal field with a constant, answered first by the field's <see cref="double"/> (converted
/// once per decision). A decimal comparison costs a call that aligns scales; a double comparison costs nothing. The
/// double decides every comparison its rounding cannot change, and only a value within a relative
/// <see cref="RelativeWindow"/> of the constant is compared as a decimal, so the answer is always the exact one.
/// </summary>
/// <remarks>
/// Why it is exact: converting a decimal to a double errs by at most a few units in the last place (relative error
/// ε &lt; 1e-15), and the conversion keeps the sign and maps only zero to zero. Let d(x) be the converted value and
/// w = |d(c)|·1e-12 ≫ 2ε|c|. If v ≤ c then d(v) ≤ d(c) + w (when |v| ≤ |c|, d(v) ≤ v + ε|c| ≤ c + ε|c|; when |v| &gt; |c|,
/// v is negative and d(v) ≤ v(1 − ε) &lt; −|c|(1 − ε) ≤ d(c) + w), so d(v) &gt; d(c) + w proves v &gt; c; by symmetry
/// d(v) &lt; d(c) − w proves v &lt; c. For c = 0 the window is empty and the double decides alone (only zero converts to
/// zero, and a zero double compares equal to 0 whatever its sign), with no decimal comparison in the tree: a loan whose
/// rate is 0 took the decimal one for its domain check and its rule (issue 25, session 14). Everything else falls through
/// to the decimal comparison.
/// </remarks>
internal static class DecimalFilter
{
    /// <summary>Half the width of the window around a constant, relative to the constant, where decimals decide.</summary>
    public const double RelativeWindow = 1e-12;

    /// <summary>The window of doubles around <paramref name="constant"/> in which the double cannot decide.</summary>
    public static (double Low, double High) Window(decimal constant)
    {
        var d = (double)constant;
        var half = Math.Abs(d) * RelativeWindow;
        return (d - half, d + half);
    }

    private static readonly System.Reflection.MethodInfo ToApproxMethod = typeof(DecimalFilter).GetMethod(nameof(ToApprox))!;

    /// <summary>The double a filtered field is compared by: <see cref="ToApprox"/> of the value.</summary>
    public static Expression Approximate(Expression value) => Call(ToApproxMethod, value);

    /// <summary>1, 0.1, …, 1e-28 (each the double nearest the power of ten).</summary>
    private static readonly double[] InversePowersOfTen =
    [
        1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14,
        1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20, 1e-21, 1e-22, 1e-23, 1e-24, 1e-25, 1e-26, 1e-27, 1e-28,
    ];

    /// <summary>
    /// A double within a relative 5e-16 of <paramref name="value"/>, with its sign, and 0 only for 0: the 96-bit
    /// mantissa as a double (two roundings at most), times the double nearest 10^-scale (two more). Four roundings of at most
    /// 2^-53 each stay far inside the ε &lt; 1e-15 the window assumes, and it costs a conversion and a multiply where
    /// <c>(double)value</c> divides (a tenth of a loan decision went to that division).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToApprox(decimal value)
    {
        // The decimal's own fields (flags, high 32 bits, low 64 bits of the mantissa), the layout .NET has kept since
        // Core 3.0; decimal.GetBits into a span cost more than the division it replaces.
        ref var bits = ref Unsafe.As<decimal, DecimalBits>(ref value);
        // ulong to double: one instruction with AVX-512 (one rounding); without it, as a long without the unsigned helper.
        var mantissa = Avx512F.IsSupported ? (double)bits.Low : ((double)(long)(bits.Low >> 1) * 2) + (bits.Low & 1);
        if (bits.High != 0)
        {
            mantissa += bits.High * 18446744073709551616.0; // 2^64
        }

        var magnitude = mantissa * InversePowersOfTen[(byte)(bits.Flags >> 16)];
        return bits.Flags < 0 ? -magnitude : magnitude;
    }

    private readonly struct DecimalBits
    {
        public readonly int Flags;
        public readonly uint High;
        public readonly ulong Low;
    }

    /// <summary>
    /// <c>value op constant</c> for a decimal <paramref name="value"/> whose double is <paramref name="approx"/>:
    /// the double's answer outside the constant's window, the decimal's inside it.
    /// </summary>
    public static Expression Compare(CompareOp op, Expression value, Expression approx, decimal constant)
    {
        if (constant == 0m)
        {
            // Only zero converts to zero, keeping its sign (-0 to -0.0, which compares as 0.0): the double decides alone.
            var zero = Constant(0.0);
            return op switch
            {
                CompareOp.Greater => GreaterThan(approx, zero),
                CompareOp.GreaterEqual => GreaterThanOrEqual(approx, zero),
                CompareOp.Less => LessThan(approx, zero),
                CompareOp.LessEqual => LessThanOrEqual(approx, zero),
                CompareOp.Equal => Equal(approx, zero),
                _ => NotEqual(approx, zero),
            };
        }

        var (low, high) = Window(constant);
        var c = Constant(constant);
        Expression Above() => GreaterThan(approx, Constant(high)); // certainly value > constant
        Expression Below() => LessThan(approx, Constant(low)); // certainly value < constant
        Expression NotBelow() => GreaterThanOrEqual(approx, Constant(low));
        Expression NotAbove() => LessThanOrEqual(approx, Constant(high));
        return op switch
        {
            CompareOp.Greater => OrElse(Above(), AndAlso(NotBelow(), GreaterThan(value, c))),
            CompareOp.GreaterEqual => OrElse(Above(), AndAlso(NotBelow(), GreaterThanOrEqual(value, c))),
            CompareOp.Less => OrElse(Below(), AndAlso(NotAbove(), LessThan(value, c))),
            CompareOp.LessEqual => OrElse(Below(), AndAlso(NotAbove(), LessThanOrEqual(value, c))),
            CompareOp.Equal => AndAlso(AndAlso(NotBelow(), NotAbove()), Equal(value, c)),
            _ => OrElse(OrElse(Below(), Above()), NotEqual(value, c)),
        };
    }
}
