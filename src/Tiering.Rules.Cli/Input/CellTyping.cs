namespace Tiering.Rules.Cli.Input;

/// <summary>
/// Types a CSV cell by its field: a number field takes an invariant-culture decimal (exactly, see
/// <see cref="ExactNumber"/>), a boolean field true/false; an empty cell is absent. A cell that is not of its field's
/// type is passed on as text, so the engine reports the record invalid naming the field and the value.
/// </summary>
internal static class CellTyping
{
    /// <summary>The value for <paramref name="field"/>, or null with <paramref name="problem"/> when the number cannot be held exactly.</summary>
    public static object? Type(string cell, PolicyFieldInfo field, out string? problem)
    {
        problem = null;
        if (cell.Length == 0)
        {
            return null;
        }

        switch (field.Type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                return ExactNumber.TryParse(cell, allowExponent: false, out var number, out problem) switch
                {
                    ExactNumber.Parse.Number => number,
                    ExactNumber.Parse.Inexact => null,
                    _ => cell,
                };
            case FieldType.Boolean:
                return cell.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
                    : cell.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
                    : cell;
            default:
                return cell;
        }
    }
}
