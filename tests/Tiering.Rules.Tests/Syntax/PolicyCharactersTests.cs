using System.Globalization;
using System.Text;
using Tiering.Rules.Syntax;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>
/// The small ones of issue 23 (item 6): a byte order mark in text handed to LoadSources is skipped; characters that
/// make a file read differently from what it shows (U+0085 and the line separators, bidirectional controls, NUL, text
/// not in normalization form C) are rejected at their position; the non-specific tag <c>!</c> is a tag like any other;
/// a no-break space between tokens is an unexpected character.
/// </summary>
public sealed class PolicyCharactersTests
{
    private const string Basic = "policy: p\nversion: \"1\"\nfields:\n  n: { type: integer, min: 0 }\ngrades: [a, b]\nhitPolicy: first\ndefault: a\nrules:\n  - { id: R1, when: \"n > 1\", then: b }\n";

    [Fact]
    public void LoadSources_LeadingByteOrderMark_IsSkippedAndPositionsStayTheSame()
    {
        var withMark = TryLoad("\uFEFF" + Basic.Replace("n > 1", "n > 1 and n < -1", StringComparison.Ordinal));
        var without = TryLoad(Basic.Replace("n > 1", "n > 1 and n < -1", StringComparison.Ordinal));

        withMark.Diagnostics.Select(d => d.ToString()).Should().Equal(without.Diagnostics.Select(d => d.ToString()));
        withMark.Diagnostics.Should().ContainSingle(d => d.Code == "TR4003", "the load reads the policy, not an unknown key '\\uFEFFpolicy'");
    }

    [Theory]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void Load_LineBreakOfYaml11InAComment_IsRejectedOnItsOwnLine(string character)
    {
        var result = TryLoad(Basic.Replace("default: a", "default: a # x" + character + "y", StringComparison.Ordinal));

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("TR1012");
        (error.Span.Start.Line, error.Span.Start.Column).Should().Be((7, 15), "the line counted by line feeds, not past the file's end");
    }

    [Theory]
    [InlineData("'a\u202Eb' = 'x'", 9)]
    [InlineData("'a\u2066b' = 'x'", 9)]
    public void Load_BidirectionalControlInATextLiteral_IsRejected(string literal, int line)
    {
        var result = TryLoad(Basic.Replace("\"n > 1\"", $"\"n > 1 and {literal}\"", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Should().Match<Rules.Diagnostics.Diagnostic>(e => e.Code == "TR1012" && e.Span.Start.Line == line);
    }

    [Theory]
    [InlineData("\\u202E")]
    [InlineData("\\0")]
    [InlineData("\\x85")]
    public void Load_ForbiddenCharacterMadeByAnEscape_IsRejectedAtTheScalar(string escape)
    {
        var result = TryLoad(Basic.Replace("grades: [a, b]", $"grades: [a, \"b{escape}\"]", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Should().Match<Rules.Diagnostics.Diagnostic>(e => e.Code == "TR1012" && e.Span.Start.Line == 5);
    }

    [Fact]
    public void Load_DecomposedOutputKeyNextToItsComposedTwin_IsRejected()
    {
        var result = TryLoad(Basic.Replace("grades: [a, b]", "grades: [{ id: a, outputs: { caf\u00e9: 1, cafe\u0301: 2 } }, b]", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Should().Match<Rules.Diagnostics.Diagnostic>(e => e.Code == "TR1012" && e.Message.Contains("normalization form C"));
    }

    [Fact]
    public void Load_ComposedNonAsciiText_Loads()
    {
        TryLoad(Basic.Replace("grades: [a, b]", "grades: [{ id: a, label: 未分层 café }, b]", StringComparison.Ordinal)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Load_NonSpecificTag_IsRejectedLikeAnyTag()
    {
        var result = TryLoad(Basic.Replace("min: 0", "min: ! 0", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("TR1004");
    }

    [Theory]
    [InlineData("\u00A0")]
    [InlineData("\u2003")]
    public void Load_UnicodeSpaceBetweenTokens_IsAnUnexpectedCharacter(string space)
    {
        var result = TryLoad(Basic.Replace("n > 1", $"n{space}> 1", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Should().Match<Rules.Diagnostics.Diagnostic>(e => e.Code == "TR2002" && e.Message.Contains("U+"));
    }

    [Fact]
    public void IsStable_EveryCharacterOfTheRanges_IsAnAssignedStarterThatNoNormalizationTouches()
    {
        // The characters after the first in every canonical decomposition of the BMP, by the framework's (ICU's) data:
        // the combining marks and the Hangul vowels and trailing consonants that compose with what comes before them.
        var composing = new HashSet<char>();
        for (var x = 0; x <= 0xFFFF; x++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory((char)x) is not (UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned))
            {
                var decomposed = ((char)x).ToString().Normalize(NormalizationForm.FormD);
                for (var i = 1; i < decomposed.Length; i++)
                {
                    composing.Add(decomposed[i]);
                }
            }
        }

        var stable = Enumerable.Range(0x80, 0x10000 - 0x80).Select(x => (char)x).Where(PolicyCharacters.IsStable).ToList();
        var wrong = stable.Where(c =>
                !c.ToString().IsNormalized(NormalizationForm.FormC)
                || composing.Contains(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
            .Select(c => $"U+{(int)c:X4}")
            .ToList();

        stable.Should().HaveCountGreaterThan(27_000, "the CJK ideographs and extension A alone are 27,584 characters");
        wrong.Should().BeEmpty();
        PolicyCharacters.StableRanges.Length.Should().Be(64);
    }

    [Fact]
    public void IsNormalized_RandomTextOfStableAndComposingCharacters_AgreesWithTheFramework()
    {
        // Stable characters (ASCII, Latin-1 letters, Greek, CJK, full-width punctuation, operators), and characters that
        // make or break form C: combining marks, the long solidus overlay, the Japanese voicing mark, Hangul jamo and a
        // syllable, singletons (the Greek question mark, the Kelvin sign, a CJK compatibility ideograph, U+2000).
        const string Pool = "aeAC ~\u00E9\u00C7\u00B7\u03A9\u03AC\u4E2D\u7EA7\uFF08\uFF0C\u2264\u2192\u3001\u26D4\u304B\u304C\u309B"
            + "\u0301\u0308\u0327\u0338\u3099\u302A\u1100\u1161\u11A8\uAC00\u037E\u212A\uF900\u2000\u0387\u0344";
        var random = new Random(2512);
        var disagreements = new List<string>();
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(1, 7)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Pool[random.Next(Pool.Length)];
            }

            var text = new string(chars);
            if (PolicyCharacters.IsNormalized(text) != text.IsNormalized(NormalizationForm.FormC))
            {
                disagreements.Add(string.Join(' ', text.Select(c => $"U+{(int)c:X4}")));
            }
        }

        disagreements.Should().BeEmpty();
    }

    [Fact]
    public void Load_ComposedTextNextToItsDecomposedTwinInAComment_OnlyTheDecomposedIsRejected()
    {
        TryLoad(Basic.Replace("default: a", "default: a # caf\u00E9 \u4E2D\u6587", StringComparison.Ordinal)).Errors.Should().BeEmpty();

        var result = TryLoad(Basic.Replace("default: a", "default: a # cafe\u0301 \u4E2D\u6587", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.Should().Match<Rules.Diagnostics.Diagnostic>(e => e.Code == "TR1012" && e.Span.Start.Line == 7 && e.Span.Start.Column == 18);
    }
}
