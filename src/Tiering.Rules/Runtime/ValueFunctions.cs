namespace Tiering.Rules.Runtime;

/// <summary>
/// The functions of the expression language whose meaning is more than one operator, shared by both compiled tiers
/// (closures and expression trees call these same methods, so they cannot disagree). Pure and thread-safe.
/// </summary>
internal static class ValueFunctions
{
    /// <summary>
    /// <c>round(x, digits)</c>: half away from zero (四舍五入), and the result carries exactly <paramref name="digits"/>
    /// decimals (<c>round(1000, 2)</c> is <c>1000.00</c>), so an amount rounded to the fen prints to the fen.
    /// </summary>
    public static decimal Round(decimal value, int digits)
    {
        var rounded = decimal.Round(value, digits, MidpointRounding.AwayFromZero);
        return rounded.Scale < digits ? rounded + new decimal(0, 0, 0, false, (byte)digits) : rounded;
    }
}
