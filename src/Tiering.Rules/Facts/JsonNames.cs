using System.Text;
using Tiering.Rules.Model;

namespace Tiering.Rules.Facts;

/// <summary>
/// The declared fields' names as a JSON object's members are matched (<see cref="JsonFields"/>): each in UTF-8, the
/// plain (not nested) fields by the byte length of their name, and the order the last object's members came in.
/// </summary>
internal sealed class JsonNames
{
    public JsonNames(FieldDefinition[] fields, bool[] nested)
    {
        Utf8 = [.. fields.Select(f => Encoding.UTF8.GetBytes(f.Name))];
        Nested = nested;
        var longest = Utf8.Length == 0 ? 0 : Utf8.Max(n => n.Length);
        ByLength = new int[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            ByLength[length] = [.. Enumerable.Range(0, fields.Length).Where(i => !nested[i] && Utf8[i].Length == length)];
        }

        Order = [.. Enumerable.Range(0, fields.Length)];
    }

    /// <summary>Each field's name in UTF-8, as a JSON member name is compared.</summary>
    public byte[][] Utf8 { get; }

    /// <summary>Whether each field has a dotted name (such fields are looked up by path, not matched here).</summary>
    public bool[] Nested { get; }

    /// <summary>The indices of the plain fields whose UTF-8 name has each length.</summary>
    public int[][] ByLength { get; }

    /// <summary>
    /// The field that the member at each position of the last JSON object matched, tried first for the member at the same
    /// position of the next (producers write members in one order). Written racily: only ever a guess, always checked.
    /// </summary>
    public int[] Order { get; }
}
