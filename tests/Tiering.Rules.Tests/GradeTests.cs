using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>A grade is a value: the same grade of two loads of one policy compares equal, as a record did.</summary>
public sealed class GradeTests
{
    private const string Policy = """
        policy: p
        version: "1"
        fields: { x: { type: decimal } }
        grades: [low, { id: high, label: 高 }]
        hitPolicy: first
        default: low
        rules:
          - { id: HIGH, when: x >= 10, then: high }
        """;

    [Fact]
    public void Equals_SameGradeFromTwoLoads_IsEqualButNotTheSameInstance()
    {
        var before = Load(Policy).Decide("p", Fact(("x", 20m))).Grade!;
        var after = Load(Policy).Decide("p", Fact(("x", 20m))).Grade!;

        after.Should().NotBeSameAs(before);
        after.Equals(before).Should().BeTrue();
        after.Equals((object)before).Should().BeTrue();
        (after == before).Should().BeTrue();
        (after != before).Should().BeFalse();
        after.GetHashCode().Should().Be(before.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentGrades_AreNotEqual()
    {
        var set = Load(Policy);
        var high = set.Decide("p", Fact(("x", 20m))).Grade!;
        var low = set.Decide("p", Fact(("x", 1m))).Grade!;

        high.Equals(low).Should().BeFalse();
        (high == low).Should().BeFalse();
        (high != low).Should().BeTrue();
        high.Equals(null).Should().BeFalse();
        (high == null).Should().BeFalse();
        ((Grade?)null == null).Should().BeTrue();
    }

    [Fact]
    public void Equals_SameIdWithAnotherLabelOrRank_IsNotEqual()
    {
        var grade = new Grade("high", "高", 1);

        grade.Should().Be(new Grade("high", "高", 1));
        grade.Should().NotBe(new Grade("high", null, 1));
        grade.Should().NotBe(new Grade("high", "高", 0));
        grade.Should().NotBe(new Grade("HIGH", "高", 1), "ids are compared ordinally");
    }

    [Fact]
    public void ToString_WithAndWithoutLabel_ShowsTheIdAndTheLabel()
    {
        new Grade("high", "高", 1).ToString().Should().Be("high (高)");
        new Grade("low", null, 0).ToString().Should().Be("low");
    }
}
