namespace Tiering.Rules.Model;

/// <summary>
/// The functions of the expression language whose meaning is more than one operator, shared by both compiled tiers
/// (closures and expression trees call these same methods, so they cannot disagree). Pure and thread-safe.
/// </summary>
internal static class ValueFunctions
{
    /// <summary>
    /// <c>min(a, b)</c> folded left over the arguments: on a tie the earlier argument is kept, with its scale, so
    /// <c>min(0, round(0, 1))</c> is <c>0</c> and an output prints the same on every engine (<see cref="Math.Min(decimal, decimal)"/>
    /// keeps the later one).
    /// </summary>
    public static decimal Min(decimal first, decimal next) => next < first ? next : first;

    /// <summary><c>max(a, b)</c> folded left: on a tie the earlier argument is kept, as for <see cref="Min"/>.</summary>
    public static decimal Max(decimal first, decimal next) => next > first ? next : first;

    /// <summary>
    /// <c>round(x, digits)</c>: half away from zero (四舍五入), and the result carries exactly <paramref name="digits"/>
    /// decimals (<c>round(1000, 2)</c> is <c>1000.00</c>), so an amount rounded to the fen prints to the fen.
    /// </summary>
    public static decimal Round(decimal value, int digits)
    {
        var rounded = decimal.Round(value, digits, MidpointRounding.AwayFromZero);
        return rounded.Scale < digits ? rounded + new decimal(0, 0, 0, false, (byte)digits) : rounded;
    }

    /// <summary><c>daysBetween(from, to)</c>: to − from in days (dates are day numbers).</summary>
    public static decimal DaysBetween(decimal from, decimal to) => to - from;

    /// <summary>
    /// <c>monthsBetween(from, to)</c>: whole calendar months, the largest m with <c>addMonths(from, m) ≤ to</c>
    /// (negative, the same count the other way, when to is earlier). End of month: a month is complete on the same day
    /// of a later month, or on that month's last day when it has no such day — 2024-01-31 to 2024-02-29 is 1 month,
    /// to 2024-02-28 is 0; 2023-02-28 to 2023-03-28 is 1.
    /// </summary>
    public static decimal MonthsBetween(decimal from, decimal to)
    {
        if (to < from)
        {
            return -MonthsBetween(to, from);
        }

        var a = Date(from);
        var b = Date(to);
        var months = ((b.Year - a.Year) * 12) + b.Month - a.Month;
        return a.AddMonths(months) > b ? months - 1 : months;
    }

    /// <summary><c>addDays(date, n)</c>: n must be whole; a date off the calendar (before year 1, after 9999) fails.</summary>
    public static decimal AddDays(decimal date, decimal days) => Day(Date(date).DayNumber + Whole(days, "addDays"));

    /// <summary><c>addMonths(date, n)</c>: the same day n months later (or earlier), or that month's last day when it has none.</summary>
    public static decimal AddMonths(decimal date, decimal months)
    {
        var n = Whole(months, "addMonths");
        if (n is > 120_000 or < -120_000)
        {
            throw new OverflowException("addMonths leaves the calendar (years 1 to 9999)");
        }

        try
        {
            return Date(date).AddMonths((int)n).DayNumber;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new OverflowException("addMonths leaves the calendar (years 1 to 9999)");
        }
    }

    /// <summary>How many units of a date-time's code are one tick: the rest of the code is its offset.</summary>
    private const decimal OffsetCodes = 10_000m;

    /// <summary>
    /// A date-time as one number: its instant (UTC ticks) × 10,000 plus its offset in minutes + 5,000, so that the
    /// instant and the offset it was written at both survive in a frame's number slot.
    /// </summary>
    public static decimal EncodeDateTime(DateTimeOffset value) => (value.UtcTicks * OffsetCodes) + (decimal)value.Offset.TotalMinutes + 5_000m;

    /// <summary>The date-time a code stands for; a number that is no code (the analysis's witnesses) is read at offset 0.</summary>
    public static DateTimeOffset DecodeDateTime(decimal code)
    {
        var minutes = (code % OffsetCodes) - 5_000m;
        var ticks = (code - (code % OffsetCodes)) / OffsetCodes;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            ticks = 0;
        }

