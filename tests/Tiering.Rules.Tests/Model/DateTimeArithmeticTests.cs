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

    [Theory]
    [InlineData("2024-01-31T12:00:00Z", "2024-02-29T12:00:00Z", 1)]               // Jan 31 + 1 month is Feb 29 in a leap year
    [InlineData("2024-01-31T12:00:00Z", "2024-02-29T11:59:59Z", 0)]               // a second short of it
    [InlineData("2023-01-31T12:00:00Z", "2023-02-28T12:00:00Z", 1)]               // and Feb 28 in a common year
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-28T08:00:00+08:00", 12)]    // Feb 29 + 12 months is Feb 28
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-28T07:59:59+08:00", 11)]
    [InlineData("2024-02-29T08:00:00+08:00", "2024-03-29T00:00:00Z", 1)]          // 03-29T08:00+08:00 written at Z: exact, so it counts
    [InlineData("2024-01-15T10:00:00+08:00", "2024-02-15T02:00:00Z", 1)]
    [InlineData("2024-01-15T10:00:00+08:00", "2024-02-15T01:59:59.9999999Z", 0)]  // a tick before the month is complete
    [InlineData("2024-03-01T08:00:00+08:00", "2024-03-01T00:00:00Z", 0)]          // one instant at two offsets
    [InlineData("2024-01-31T00:30:00+08:00", "2024-02-28T20:00:00Z", 1)]          // at +08:00 that is 02-29T04:00, past 02-29T00:30
    [InlineData("2024-01-31T20:00:00Z", "2024-02-29T06:00:00+08:00", 0)]          // at Z that is 02-28T22:00, short of 02-29T20:00
    [InlineData("2024-03-31T09:30:00+08:00", "2024-04-30T01:30:00Z", 1)]          // 04-30T09:30+08:00: April's last day
    [InlineData("2024-03-31T09:00:00Z", "2024-02-29T09:00:00Z", -1)]              // earlier: counted from it, 02-29 + 1 month = 03-29
    [InlineData("2024-03-31T09:00:00Z", "2024-01-31T09:00:00Z", -2)]
    [InlineData("2024-03-15T00:00:00Z", "2024-02-15T00:00:01Z", 0)]               // a partial month back is not counted (toward zero)
    [InlineData("2024-03-15T00:00:00+05:30", "2024-02-14T18:30:00Z", -1)]         // 02-15T00:00+05:30, exactly a month back
    public void MonthsBetweenDateTimes_WholeCalendarMonthsAtTheFirstOffset_CountsToTheInstant(string from, string to, int months)
    {
        ValueFunctions.MonthsBetweenDateTimes(Code(from), Code(to)).Should().Be(months);
    }

    [Fact]
    public void MonthsBetweenDateTimes_AnySpan_IsTheLargestMWithAddMonthsAtOrBeforeTheEnd()
    {
        // The stated rule, checked against addMonths itself on a grid of month ends, offsets and clock times: for
        // to ≥ from, addMonths(from, m) ≤ to < addMonths(from, m + 1); for to < from, the same counted from to, negated.
        string[] starts = ["2023-12-31T23:30:00-05:00", "2024-01-31T00:15:00+14:00", "2024-02-29T12:00:00Z", "2024-03-30T16:00:00+08:00", "2024-05-31T00:00:00-12:00"];
        var checkedPairs = 0;
        foreach (var start in starts.Select(Code))
        {
            foreach (var other in starts.Select(Code))
            {
                foreach (var hours in new[] { -49, -24, -1, 0, 1, 23, 700, 1500, 9000 })
                {
                    var to = ValueFunctions.EncodeDateTime(ValueFunctions.DecodeDateTime(other).AddHours(hours));
                    var (a, b, sign) = ValueFunctions.Instant(to) < ValueFunctions.Instant(start) ? (to, start, -1) : (start, to, 1);
                    var m = sign * ValueFunctions.MonthsBetweenDateTimes(start, to);

                    m.Should().BeGreaterThanOrEqualTo(0);
                    ValueFunctions.Instant(ValueFunctions.AddMonthsToDateTime(a, m)).Should().BeLessThanOrEqualTo(ValueFunctions.Instant(b));
                    ValueFunctions.Instant(ValueFunctions.AddMonthsToDateTime(a, m + 1)).Should().BeGreaterThan(ValueFunctions.Instant(b));
                    checkedPairs++;
                }
            }
        }

        checkedPairs.Should().Be(225);
    }

    [Fact]
    public void MonthsBetweenDateTimes_NoWholeMonthBack_PrintsAsZero()
    {
        var months = ValueFunctions.MonthsBetweenDateTimes(Code("2024-03-15T00:00:00Z"), Code("2024-03-01T00:00:00Z"));

        months.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("0", "a count toward zero has no sign");
    }
}
