using System.Globalization;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Model;

/// <summary>A band row's <c>range:</c>, read through a whole policy load: which texts are ranges, and what each bad one reports.</summary>
public sealed class PolicyBuilderRangeTests
{
    private const string RowPrefix = "    - { id: B1, range: ";

    private static string Policy(params string[] rows) => $"""
        policy: p
        version: "1"
        fields: {"{"} x: {"{"} type: decimal {"}"} {"}"}
        grades: [low, mid, high]
        hitPolicy: first
        bands:
          on: x
          rows:
        {string.Join("\n", rows)}
        """;

    [Theory]
    [InlineData("[abc, 5)", "'abc' is not a number")]
    [InlineData("[1, x)", "'x' is not a number")]
    [InlineData("[a, b)", "'a' is not a number")]
    [InlineData("[1_000, 2__000)", "'2__000' is not a number")]
    [InlineData("[1, 2, 3)", "it needs exactly two bounds separated by a comma")]
    [InlineData("[ , )", "at least one bound is needed")]
    [InlineData("(5, 5]", "it contains no value")]
    [InlineData("[5, 5)", "it contains no value")]
    [InlineData("[6, 5]", "it contains no value")]
    [InlineData("5..10", "write it like [a, b), (a, b], [a, ) or (a, b); [ ] include the edge, ( ) exclude it")]
    [InlineData("[1, 2", "write it like [a, b), (a, b], [a, ) or (a, b); [ ] include the edge, ( ) exclude it")]
    public void Load_BadRange_ReportsOneTR3021AtTheRangeWithWhy(string range, string why)
    {
        var result = TryLoad(Policy($"{RowPrefix}\"{range}\", grade: mid }}"));

        result.Succeeded.Should().BeFalse();
        var column = RowPrefix.Length + 1; // the opening quote of the range's scalar
        result.Errors.Select(e => e.ToString()).Should().Equal($"test0.yaml:9:{column}: error TR3021: '{range}' is not a valid interval: {why}");
    }

    [Theory]
    [InlineData("(0, 50]", "0", false)]
    [InlineData("(0, 50]", "0.01", true)]
    [InlineData("(0, 50]", "50", true)]
    [InlineData("(0, 50]", "50.01", false)]
    [InlineData("[5, 5]", "4.99", false)]
    [InlineData("[5, 5]", "5", true)]
    [InlineData("[5, 5]", "5.01", false)]
    [InlineData("[10, )", "9.99", false)]
    [InlineData("[10, )", "10", true)]
    [InlineData("[10, )", "1000000000", true)]
    [InlineData("(, 10)", "-1000000000", true)]
    [InlineData("(, 10)", "10", false)]
    [InlineData("[1_000, 2_000)", "1000", true)]
    [InlineData("[1_000, 2_000)", "2000", false)]
    [InlineData(" [1, 2) ", "1", true)]
    public void Decide_RowWithRange_FiresExactlyInsideItsEdges(string range, string x, bool fires)
    {
        var set = Load(Policy($"{RowPrefix}\"{range}\", grade: mid }}"));

        var decision = set.Decide("p", Fact(("x", decimal.Parse(x, NumberStyles.Number, CultureInfo.InvariantCulture))));

        decision.FiredRuleIds.Should().Equal(fires ? ["B1"] : []);
    }
}
