using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>A field error is a value: the errors of two decisions compare by field, message and kind, as a record did.</summary>
public sealed class FieldErrorTests
{
    private const string Policy = """
        policy: p
        version: "1"
        fields: { x: { type: decimal }, y: { type: decimal } }
        grades: [low, high]
        hitPolicy: first
        default: low
        rules:
          - { id: HIGH, when: x + y >= 10, then: high }
        """;

    [Fact]
    public void Equals_SameProblemInTwoDecisions_IsEqual()
    {
        var before = Load(Policy).Decide("p", Fact(("y", 1m))).Errors;
        var after = Load(Policy).Decide("p", Fact(("y", 2m))).Errors;

        before.Should().ContainSingle();
        after.Should().Equal(before);
        (after[0] == before[0]).Should().BeTrue();
        after[0].GetHashCode().Should().Be(before[0].GetHashCode());
    }

    [Fact]
    public void Equals_AnotherFieldMessageOrKind_IsNotEqual()
    {
        var error = new FieldError("x", "required field is missing", FieldErrorKind.Missing);

        error.Should().Be(new FieldError("x", "required field is missing", FieldErrorKind.Missing));
        error.Should().NotBe(new FieldError("y", "required field is missing", FieldErrorKind.Missing));
        error.Should().NotBe(new FieldError("x", "is not a number", FieldErrorKind.Missing));
        error.Should().NotBe(new FieldError("x", "required field is missing", FieldErrorKind.WrongType));
        error.Equals((object?)null).Should().BeFalse();
        (null == error).Should().BeFalse();
    }

    [Fact]
    public void ToString_IsTheFieldAndTheMessage()
    {
        var decision = Load(Policy).Decide("p", Fact(("y", 1m)));

        decision.Errors.Should().ContainSingle().Which.ToString().Should().Be($"x: {decision.Errors[0].Message}");
        new FieldError("x", "required field is missing", FieldErrorKind.Missing).ToString().Should().Be("x: required field is missing");
    }
}
