using System.Globalization;
using Tiering.Rules.Text;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Text;

/// <summary>
/// Numbers are exact or rejected (issue 23, item 5): a double fact becomes the decimal of its shortest round-trip text,
/// a JSON number or a policy literal that a decimal can only hold rounded is refused naming the field, and nothing is
/// rounded on the way in.
/// </summary>
public sealed class ExactDecimalTests
{
    private const string AumPolicy = """
        policy: aum
        version: "1"
        fields:
          aum: { type: decimal, min: 0 }
        grades: [tier_1, tier_2]
        hitPolicy: first
        bands:
          on: aum
          rows:
            - { id: T1, from: 0, to: 50000, grade: tier_1 }
            - { id: T2, from: 50000, grade: tier_2 }
        """;

    private static readonly PolicySet Aum = Load(AumPolicy);

    [Fact]
    public void TryFromDouble_RandomDoubles_GiveTheirShortestRoundTripText()
    {
        var random = new Random(5);
        for (var n = 0; n < 20_000; n++)
        {
            var d = BitConverter.Int64BitsToDouble(random.NextInt64()) is var bits && double.IsFinite(bits) && Math.Abs(bits) < 1e28 && Math.Abs(bits) > 1e-12
                ? bits
                : Math.Round(random.NextDouble() * 1e6, random.Next(0, 12));
            var text = d.ToString("R", CultureInfo.InvariantCulture);

            ExactDecimal.TryFromDouble(d, out var value).Should().BeTrue(text);
            ExactDecimal.SameNumber(text, value).Should().BeTrue($"{text} became {value}");
            double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Should().Be(d, "the decimal reads back as the same double");
        }
    }

    [Theory]
    [InlineData(1.2345678e-25)]
    [InlineData(1e30)]
    [InlineData(-7.923e28)]
    [InlineData(double.NaN)]
    public void TryFromDouble_NoExactDecimal_IsRefused(double d) =>
        ExactDecimal.TryFromDouble(d, out _).Should().BeFalse();

    [Theory]
    [InlineData("0.29999999999999999999999999999999", true)]
    [InlineData("0.00000000000000000000000000001", true)]
    [InlineData("792281625142643375935439503351", true)]
    [InlineData("79228162514264337593543950335", false)]
    [InlineData("0.0000000000000000000000000001", false)]
    [InlineData("1234567890.123456789012345678", false)]
    [InlineData("0.000", false)]
    public void TryParse_Text_IsExactOrRefused(string text, bool refused)
    {
        var parsed = ExactDecimal.TryParse(text, NumberStyles.AllowDecimalPoint, out var value, out var inexact);

        parsed.Should().Be(!refused);
        inexact.Should().Be(refused);
        if (parsed)
        {
            value.Should().Be(decimal.Parse(text, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The probe that found it: 49999.999999999993 as a double landed in tier_2 (the cast kept 15 digits).</summary>
    [Fact]
    public void Decide_DoubleJustBelowAnEdge_StaysBelowIt()
    {
        Aum.Decide("aum", Fact(("aum", 49999.999999999993))).Grade!.Id.Should().Be("tier_1");
        Aum.Decide("aum", Fact(("aum", 50000.0))).Grade!.Id.Should().Be("tier_2");
    }

    [Fact]
    public void Decide_DoublePocoPastTheCompiledBinder_StaysBelowTheEdge()
    {
        for (var i = 0; i < 200; i++)
        {
            Aum.Decide("aum", new DoubleAum(49999.999999999993)).Grade!.Id.Should().Be("tier_1", $"fact {i}");
        }
    }

    [Fact]
    public void Decide_DoubleBelowDecimalMaxValue_IsAccepted()
    {
        Aum.Decide("aum", Fact(("aum", 7.92e28))).Grade!.Id.Should().Be("tier_2");
    }

    [Theory]
    [InlineData(1e30, "outside the range of a decimal")]
    [InlineData(1.2345678e-25, "cannot hold exactly")]
    public void Decide_DoubleNoDecimalHolds_IsInvalidNamingTheField(double d, string why)
    {
        var decision = Aum.Decide("aum", Fact(("aum", d)));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "aum" && e.Message.Contains(why));
    }

    [Theory]
    [InlineData("49999.99999999999999999999999999", "cannot hold exactly")]
    [InlineData("1e-40", "cannot hold exactly")]
    [InlineData("1e40", "outside the range of a decimal")]
    public void Decide_JsonNumberNoDecimalHolds_IsInvalidNamingTheField(string number, string why)
    {
        var decision = Aum.Decide("aum", System.Text.Json.JsonDocument.Parse($"{{\"aum\": {number}}}").RootElement);

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "aum" && e.Message.Contains(why));
    }

    [Theory]
    [InlineData("0", "tier_1")]
    [InlineData("0.0e5", "tier_1")]
    [InlineData("49999.999999999993", "tier_1")]
    [InlineData("4.9999999999999999999999999999e4", "tier_1")]
    [InlineData("5e4", "tier_2")]
    public void Decide_JsonNumberAsWritten_IsExact(string number, string grade)
    {
        Aum.Decide("aum", System.Text.Json.JsonDocument.Parse($"{{\"aum\": {number}}}").RootElement).Grade!.Id.Should().Be(grade);
    }

    /// <summary>A fact with a double property.</summary>
    /// <param name="Aum">The assets.</param>
    public sealed record DoubleAum(double Aum);

    [Fact]
    public void TryParsePlain_RandomPlainLiterals_GiveExactlyWhatDecimalParseGives()
    {
        var random = new Random(25);
        var taken = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var whole = new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)('0' + random.Next(10)))]);
            var fraction = random.Next(3) == 0 ? string.Empty : "." + new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)('0' + random.Next(10)))]);
            var text = (random.Next(3) == 0 ? "-" : string.Empty) + whole + fraction;
            var expected = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

            if (ExactDecimal.TryParsePlain(text, allowSign: true, out var value))
            {
                taken++;
                decimal.GetBits(value).Should().Equal(decimal.GetBits(expected), $"{text} has the same mantissa, sign and scale");
            }

            ExactDecimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, out var parsed, out _).Should().BeTrue(text);
            decimal.GetBits(parsed).Should().Equal(decimal.GetBits(expected), text);
        }

        taken.Should().BeGreaterThan(40_000, "most such literals have at most 18 digits and are no negative zero");
    }

    [Theory]
    [InlineData("1234567890123456789")]  // 19 digits: the general parse
    [InlineData("-0")]                   // a negative zero: the general parse decides its sign
    [InlineData("-0.00")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("+5")]
    [InlineData("1.2.3")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(" 1")]
    public void TryParsePlain_AnythingButAPlainLiteral_IsLeftToTheGeneralParse(string text) =>
        ExactDecimal.TryParsePlain(text, allowSign: true, out _).Should().BeFalse();

    [Fact]
    public void TryParsePlain_SignNotAllowed_RefusesAMinus() =>
        ExactDecimal.TryParsePlain("-5", allowSign: false, out _).Should().BeFalse();
}
