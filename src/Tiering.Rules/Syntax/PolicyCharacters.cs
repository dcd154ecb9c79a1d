using System.Globalization;
using System.Text;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Text;

namespace Tiering.Rules.Syntax;

/// <summary>
/// Characters a policy file may not hold, because they make a file read differently from what it says: control
/// characters (NUL, and the C1 controls: U+0085 is a line break to YAML 1.1 readers, so YamlDotNet's line numbers ran
/// past the file's end), the Unicode line and paragraph separators (likewise), the bidirectional controls that reorder
/// how text is shown (U+202A–U+202E, U+2066–U+2069: "Trojan Source"), and text not in Unicode normalization form C
/// (<c>é</c> written as <c>e</c> plus a combining accent would be a second, look-alike output key or enum value). All
/// are rejected (TR1012) at their position, never normalised: what the engine reads is what the author sees. A leading
/// byte order mark is not text and is skipped by the reader. Tabs and line ends are the YAML readers' business.
/// </summary>
internal static class PolicyCharacters
{
    /// <summary>Reports the first forbidden character of the raw text (comments included); false when there is one.</summary>
    /// <param name="path">The file's path, for the position.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="diagnostics">Where the error goes.</param>
    /// <returns>True when the text may be read.</returns>
    public static bool CheckText(string path, string text, List<Diagnostic> diagnostics)
    {
        int line = 1, lineStart = 0;
        var stable = true; // every character ASCII or IsStable: the text is in form C without asking the framework
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            if (c < 0x80)
            {
                if (c < 0x20 && c is not ('\t' or '\r'))
                {
                    return Report(path, line, i - lineStart + 1, c, diagnostics);
                }

                continue;
            }

            if (Why(c) is not null)
            {
                return Report(path, line, i - lineStart + 1, c, diagnostics);
            }

            stable = stable && IsStable(c);
        }

