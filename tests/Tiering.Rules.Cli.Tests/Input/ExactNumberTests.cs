using Tiering.Rules.Cli.Input;

namespace Tiering.Rules.Cli.Tests.Input;

public sealed class ExactNumberTests
{
    [Theory]
    [InlineData("0.30", "0.30")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("1.0000000000000000000000000001", "1.0000000000000000000000000001")]
    [InlineData("0.1000000000000000000000000000", "0.1000000000000000000000000000")]
    [InlineData("000000000000000000000000000000012", "12")]
    public void TryParse_NumberADecimalHolds_IsThatNumber(string text, string expected)
    {
        ExactNumber.TryParse(text, allowExponent: false, out var value, out var problem).Should().Be(ExactNumber.Parse.Number);

        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        problem.Should().BeNull();
    }

    [Theory]
    [InlineData("0.1000000000000000000000000000001", false)]
    [InlineData("12345678901234567890.123456789012", false)]
    [InlineData("1e-30", true)]
    [InlineData("1.00000000000000000000000000001e2", true)]
    public void TryParse_MoreDigitsThanADecimalHolds_IsInexact(string text, bool exponent)
    {
        ExactNumber.TryParse(text, exponent, out _, out var problem).Should().Be(ExactNumber.Parse.Inexact);

        problem.Should().Contain($"'{text}'").And.Contain("it would be rounded to");
    }

    [Theory]
    [InlineData("1e3", false)]
    [InlineData("1,000", false)]
    [InlineData("lots", false)]
    [InlineData("", false)]
    [InlineData("1.2.3", false)]
    public void TryParse_NotANumberInThatSyntax_IsNotANumber(string text, bool exponent) =>
        ExactNumber.TryParse(text, exponent, out _, out _).Should().Be(ExactNumber.Parse.NotANumber);

    [Fact]
    public void TryParse_ExponentWhereAllowed_IsExact() =>
        (ExactNumber.TryParse("1.5e3", allowExponent: true, out var value, out _), value).Should().Be((ExactNumber.Parse.Number, 1500m));
}
