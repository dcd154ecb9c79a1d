using System.Text.RegularExpressions;
using Tiering.Rules.Model;

namespace Tiering.Rules.Tests.Model;

/// <summary>The name checks are loops; each must accept exactly what its documented pattern accepts.</summary>
public sealed class IdentifiersTests
{
    private const string Alphabet = "aZz09_.-T R4\n中";

    public static TheoryData<string> Checks() => ["policy", "rule", "grade", "field", "code"];

    [Theory]
    [MemberData(nameof(Checks))]
    public void Check_AgreesWithItsPattern_OnEveryShortString_AndRandomLongerOnes(string check)
    {
        var (accepts, pattern) = Pair(check);
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var random = new Random(20_261_201);
        var tried = 0;
        var accepted = 0;

        foreach (var text in AllStrings(maxLength: 3).Concat(Enumerable.Range(0, 20_000).Select(_ => RandomString(random))))
        {
            var expected = regex.IsMatch(text);
            accepts(text).Should().Be(expected, $"'{text.Replace("\n", "\\n", StringComparison.Ordinal)}' against {pattern}");
            tried++;
            accepted += expected ? 1 : 0;
        }

        accepted.Should().BeGreaterThan(10, "the strings tried must include names the pattern accepts");
        (tried - accepted).Should().BeGreaterThan(10);
    }

    [Theory]
    [InlineData("loan-five-category", true)]
    [InlineData("loan--five", false)]
    [InlineData("-loan", false)]
    [InlineData("loan-", false)]
    [InlineData("Loan", false)]
    [InlineData("loan\n", false)]
    public void IsPolicyId_KebabCaseOnly(string id, bool expected) => Identifiers.IsPolicyId(id).Should().Be(expected);

    [Theory]
    [InlineData("customer.address.city", true)]
    [InlineData("_x1", true)]
    [InlineData("a..b", false)]
    [InlineData("1a", false)]
    [InlineData("a.1b", false)]
    [InlineData("a.", false)]
    [InlineData("", false)]
    public void IsFieldName_DottedIdentifiers(string name, bool expected) => Identifiers.IsFieldName(name).Should().Be(expected);

    private static (Func<string, bool> Accepts, string Pattern) Pair(string check) => check switch
    {
        "policy" => (Identifiers.IsPolicyId, @"\A[a-z0-9]+(-[a-z0-9]+)*\z"),
        "rule" => (Identifiers.IsRuleId, @"\A[A-Za-z0-9][A-Za-z0-9_.\-]*\z"),
        "grade" => (Identifiers.IsGradeId, @"\A[A-Za-z0-9_]+\z"),
        "field" => (Identifiers.IsFieldName, @"\A[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\z"),
        _ => (Identifiers.IsAcceptableCode, @"\ATR4[0-9]{3}\z"),
    };

    private static IEnumerable<string> AllStrings(int maxLength)
    {
        IEnumerable<string> level = [string.Empty];
        for (var length = 0; length <= maxLength; length++)
        {
            foreach (var text in level)
            {
                yield return text;
            }

            level = level.SelectMany(text => Alphabet.Select(c => text + c)).ToList();
        }
    }

    private static string RandomString(Random random)
    {
        // Mostly well-formed pieces, so that long accepted names are tried too.
        string[] pieces = ["TR4", "TR4001", "12", "a", "Zz", "_", ".", "-", "x9", "0", " ", "中"];
        var count = random.Next(1, 7);
        return string.Concat(Enumerable.Range(0, count).Select(_ => pieces[random.Next(pieces.Length)]));
    }
}
