using System.Text;

namespace Tiering.Rules.Tests.Support;

/// <summary>
/// Damages a policy file the way a hurried edit does: a character deleted or doubled, a line dropped, duplicated or
/// swapped, indentation shifted, something typed in, a digit turned into text, a colon lost, the file cut short.
/// </summary>
internal static class PolicyDamage
{
    /// <summary>What authors type by mistake: brackets, quotes, colons, tabs, YAML indicators, full-width punctuation.</summary>
    public static readonly string[] AuthorTypos = ["{", "}", "[", "]", ":", ": ", "\"", "'", "\t", "#", "-", "- ", ",", "&a ", "*a", "!!str ", "|", ">", "%", "@", "`", "\\", "\u00A0", "？", "：", "\r"];

    /// <summary>Returns the damaged text and a description of the damage (for the failure message).</summary>
    public static (string Text, string What) Apply(string text, Random random, IReadOnlyList<string> typos)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        var at = lines[line].Length == 0 ? 0 : random.Next(lines[line].Length + 1);
        switch (random.Next(10))
        {
            case 0 when lines[line].Length > 0:
                var cut = Math.Min(at, lines[line].Length - 1);
                lines[line] = lines[line].Remove(cut, 1);
                return (Join(lines), $"line {line + 1}: deleted column {cut + 1}");
            case 1 when lines[line].Length > 0:
                var twice = Math.Min(at, lines[line].Length - 1);
                lines[line] = lines[line].Insert(twice, lines[line][twice].ToString());
                return (Join(lines), $"line {line + 1}: doubled column {twice + 1}");
            case 2:
                lines.RemoveAt(line);
                return (Join(lines), $"line {line + 1}: removed");
            case 3:
                lines.Insert(line, lines[line]);
                return (Join(lines), $"line {line + 1}: duplicated");
            case 4:
                lines[line] = random.Next(2) == 0 ? "  " + lines[line] : lines[line].TrimStart(' ').PadLeft(Math.Max(0, lines[line].Length - 3));
                return (Join(lines), $"line {line + 1}: indentation shifted");
            case 5:
                var typed = typos[random.Next(typos.Count)];
                lines[line] = lines[line].Insert(at, typed);
                return (Join(lines), $"line {line + 1}: typed '{Escape(typed)}' at column {at + 1}");
            case 6:
                var digit = lines[line].IndexOfAny("0123456789".ToCharArray());
                if (digit >= 0)
                {
                    lines[line] = lines[line][..digit] + "abc" + lines[line][(digit + 1)..];
                    return (Join(lines), $"line {line + 1}: a digit became 'abc'");
                }

                goto default;
            case 7:
                var keep = random.Next(text.Length);
                return (text[..keep], $"cut after {keep} characters");
            case 8:
                var colon = lines[line].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    lines[line] = lines[line].Remove(colon, 1);
                    return (Join(lines), $"line {line + 1}: colon removed");
                }

                goto default;
            default:
                var other = random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return (Join(lines), $"lines {line + 1} and {other + 1} swapped");
        }
    }

    private static string Join(List<string> lines) => string.Join('\n', lines);

    private static string Escape(string s) =>
        new StringBuilder(s).Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\u00A0", "\\u00A0").ToString();
}
