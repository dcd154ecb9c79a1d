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
/// d(v) &lt; d(c) − w proves v &lt; c. For c = 0 the window is empty and the sign decides. Everything else falls through to
/// the decimal comparison.
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

    /// <summary>The double a filtered field is compared by: <c>(double)value</c>.</summary>
    public static Expression Approximate(Expression value) => Convert(value, typeof(double));

    /// <summary>
    /// <c>value op constant</c> for a decimal <paramref name="value"/> whose double is <paramref name="approx"/>:
    /// the double's answer outside the constant's window, the decimal's inside it.
    /// </summary>
    public static Expression Compare(CompareOp op, Expression value, Expression approx, decimal constant)
    {
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
