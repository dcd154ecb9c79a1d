using Tiering.Rules.Model;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Model;

/// <summary>
/// min and max keep the earlier argument on a tie, with its scale, so a computed output prints the same text whichever
/// engine or backend (closures, expression trees, NRules) evaluates it (found by the differential test, seed b1olvcH6H201).
/// </summary>
public sealed class ValueFunctionsTiesTests
{
    [Fact]
    public void MinAndMax_EqualValuesOfDifferentScales_KeepTheEarlier()
    {
        ValueFunctions.Min(0m, 0.0m).Scale.Should().Be(0);
        ValueFunctions.Min(0.0m, 0m).Scale.Should().Be(1);
        ValueFunctions.Max(1.00m, 1m).Scale.Should().Be(2);
        ValueFunctions.Min(2m, 1.5m).Should().Be(1.5m);
        ValueFunctions.Max(2m, 2.5m).Should().Be(2.5m);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    public void ComputedOutput_MinOfATie_PrintsTheEarlierArgument(int decisions)
    {
        var set = Load("""
            policy: t
            version: "1"
            fields:
              a: { type: decimal }
              b: { type: decimal }
            grades: [g]
            hitPolicy: first
            rules:
              - id: R
                when: "a >= 0"
                then: g
                outputs: { lo: "=min(a, round(b, 1))", hi: "=max(round(b, 2), a)" }
            """);

        Decision last = null!;
        for (var i = 0; i < decisions; i++)
        {
            // Past 256 decisions the closures give way to compiled expression trees: both must keep the earlier argument.
            last = set.Decide("t", Fact(("a", 0m), ("b", 0m)));
        }

        last.Outputs["lo"].Should().Be("0");
        last.Outputs["hi"].Should().Be("0.00");
    }
}