        var offset = minutes is >= -840 and <= 840 ? TimeSpan.FromMinutes((double)minutes) : TimeSpan.Zero;
        var utc = new DateTimeOffset((long)ticks, TimeSpan.Zero);
        return utc.UtcDateTime.Ticks + offset.Ticks is var local && local >= DateTime.MinValue.Ticks && local <= DateTime.MaxValue.Ticks
            ? utc.ToOffset(offset)
            : utc;
    }

    /// <summary>What a date-time must look like, for messages.</summary>
    public const string DateTimeExpected = "a date-time with its offset (yyyy-mm-ddThh:mm[:ss[.fffffff]] then Z or ±hh:mm)";

    /// <summary>
    /// ISO 8601 date-time text that states its offset — <c>Z</c> or <c>±hh:mm</c>, never the machine's zone — or null.
    /// Seconds and up to seven decimals of them are optional; the offset is within ±14:00.
    /// </summary>
    public static DateTimeOffset? ParseDateTime(string text)
    {
        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        ];
        return DateTimeOffset.TryParseExact(text, formats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
    }

    /// <summary>Whether <paramref name="text"/> is a date-time in the form <see cref="ParseDateTime"/> reads, but with no offset (an error of its own: the engine never assumes a zone).</summary>
    public static bool IsDateTimeWithoutOffset(string text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    /// <summary>The instant of a date-time code (UTC ticks): what date-time comparisons compare.</summary>
    public static decimal Instant(decimal code) => (code - (code % OffsetCodes)) / OffsetCodes;

    /// <summary><c>date(x)</c>: the calendar date of a date-time at its own offset (a day number).</summary>
    public static decimal DateOf(decimal code) => DateOnly.FromDateTime(DecodeDateTime(code).DateTime).DayNumber;

    /// <summary>A date-time as it is read back: ISO 8601 with its offset (<c>2024-03-01T08:30:00+08:00</c>, fractions only when there are any).</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A computed value as output text: numbers as written invariantly (scale kept), dates yyyy-mm-dd, date-times with their offset, true/false.</summary>
    public static string FormatOutput(ExprType type, RuntimeValue value) => type.Kind switch
    {
        ValueKind.Number => value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.Date => DateOnly.FromDayNumber((int)value.Number).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.DateTime => FormatDateTime(DecodeDateTime(value.Number)),
        ValueKind.Boolean => value.Boolean ? "true" : "false",
        ValueKind.Text => value.Text ?? string.Empty,
        _ => type.Domain!.Values[value.Ordinal],
    };

    /// <summary>
    /// <c>addDays(dateTime, n)</c>: n whole days of 24 hours later (or earlier), at the same offset — so the same clock
    /// time, since an offset has no daylight saving; off the calendar (years 1 to 9999 at its offset) fails.
    /// </summary>
    public static decimal AddDaysToDateTime(decimal code, decimal days)
    {
        var n = Whole(days, "addDays");
        return OnCalendar(code, "addDays", value => n is > 3_700_000 or < -3_700_000 ? throw new ArgumentOutOfRangeException(nameof(days)) : value.AddTicks((long)n * TimeSpan.TicksPerDay));
    }

    /// <summary>
    /// <c>addMonths(dateTime, n)</c>: the same clock time and offset n months on, the day as <see cref="AddMonths"/>
    /// moves a date's (the month's last day when it has no such day).
    /// </summary>
    public static decimal AddMonthsToDateTime(decimal code, decimal months)
    {
        var n = Whole(months, "addMonths");
        return OnCalendar(code, "addMonths", value => n is > 120_000 or < -120_000 ? throw new ArgumentOutOfRangeException(nameof(months)) : value.AddMonths((int)n));
    }

    /// <summary>
    /// <c>daysBetween(from, to)</c> of two date-times: whole days of 24 hours elapsed between the instants, a partial day
    /// not counted (truncated toward zero: 47h59m is 1, −25h is −1); the offsets they were written at do not matter.
    /// The calendar days between their dates is <c>daysBetween(date(from), date(to))</c>.
    /// </summary>
    public static decimal DaysBetweenInstants(decimal from, decimal to) => decimal.Truncate((Instant(to) - Instant(from)) / TimeSpan.TicksPerDay);

    /// <summary>
    /// <c>monthsBetween(from, to)</c> of two date-times: whole calendar months, the largest m with
    /// <c>addMonths(from, m) ≤ to</c> compared as instants — <see cref="AddMonthsToDateTime"/> keeps from's clock time
    /// and offset and applies the month-end rule of <see cref="MonthsBetween"/>, so the count is made on from's calendar
    /// at from's offset (2024-01-31T00:30+08:00 to 2024-02-28T20:00Z, which is 02-29T04:00 at +08:00, is 1 month;
    /// the dates at their own offsets, 01-31 and 02-28, are 0). When to is the earlier instant it is the same count the
    /// other way, negative (as <see cref="MonthsBetween"/>): <c>-monthsBetween(to, from)</c>.
    /// </summary>
    public static decimal MonthsBetweenDateTimes(decimal from, decimal to)
    {
        if (Instant(to) < Instant(from))
        {
            return -MonthsBetweenDateTimes(to, from);
        }

        try
        {
            var a = DecodeDateTime(from);
            var b = DecodeDateTime(to).ToOffset(a.Offset);
            var months = ((b.Year - a.Year) * 12) + b.Month - a.Month;
            return a.AddMonths(months) > b ? months - 1 : months;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new OverflowException("monthsBetween leaves the calendar (years 1 to 9999)");
        }
    }

    /// <summary><c>hoursBetween(from, to)</c>: whole hours elapsed between two date-times' instants, truncated toward zero as <see cref="DaysBetweenInstants"/>.</summary>
    public static decimal HoursBetween(decimal from, decimal to) => decimal.Truncate((Instant(to) - Instant(from)) / TimeSpan.TicksPerHour);

    private static decimal OnCalendar(decimal code, string function, Func<DateTimeOffset, DateTimeOffset> move)
    {
        try
        {
            return EncodeDateTime(move(DecodeDateTime(code)));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new OverflowException($"{function} leaves the calendar (years 1 to 9999)");
        }
    }

    /// <summary><c>year(date)</c>.</summary>
    public static decimal Year(decimal date) => Date(date).Year;

    /// <summary><c>month(date)</c>, 1 to 12.</summary>
    public static decimal Month(decimal date) => Date(date).Month;

    /// <summary><c>day(date)</c>, the day of the month.</summary>
    public static decimal DayOf(decimal date) => Date(date).Day;

    private static DateOnly Date(decimal dayNumber) => DateOnly.FromDayNumber((int)dayNumber);

    private static decimal Day(decimal dayNumber) =>
        dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber
            ? throw new OverflowException("addDays leaves the calendar (years 1 to 9999)")
            : dayNumber;

    private static decimal Whole(decimal value, string function) =>
        value == decimal.Truncate(value) ? value : throw new ArithmeticException($"{function} needs a whole number, not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