        return stable || text.IsNormalized(NormalizationForm.FormC) || ReportNotNormalized(path, text, diagnostics);
    }

    /// <summary>
    /// Reports forbidden characters that a quoted scalar's escapes made (<c>"\u202E"</c>, <c>"\0"</c>), at the scalar;
    /// false when there is one.
    /// </summary>
    /// <param name="node">The root of the tree.</param>
    /// <param name="diagnostics">Where the errors go.</param>
    /// <returns>True when every scalar may be read.</returns>
    public static bool CheckScalars(SyntaxNode node, List<Diagnostic> diagnostics)
    {
        switch (node)
        {
            case ScalarSyntax scalar:
                return CheckScalar(scalar, diagnostics);
            case SequenceSyntax sequence:
                var itemsOk = true;
                foreach (var item in sequence.Items)
                {
                    itemsOk &= CheckScalars(item, diagnostics);
                }

                return itemsOk;
            case MappingSyntax mapping:
                var entriesOk = true;
                foreach (var entry in mapping.Entries)
                {
                    entriesOk &= CheckScalar(entry.Key, diagnostics) & CheckScalars(entry.Value, diagnostics);
                }

                return entriesOk;
            default:
                return true;
        }
    }

    private static bool CheckScalar(ScalarSyntax scalar, List<Diagnostic> diagnostics)
    {
        if (!scalar.IsQuoted)
        {
            return true; // a plain or block scalar holds only the file's own characters, already checked
        }

        foreach (var c in scalar.Value)
        {
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || (c >= 0x80 && Why(c) is not null))
            {
                diagnostics.Add(DiagnosticDescriptors.ForbiddenCharacter.Create(scalar.Span, Code(c), Why(c) ?? ControlCharacter));
                return false;
            }
        }

        if (!IsNormalized(scalar.Value))
        {
            diagnostics.Add(DiagnosticDescriptors.NotNormalized.Create(scalar.Span));
            return false;
        }

        return true;
    }

    private const string ControlCharacter = "a control character";

    /// <summary>
    /// Whether <paramref name="text"/> is in normalization form C: at once when every character is one that no
    /// normalization can touch (<see cref="IsStable"/>), as the Chinese of the shipped policies is; otherwise by the
    /// framework, whose normalization loads ICU, the platform's Unicode library (some 3.5 ms of a fresh process's
    /// first load, for policies whose answer is known from the characters alone).
    /// </summary>
    internal static bool IsNormalized(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 && !IsStable(c))
            {
                return text.IsNormalized(NormalizationForm.FormC);
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="c"/> is a character that leaves any text in normalization form C as it is: assigned,
    /// not a combining mark (canonical combining class 0), not the second of any canonical composition, and its own
    /// normalization form C (no singleton or excluded decomposition); for such characters (and ASCII) Unicode's quick
    /// check answers yes without a table (UAX #15). The ranges are those characters of the common blocks (Latin-1,
    /// Greek, punctuation, letterlike and number forms, arrows, mathematical operators, technical symbols, enclosed
    /// numbers, box drawing, shapes, symbols, dingbats, CJK symbols, kana, CJK ideographs and extension A, half- and
    /// full-width forms), computed from the Unicode Character Database; assignments, combining classes and decompositions of assigned characters never change
    /// (Unicode's stability policy), and a character assigned later in these blocks only takes the framework's check.
    /// Tested against the framework character by character (PolicyCharactersTests).
    /// </summary>
    internal static bool IsStable(char c)
    {
        if (c is >= '\u4E00' and <= '\u9FFF')
        {
            return true; // CJK unified ideographs: the bulk of a Chinese policy
        }

        var ranges = StableRanges;
        for (var i = 0; i < ranges.Length; i += 2)
        {
            if (c < ranges[i])
            {
                return false;
            }

            if (c <= ranges[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// First and last character of each run of <see cref="IsStable"/> characters, in order (a string: a span of
    /// characters over constant data is a generic call the JIT compiles where the image is not used).
    /// </summary>
    internal const string StableRanges =
        "\u00A0\u00FF\u0370\u0373\u0375\u0377\u037A\u037D\u037F\u037F\u0384\u0386"
        + "\u0388\u038A\u038C\u038C\u038E\u03A1\u03A3\u03FF\u2002\u2064\u2066\u206F"
        + "\u2100\u2125\u2127\u2129\u212C\u218B\u2190\u2328\u232B\u23FF\u2460\u257F"
        + "\u25A0\u27BF\u3000\u3029\u3030\u303F\u3041\u3096\u309B\u30FF\u3400\u4DBF"
        + "\u4E00\u9FFF\uFF01\uFFBE\uFFC2\uFFC7\uFFCA\uFFCF\uFFD2\uFFD7\uFFDA\uFFDC"
        + "\uFFE0\uFFE6\uFFE8\uFFEE";

    /// <summary>Why a character from U+0080 up may not appear, or null when it may.</summary>
    private static string? Why(char c) => c switch
    {
        >= '\u0080' and <= '\u009F' => c == '\u0085' ? "a line break to some YAML readers and not to others" : ControlCharacter,
        '\u2028' or '\u2029' => "a line break to some YAML readers and not to others",
        (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => "a bidirectional control, which shows text in another order than it is read",
        '\uFEFF' => "a byte order mark inside the text",
        _ => null,
    };

    private static string Code(char c) => ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static bool Report(string path, int line, int column, char c, List<Diagnostic> diagnostics)
    {
        var at = new SourcePosition(line, column);
        diagnostics.Add(DiagnosticDescriptors.ForbiddenCharacter.Create(new SourceSpan(path, at, at), Code(c), Why(c) ?? ControlCharacter));
        return false;
    }

    /// <summary>Reports the first line that is not in normalization form C, at its first combining mark.</summary>
    private static bool ReportNotNormalized(string path, string text, List<Diagnostic> diagnostics)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].IsNormalized(NormalizationForm.FormC))
            {
                var column = 1;
                for (var j = 0; j < lines[i].Length; j++)
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(lines[i][j]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                    {
                        column = j + 1;
                        break;
                    }
                }

                var at = new SourcePosition(i + 1, column);
                diagnostics.Add(DiagnosticDescriptors.NotNormalized.Create(new SourceSpan(path, at, at)));
                return false;
            }
        }

        // Normalization can join across a line end only in theory; report the file's start rather than nothing.
        diagnostics.Add(DiagnosticDescriptors.NotNormalized.Create(SourceSpan.FileStart(path)));
        return false;
    }
}
