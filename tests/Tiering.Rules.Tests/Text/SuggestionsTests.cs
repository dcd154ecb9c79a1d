using System.Text;
using System.Text.Json;
using Tiering.Rules.Text;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Text;

/// <summary>
/// "Did you mean" stays cheap whatever the input (issue 23, item 3): the banded distance agrees with the full one
/// wherever it matters, and a long name, a long candidate or a huge fact gets no hint instead of a quadratic matrix.
/// </summary>
public sealed class SuggestionsTests
{
    [Fact]
    public void Distance_Banded_AgreesWithTheFullMatrixUpToItsBound()
    {
        var random = new Random(23);
        for (var n = 0; n < 5_000; n++)
        {
            var a = Word(random);
            var b = random.Next(3) == 0 ? Word(random) : Typo(a, random);
            var full = FullDistance(a.ToLowerInvariant(), b.ToLowerInvariant());
            for (var max = 0; max <= 4; max++)
            {
                Suggestions.Distance(a, b, max).Should().Be(Math.Min(full, max + 1), $"'{a}' vs '{b}' within {max}");
            }
        }
    }

    [Theory]
    [InlineData("overdueDay", "overdueDays")]
    [InlineData("amuont", "amount")]
    [InlineData("minimum", "min")]
    [InlineData("Amount", "amount")]
    public void Closest_NearMiss_IsFound(string name, string expected) =>
        Suggestions.Closest(name, ["overdueDays", "amount", "min", "max"]).Should().Be(expected);

    [Fact]
    public void Closest_NameLongerThanTheBound_GetsNoHint()
    {
        var name = new string('g', Suggestions.MaxComparedLength + 1);

        Suggestions.Closest(name, [name[..^1], "g"]).Should().BeNull("a name that long is no typo a hint could fix");
    }

    [Fact]
    public void Closest_LongCandidate_IsNotCompared()
    {
        var candidate = "amount" + new string('a', 10_000);

        Suggestions.Closest("amount", [candidate]).Should().BeNull();
    }

    [Fact]
    public void Closest_HugeName_AllocatesNothingLikeAMatrix()
    {
        var name = new string('g', 50_000);
        var candidates = Enumerable.Range(0, 512).Select(i => new string('g', 49_990) + i).ToList();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Suggestions.Closest(name, candidates).Should().BeNull();
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(64 * 1024, "the full matrix would be 10 GB");
    }

    /// <summary>The probe that found it: a 1 MB JSON fact of 512 long near-miss keys cost 1.5 GB and 1.4 s per decision.</summary>
    [Fact]
    public void Decide_MegabyteFactOfLongNearMissKeys_AllocatesLittleAndNamesTheMissingField()
    {
        var set = Load("""
            policy: near
            version: "1"
            fields:
              amount: { type: decimal }
              overdueDays: { type: integer }
            grades: [a, b]
            hitPolicy: first
            default: a
            rules:
              - { id: R1, when: "amount > 1 and overdueDays > 1", then: b }
            """);
        var json = new StringBuilder("{");
        for (var i = 0; i < 512; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("\"amount").Append(new string((char)('a' + (i % 26)), 2_000)).Append(i).Append("\":1");
        }

        var fact = JsonDocument.Parse(json.Append('}').ToString()).RootElement;
        set.Decide("near", fact);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decision = set.Decide("near", fact);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Select(e => e.Field).Should().BeEquivalentTo(["amount", "overdueDays"]);
        decision.Errors[0].Message.Should().NotContain("aaaaaaaaaa", "a 2,000-character key is no near miss worth printing");
        allocated.Should().BeLessThan(256 * 1024, "before the bound one decision allocated 1.5 GB");
    }

    /// <summary>The probe that found it: a 100 KB policy with a 50,000-character grade id cost 29 s and 9.8 GB to load.</summary>
    [Fact]
    public void Load_FiftyThousandCharacterGradeId_IsRejectedAtItsPosition()
    {
        var name = new string('g', 50_000);
        var text = $"policy: p\nversion: \"1\"\nfields:\n  n: {{ type: integer }}\ngrades: [a, {name}]\nhitPolicy: first\ndefault: a\nrules:\n  - {{ id: R1, when: \"n > 1\", then: {name[..^1]}h }}\n";

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = TryLoad(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        result.Errors.Where(e => e.Code == "TR3022").Select(e => e.Span.Start.Line).Should().Equal(5, 9);
        result.Errors.Should().OnlyContain(e => e.Message.Length < 300, "the message quotes the start of the name, not all of it");
        allocated.Should().BeLessThan(50L * 1024 * 1024);
    }

    private static string Word(Random random)
    {
        var chars = new char[random.Next(0, 12)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = "abcdeABC_"[random.Next(9)];
        }

        return new string(chars);
    }

    private static string Typo(string word, Random random)
    {
        var chars = word.ToList();
        for (var edits = random.Next(0, 5); edits > 0; edits--)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0 when chars.Count > 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, "abcx"[random.Next(4)]); break;
                case 2 when chars.Count > 0: chars[at] = "abcx"[random.Next(4)]; break;
                case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }

        return new string([.. chars]);
    }

    /// <summary>The textbook optimal-string-alignment distance (the one the banded version replaced).</summary>
    private static int FullDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
