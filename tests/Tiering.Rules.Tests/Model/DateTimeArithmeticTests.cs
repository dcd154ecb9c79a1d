using Tiering.Rules.Model;

namespace Tiering.Rules.Tests.Model;

/// <summary>The date-time functions of <see cref="ValueFunctions"/>: offsets kept, whole elapsed units, the calendar's ends.</summary>
public sealed class DateTimeArithmeticTests
{
    private static decimal Code(string text) => ValueFunctions.EncodeDateTime(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture));

    private static string Text(decimal code) => ValueFunctions.FormatDateTime(ValueFunctions.DecodeDateTime(code));

    [Theory]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-02T23:59:59Z", 1, 47)]
    [InlineData("2024-03-01T00:00:00Z", "2024-02-28T23:00:00Z", -1, -25)]           // −25 hours: truncated toward zero, not floored
    [InlineData("2024-03-01T00:00:00+08:00", "2024-02-29T16:00:00Z", 0, 0)]         // one instant at two offsets
    [InlineData("2024-03-01T23:00:00+08:00", "2024-03-02T01:00:00+08:00", 0, 2)]    // the calendar date changed, no whole day passed
    public void DaysAndHoursBetween_DateTimes_CountWholeElapsedUnits(string from, string to, int days, int hours)
    {
        (ValueFunctions.DaysBetweenInstants(Code(from), Code(to)), ValueFunctions.HoursBetween(Code(from), Code(to))).Should().Be((days, hours));
    }

    [Theory]
    [InlineData("2024-01-31T22:15:00-05:00", 1, "2024-02-29T22:15:00-05:00")]
    [InlineData("2024-02-29T08:00:00+08:00", 12, "2025-02-28T08:00:00+08:00")]
    [InlineData("2024-03-31T00:30:00+14:00", -1, "2024-02-29T00:30:00+14:00")]
    public void AddMonthsToDateTime_KeepsClockTimeAndOffset_LastDayWhenTheMonthIsShorter(string start, int months, string expected)
    {
        Text(ValueFunctions.AddMonthsToDateTime(Code(start), months)).Should().Be(expected);
    }

    [Fact]
    public void AddDaysToDateTime_KeepsTheOffset_AndMovesByWholeDays()
    {
        Text(ValueFunctions.AddDaysToDateTime(Code("2024-02-28T23:30:00-05:00"), 2)).Should().Be("2024-03-01T23:30:00-05:00");
        Text(ValueFunctions.AddDaysToDateTime(Code("2024-02-28T23:30:00-05:00"), -59)).Should().Be("2023-12-31T23:30:00-05:00");
    }

    [Fact]
    public void AddDaysToDateTime_FractionOrOffTheCalendar_FailsAsArithmetic()
    {
        var fraction = () => ValueFunctions.AddDaysToDateTime(Code("2024-01-01T00:00:00Z"), 0.5m);
        var late = () => ValueFunctions.AddDaysToDateTime(Code("9999-12-31T00:00:00Z"), 1);
        var early = () => ValueFunctions.AddMonthsToDateTime(Code("0001-01-01T12:00:00Z"), -1);

        fraction.Should().Throw<ArithmeticException>().WithMessage("*whole number*");
        late.Should().Throw<OverflowException>().WithMessage("addDays leaves the calendar*");
        early.Should().Throw<OverflowException>().WithMessage("addMonths leaves the calendar*");
    }
}
