using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>Dates and durations: asOf, daysBetween, monthsBetween, addDays, addMonths (docs/DESIGN.md §3).</summary>
public sealed class DateTests
{
    private const string Calendar = """
        policy: cal
        version: "1"
        fields:
          from: { type: date }
          to: { type: date }
          n: { type: integer }
        grades: [g]
        hitPolicy: first
        default: g
        rules:
          - id: R
            when: "true"
            then: g
            outputs:
              days: "=daysBetween(from, to)"
              months: "=monthsBetween(from, to)"
              plusDays: "=addDays(from, n)"
              plusMonths: "=addMonths(from, n)"
              parts: "=year(to) * 10000 + month(to) * 100 + day(to)"
        """;

    private static IReadOnlyDictionary<string, string> Outputs(string from, string to, int n = 0, bool compiled = false)
    {
        var set = Load(Calendar);
        if (compiled)
        {
            set.Prepare();
        }

        var decision = set.Decide("cal", Fact(("from", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)), ("to", DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), ("n", n)));
        decision.Status.Should().Be(DecisionStatus.Classified, string.Join("; ", decision.Errors.Select(e => e.Message)));
        return decision.Outputs;
    }

    [Theory]
    [InlineData("2024-01-31", "2024-02-29", "1", "end of February completes a month begun on the 31st")]
    [InlineData("2024-01-31", "2024-02-28", "0", "the 28th of a leap February is not its last day")]
    [InlineData("2023-01-31", "2023-02-28", "1", "the 28th of a common February is its last day")]
    [InlineData("2023-02-28", "2023-03-28", "1", "same day of the next month")]
    [InlineData("2023-02-28", "2023-03-27", "0", "a day short")]
    [InlineData("2023-07-15", "2024-07-15", "12", "a year")]
    [InlineData("2023-07-15", "2024-07-14", "11", "a day short of a year")]
    [InlineData("2024-02-29", "2023-01-31", "-13", "backwards: minus the months forwards (2023-01-31 + 13 months is 2024-02-29)")]
    [InlineData("2024-03-10", "2024-03-10", "0", "the same day")]
    public void MonthsBetween_CalendarMonths_EndOfMonthRule(string from, string to, string months, string because)
    {
        Outputs(from, to)["months"].Should().Be(months, because);
        Outputs(from, to, compiled: true)["months"].Should().Be(months, "the compiled tier agrees");
    }

    [Theory]
    [InlineData("2024-01-31", 1, "2024-02-29", "to the month's last day when the day does not exist")]
    [InlineData("2023-01-31", 1, "2023-02-28", "a common year")]
    [InlineData("2024-02-29", 12, "2025-02-28", "a year after a leap day")]
    [InlineData("2024-03-31", -1, "2024-02-29", "backwards")]
    [InlineData("2023-12-15", 2, "2024-02-15", "across a year end")]
    public void AddMonths_KeepsTheDayOrTakesTheLastDay(string from, int n, string expected, string because)
    {
        Outputs(from, "2024-01-01", n)["plusMonths"].Should().Be(expected, because);
        Outputs(from, "2024-01-01", n, compiled: true)["plusMonths"].Should().Be(expected);
    }

    [Fact]
    public void DaysBetweenAndAddDays_CountCalendarDays()
    {
        var outputs = Outputs("2024-02-28", "2024-03-01", 366);

        outputs["days"].Should().Be("2", "2024 is a leap year");
        outputs["plusDays"].Should().Be("2025-02-28");
        outputs["parts"].Should().Be("20240301");
    }

    [Fact]
    public void AddDays_OffTheCalendar_IsInvalidNotAnException()
    {
        var decision = Load(Calendar).Decide("cal", Fact(("from", new DateOnly(9999, 12, 1)), ("to", new DateOnly(2024, 1, 1)), ("n", 100)));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Kind.Should().Be(FieldErrorKind.Evaluation);
    }

    private const string Lapse = """
        policy: lapse
        version: "1"
        fields: { lastPurchase: { type: date } }
        let: { lapsesOn: "addDays(lastPurchase, 365)" }
        grades: [lapsed, active]
        hitPolicy: first
        rules:
          - { id: ACTIVE, when: asOf < lapsesOn, then: active }
          - { id: LAPSED, when: asOf >= lapsesOn, then: lapsed }
        """;

    [Fact]
    public void AsOf_ComparedWithADerivedDate_DecidesByTheAsOfDate()
    {
        var set = Load(Lapse);
        var fact = Fact(("lastPurchase", new DateOnly(2024, 3, 1)));

        set.Decide("lapse", fact, new DateOnly(2025, 2, 28)).Grade!.Id.Should().Be("active");
        set.Decide("lapse", fact, new DateOnly(2025, 3, 1)).Grade!.Id.Should().Be("lapsed", "365 days after 2024-03-01 is 2025-03-01");
    }

    [Fact]
    public void AsOf_NotGiven_InvalidNamingAsOf()
    {
        var decision = Load(Lapse).Decide("lapse", Fact(("lastPurchase", new DateOnly(2024, 3, 1))));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "asOf" && e.Kind == FieldErrorKind.AsOfDate);
    }

    [Fact]
    public void Explain_AsOfAndDerivedDate_Shown()
    {
        var trace = Load(Lapse).Explain("lapse", Fact(("lastPurchase", new DateOnly(2024, 3, 1))), new DateOnly(2025, 1, 1)).ToString();

        trace.Should().Contain("lapsesOn = 2025-03-01").And.Contain("asOf = 2025-01-01");
    }

    [Fact]
    public void Load_DateFunctionGivenANumber_ReportsTheArgument()
    {
        var result = TryLoad("""
            policy: e
            version: "1"
            fields: { d: { type: date }, x: { type: decimal } }
            grades: [g]
            hitPolicy: first
            default: g
            rules: [{ id: R, when: "daysBetween(d, x) > 3", then: g }]
            """);

        result.Diagnostics.Should().Contain(d => d.Code == "TR2006" && d.Message == "daysBetween needs a date as argument 2, but it is a number");
    }

    [Theory]
    [InlineData("2024-01-01", false)]
    [InlineData("2024-01-02", true)]
    [InlineData("2024-01-31", true)]
    [InlineData("2024-02-01", false)]
    public void Decide_OpenIntervalOfDateCalls_IsAnIntervalNotASet(string from, bool inside)
    {
        // (date('…'), date('…')) reads as the open interval, as (2024-01-01, 2024-02-01) does: sets of dates do not exist.
        var set = Load(Calendar.Replace("when: \"true\"", "when: \"from in (date('2024-01-01'), date('2024-02-01'))\"", StringComparison.Ordinal));

        var decision = set.Decide("cal", Fact(("from", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)), ("to", new DateOnly(2024, 1, 1)), ("n", 0)));

        decision.FiredRuleIds.Should().Equal(inside ? ["R"] : []);
    }
}
