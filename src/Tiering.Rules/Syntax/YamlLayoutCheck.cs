using System.Text.RegularExpressions;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Text;

namespace Tiering.Rules.Syntax;

/// <summary>
/// When YamlDotNet cannot parse a file, looks at the lines up to where it stopped for the layout mistakes people make
/// and YamlDotNet words obscurely or reports on another line: a tab or a full-width space (U+3000) in the indentation,
/// a full-width colon after a key, and a key indented differently from its siblings. The first one found replaces
/// YamlDotNet's message, at its true line and saying what to do. Only ever asked about a file that does not parse.
/// </summary>
internal static partial class YamlLayoutCheck
{
    /// <summary>The layout mistake behind a YAML error reported at <paramref name="errorLine"/>, or null when none is found.</summary>
    public static Diagnostic? Find(string path, string text, int errorLine)
    {
        var lines = text.Split('\n');
        var levels = new List<Level> { new(0, null, false) };
        string? opener = null;
        var blockScalarIndent = -1;
        var flowDepth = 0;
        var last = Math.Min(lines.Length, errorLine + 1);
        for (var i = 0; i < last; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            var indentEnd = 0;
            while (indentEnd < line.Length && line[indentEnd] is ' ' or '\t' or '\u3000')
            {
                indentEnd++;
            }

            if (indentEnd == line.Length || line[indentEnd] == '#')
            {
                continue;
            }

            var indent = line.AsSpan(0, indentEnd);
            if (blockScalarIndent >= 0 && indentEnd > blockScalarIndent && !indent.ContainsAny('\t', '\u3000'))
            {
                continue;   // the content of a block scalar (| or >)
            }

            blockScalarIndent = -1;
            if (indent.IndexOf('\t') is var tab and >= 0)
            {
                return DiagnosticDescriptors.TabIndent.Create(SourceSpan.At(path, new SourcePosition(number, tab + 1)), number);
            }

            if (indent.IndexOf('\u3000') is var wide and >= 0)
            {
                return DiagnosticDescriptors.FullWidthSpaceIndent.Create(SourceSpan.At(path, new SourcePosition(number, wide + 1)), number);
            }

            var inFlow = flowDepth > 0;
            flowDepth = Math.Max(0, flowDepth + FlowBalance(line));
            if (inFlow)
            {
                continue;   // inside a { … } or [ … ] that spans lines: not block layout
            }

            var content = line[indentEnd..];
            var column = indentEnd;
            var item = false;
            if (content.StartsWith("- ", StringComparison.Ordinal) || content == "-")
            {
                item = true;
                var skip = 1;
                while (skip < content.Length && content[skip] == ' ')
                {
                    skip++;
                }

                content = content[skip..];
                column += skip;
            }

            if (WideColonKey().Match(content) is { Success: true } wideColon)
            {
                return DiagnosticDescriptors.FullWidthColon.Create(
                    SourceSpan.At(path, new SourcePosition(number, column + wideColon.Groups[1].Length + 1)), number, wideColon.Groups[1].Value.TrimEnd());
            }

            var key = Key().Match(content);
            if (item)
            {
                // The sequence's level (its dashes), then, for "- key: …", the level of the item's keys.
                var at = levels.FindLastIndex(l => l.Indent == indentEnd && !l.IsItem);
                if (at >= 0)
                {
                    levels.RemoveRange(at + 1, levels.Count - at - 1);
                }
                else if (opener is not null && indentEnd >= levels[^1].Indent)
                {
                    levels.Add(new Level(indentEnd, opener, false));
                }

                if (key.Success)
                {
                    levels.Add(new Level(column, levels[^1].OpenedBy, true));
                }
            }
            else if (key.Success)
            {
                var at = levels.FindLastIndex(l => l.Indent == indentEnd);
                if (at >= 0)
                {
                    levels.RemoveRange(at + 1, levels.Count - at - 1);
                }
                else if (opener is not null && indentEnd > levels[^1].Indent)
                {
                    levels.Add(new Level(indentEnd, opener, false));
                }
                else if (levels.Count > 1)
                {
                    var siblings = levels[^1];
                    return DiagnosticDescriptors.Misindented.Create(
                        SourceSpan.At(path, new SourcePosition(number, indentEnd + 1)), number, key.Groups[1].Value, indentEnd, Describe(siblings), siblings.Indent);
                }
            }

            var rest = key.Success ? content[key.Length..].TrimStart() : string.Empty;
            if (rest.StartsWith('#'))
            {
                rest = string.Empty;
            }

            opener = key.Success && rest.Length == 0 ? key.Groups[1].Value : null;
            if (key.Success && rest.Length > 0 && rest[0] is '|' or '>')
            {
                blockScalarIndent = item ? column : indentEnd;
            }
        }

        return null;
    }

    /// <summary>How many flow collections the line opens minus how many it closes, outside quotes and comments.</summary>
    private static int FlowBalance(string line)
    {
        var balance = 0;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                break;
            }
            else
            {
                balance += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
            }
        }

        return balance;
    }

    private static string Describe(Level level) => level.OpenedBy switch
    {
        null => "mapping",
        var name when level.IsItem && name.EndsWith('s') => name[..^1],
        var name when level.IsItem => $"'{name}' item",
        var name => $"'{name}' mapping",
    };

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*\s*)：")]
    private static partial Regex WideColonKey();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?=\s|$)")]
    private static partial Regex Key();

    /// <summary>A block level: the column of its keys (or dashes), the key that opened it, and whether it is an item's mapping.</summary>
    private sealed record Level(int Indent, string? OpenedBy, bool IsItem);
}
