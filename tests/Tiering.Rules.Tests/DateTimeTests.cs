using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>
/// Date-times with an explicit offset (field type <c>datetime</c>, docs/DESIGN.md §2–§4): the offset is required,
/// comparisons are by instant, <c>date(x)</c> is the date at the value's own offset; no clock is read.
/// </summary>
public sealed class DateTimeTests
{
    private const string Transfers = """
        policy: transfers
        version: "1"
        fields:
          sent: { type: datetime }
          received: { type: datetime }
          due: { type: date }
        grades: [on_time, late]
        hitPolicy: worst
        default: on_time
        rules:
          - id: LATE
            when: received > sent and date(received) > due
            then: late
            outputs: { days: "=daysBetween(due, date(received))", at: "=received" }
          - id: SAME
            when: received = sent
            then: on_time
            outputs: { same: "yes" }
        """;

    private sealed record Transfer(DateTimeOffset Sent, DateTimeOffset Received, DateOnly Due);

    private static Decision Decide(object sent, object received, string due = "2024-03-01", bool compiled = false)
    {
        var set = Load(Transfers);
        if (compiled)
        {
            set.Prepare();
        }

        return set.Decide("transfers", Fact(("sent", sent), ("received", received), ("due", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_SameInstantWrittenAtTwoOffsets_IsEqual(bool compiled)
    {
        var decision = Decide("2024-03-01T08:00:00+08:00", "2024-03-01T00:00:00Z", compiled: compiled);

        decision.FiredRuleIds.Should().Equal("SAME");
    }

    [Fact]
    public void Decide_DateOfADateTime_IsTheDateAtItsOwnOffset()
    {
        // 23:30 at -05:00 on 03-01 is 04:30Z on 03-02: written at -05:00 its date is 03-01 (one day after a 02-29 due
        // date); the same instant written at Z has the date 03-02 (two days).
        var own = Decide("2024-03-01T00:00:00Z", "2024-03-01T23:30:00-05:00", due: "2024-02-29");
        var utc = Decide("2024-03-01T00:00:00Z", "2024-03-02T04:30:00Z", due: "2024-02-29");

        (own.Grade!.Id, own.Outputs["days"]).Should().Be(("late", "1"));
        (utc.Grade!.Id, utc.Outputs["days"]).Should().Be(("late", "2"));
        own.Outputs["at"].Should().Be("2024-03-01T23:30:00-05:00", "a date-time output keeps the offset it was written at");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_LaterInstantAcrossOffsets_ComparesByInstant(bool compiled)
    {
        // 09:00+09:00 on 03-01 is 00:00Z on 03-01; 23:00-05:00 on 02-29 is 04:00Z on 03-01, four hours later.
        var decision = Decide("2024-03-01T09:00:00+09:00", "2024-02-29T23:00:00-05:00", due: "2024-02-28", compiled: compiled);

        decision.FiredRuleIds.Should().Equal(["LATE"], "04:00Z is after 00:00Z although 02-29 reads before 03-01");
        decision.Outputs["days"].Should().Be("1", "its own date is 02-29, one day after the due date");
    }

    [Theory]
    [InlineData("2024-03-01T08:00:00")]
    [InlineData("2024-03-01")]
    [InlineData("2024-03-01 08:00:00+08:00")]
    [InlineData("2024-03-01T08:00:00+25:00")]
    public void Decide_TextWithoutAValidOffset_IsInvalidNamingTheField(string received)
    {
        var decision = Decide("2024-03-01T00:00:00Z", received);

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "received" && e.Kind == FieldErrorKind.WrongType
            && e.Message == $"'received' is \"{received}\", which is not a date-time with its offset (yyyy-mm-ddThh:mm[:ss[.fffffff]] then Z or ±hh:mm)");
    }

    [Fact]
    public void Decide_DateTimeWithoutOffset_IsInvalidNamingTheField()
    {
        var decision = Decide("2024-03-01T00:00:00Z", new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Message.Should().Be("'received' is a DateTime, which has no offset of its own; give a DateTimeOffset");
    }

    [Fact]
    public void Decide_Poco_ReadsDateTimeOffsetProperties()
    {
        var set = Load(Transfers);
        var fact = new Transfer(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2024, 3, 3, 1, 0, 0, TimeSpan.Zero), new DateOnly(2024, 3, 1));

        var decision = set.Decide("transfers", fact);

        (decision.Grade!.Id, decision.Outputs["days"], decision.Outputs["at"]).Should().Be(("late", "2", "2024-03-03T01:00:00+00:00"));
    }

    [Fact]
    public void Decide_JsonFact_ReadsTheTextWithItsOffset()
    {
        var json = System.Text.Json.JsonDocument.Parse("""{ "sent": "2024-03-01T08:00+08:00", "received": "2024-03-01T00:00:00.5Z", "due": "2024-03-01" }""").RootElement;

        var decision = Load(Transfers).Decide("transfers", json);

        decision.FiredRuleIds.Should().BeEmpty("half a second after the same instant is neither equal nor on a later date");
        decision.Status.Should().Be(DecisionStatus.Classified);
    }

    [Fact]
    public void Explain_DateTimeFacts_PrintWithTheirOffsets()
    {
        var trace = Load(Transfers).Explain("transfers", Fact(("sent", "2024-03-01T08:00:00+08:00"), ("received", "2024-03-01T00:00:00.25Z"), ("due", new DateOnly(2024, 3, 1)))).ToString();

        trace.Should().Contain("sent = 2024-03-01T08:00:00+08:00").And.Contain("received = 2024-03-01T00:00:00.25+00:00");
    }

    [Theory]
    [InlineData("sent < 2024-03-01", "12:16: error TR2004: cannot compare a date-time with a date")]
    [InlineData("date(due) = due", "12:16: error TR2006: date needs a date-time as argument 1, but it is a date")]
    [InlineData("sent + 1 > received", "12:16: error TR2004: arithmetic needs numbers on both sides, but one side is a date-time")]
    [InlineData("sent in [received, due]", "12:30: error TR2004: a bound of the range must be a date-time, like the value tested, but it is a date: a date and a date-time do not mix; take date(…) of the date-time to work in calendar dates")]
    [InlineData("due between sent and received", "12:23: error TR2004: a bound of the range must be a date, like the value tested, but it is a date-time: a date and a date-time do not mix; take date(…) of the date-time to work in calendar dates")]
    [InlineData("sent between 2024-03-01T02:00Z and 2024-03-01T09:00+08:00", "12:24: error TR2004: the lower bound of the range is greater than the upper bound")]
    [InlineData("sent in (2024-03-01, 2024-03-02)", "12:20: error TR2004: a bound of the range must be a date-time, like the value tested, but it is a date: a date and a date-time do not mix; take date(…) of the date-time to work in calendar dates")]
    [InlineData("sent in (received, sent, sent)", "12:16: error TR2004: 'in (…)' with values is for text, true/false and enum fields; for numbers write a range such as 'in [a, b)' or join '=' tests with 'or'")]
    public void Load_DateTimeMisused_IsAnErrorAtItsColumn(string condition, string expected)
    {
        var result = TryLoad(Transfers.Replace("received > sent and date(received) > due", condition, StringComparison.Ordinal));

        result.PolicySet.Should().BeNull();
        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle().Which.Should().EndWith(expected);
    }

    private const string Deadlines = """
        policy: deadlines
        version: "1"
        fields:
          received: { type: datetime }
          opened: { type: date }
        grades:
          - { id: on_time }
          - { id: late, outputs: { hours: "=hoursBetween(datetime('2024-02-29T12:00:00Z'), received)", days: "=daysBetween(datetime('2024-02-29T12:00:00Z'), received)" } }
        hitPolicy: first
        default: on_time
        rules:
          - id: LATE
            when: received >= 2024-03-01T00:00:00+08:00 and opened >= date('2024-01-01')
            then: late
            outputs: { reminder: "=addDays(received, 3)", nextMonth: "=addMonths(received, 1)" }
          - id: FAR
            when: received < datetime('2000-01-01T00:00Z')
            then: late
            outputs: { far: "=addDays(received, -1000000)" }
        """;

    private static Decision DecideDeadline(string received, bool compiled, string opened = "2024-01-01")
    {
        var set = Load(Deadlines);
        if (compiled)
        {
            set.Prepare();
        }

        return set.Decide("deadlines", Fact(("received", received), ("opened", DateOnly.Parse(opened, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("2024-02-29T16:00:00Z", false, "late")]          // the literal's instant (00:00+08:00), written at Z
    [InlineData("2024-02-29T16:00:00Z", true, "late")]
    [InlineData("2024-02-29T15:59:59.9999999Z", false, "on_time")]
    [InlineData("2024-02-29T15:59:59.9999999Z", true, "on_time")]
    [InlineData("2024-03-01T00:00:00+08:00", true, "late")]
    public void Decide_DateTimeFieldAgainstALiteral_ComparesInstants(string received, bool compiled, string grade)
    {
        DecideDeadline(received, compiled).Grade!.Id.Should().Be(grade);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_DateLiteralWrittenAsText_ComparesLikeABareDate(bool compiled)
    {
        DecideDeadline("2024-03-05T00:00:00Z", compiled, opened: "2023-12-31").Grade!.Id.Should().Be("on_time", "opened is before date('2024-01-01')");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_DateTimeArithmetic_KeepsTheOffsetAndCountsWholeElapsedUnits(bool compiled)
    {
        // From 2024-02-29T12:00Z to 2024-03-31T09:30+08:00 (01:30Z) is 30 days and 13.5 hours: 30 whole days, 733 whole hours.
        var decision = DecideDeadline("2024-03-31T09:30:00+08:00", compiled);

        decision.Outputs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["reminder"] = "2024-04-03T09:30:00+08:00",
            ["nextMonth"] = "2024-04-30T09:30:00+08:00", // 03-31 + 1 month: April has no 31st, so its last day
            ["days"] = "30",
            ["hours"] = "733",
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decide_DateTimeMovedOffTheCalendar_IsInvalidNotAnException(bool compiled)
    {
        var decision = DecideDeadline("1999-12-31T22:59:59-01:00", compiled); // a second before the FAR literal

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Message.Should().Contain("addDays leaves the calendar");
    }

    [Theory]
    [InlineData("received >= 2024-03-01T00:00", "13:23: error TR2010: date-time '2024-03-01T00:00' has no offset")]
    [InlineData("received >= datetime('2024-03-01T00:00:00')", "13:32: error TR2010: date-time '2024-03-01T00:00:00' has no offset")]
    [InlineData("received >= 2024-02-30T00:00Z", "13:23: error TR2010: '2024-02-30T00:00Z' is not a valid date-time")]
    [InlineData("received >= datetime('2024-03-01 00:00Z')", "13:32: error TR2010: '2024-03-01 00:00Z' is not a valid date-time")]
    [InlineData("opened >= date('2024-02-30')", "13:26: error TR2010: '2024-02-30' is not a valid date")]
    [InlineData("received >= datetime(received)", "13:23: error TR2006: datetime takes one date-time in quotes, like datetime('2023-07-01T00:00:00+08:00')")]
    [InlineData("hoursBetween(opened, opened) > 1", "13:24: error TR2006: hoursBetween needs a date-time as argument 1, but it is a date")]
    [InlineData("daysBetween(received, opened) > 1", "13:33: error TR2006: daysBetween needs a date-time as argument 2, but it is a date")]
    [InlineData("received >= 2024-03-01", "13:20: error TR2004: cannot compare a date-time with a date")]
    public void Load_DateTimeLiteralOrFunctionMisused_IsAnErrorAtItsColumn(string condition, string expected)
    {
        var result = TryLoad(Deadlines.Replace("received >= 2024-03-01T00:00:00+08:00 and opened >= date('2024-01-01')", condition, StringComparison.Ordinal));

        result.PolicySet.Should().BeNull();
        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle().Which.Should().Contain(expected);
    }

    private const string Tenures = """
        policy: tenures
        version: "1"
        fields:
          opened: { type: datetime }
          closed: { type: datetime }
          due: { type: date }
        grades: [short, long]
        hitPolicy: first
        rules:
          - id: LONG
            when: monthsBetween(opened, closed) >= 12
            then: long
            outputs: { months: "=monthsBetween(opened, closed)", back: "=monthsBetween(closed, opened)" }
          - id: SHORT
            when: monthsBetween(opened, closed) < 12
            then: short
            outputs: { months: "=monthsBetween(opened, closed)", back: "=monthsBetween(closed, opened)" }
        """;

    private static Decision DecideTenure(string opened, string closed, bool compiled)
    {
        var set = Load(Tenures);
        if (compiled)
        {
            set.Prepare();
        }

        return set.Decide("tenures", Fact(("opened", opened), ("closed", closed), ("due", new DateOnly(2024, 1, 1))));
    }

    [Theory]
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-28T00:00:00Z", false, "LONG", "12", "-12")]      // Feb 29 + 12 months = Feb 28, 08:00+08:00 exactly
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-28T00:00:00Z", true, "LONG", "12", "-12")]
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-27T23:59:59Z", false, "SHORT", "11", "-11")]     // a second short
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-27T23:59:59Z", true, "SHORT", "11", "-11")]
    [InlineData("2024-01-31T00:30:00+08:00", "2024-02-28T20:00:00Z", true, "SHORT", "1", "-1")]       // 02-29T04:00 at +08:00 (their dates, 01-31 and 02-28, are 0 months apart)
    [InlineData("2024-01-31T00:30:00+08:00", "2024-02-28T20:00:00Z", false, "SHORT", "1", "-1")]
    public void Decide_MonthsBetweenDateTimes_CountsWholeMonthsAtTheEarlierOnesOffset(string opened, string closed, bool compiled, string rule, string months, string back)
    {
        var decision = DecideTenure(opened, closed, compiled);
        var reference = Tiering.Rules.Tests.Support.ReferenceInterpreter.Decide(
            Load(Tenures).Find("tenures", null)!.Definition,
            Fact(("opened", opened), ("closed", closed), ("due", new DateOnly(2024, 1, 1))));

        decision.FiredRuleIds.Should().Equal(rule);
        reference.FiredRuleIds.Should().Equal([rule], "the reference interpreter counts the months by stepping addMonths");
        (decision.Outputs["months"], decision.Outputs["back"]).Should().Be((months, back));
    }

    [Fact]
    public void Explain_MonthsBetweenDateTimes_ShowsTheConditionTheReadingsAndTheCount()
    {
        var trace = Load(Tenures).Explain("tenures", Fact(("opened", "2024-01-31T12:00:00Z"), ("closed", "2025-02-28T12:00:00+00:00"), ("due", new DateOnly(2024, 1, 1)))).ToString();

        trace.Should().Contain("LONG: monthsBetween(opened, closed) >= 12 → long")
            .And.Contain("opened = 2024-01-31T12:00:00+00:00")
            .And.Contain("output months = 13  (= monthsBetween(opened, closed))")
            .And.Contain("output back = -13  (= monthsBetween(closed, opened))");
    }

    [Theory]
    [InlineData("monthsBetween(opened, due) >= 12", "11:33: error TR2006: monthsBetween needs a date-time as argument 2, but it is a date: a date and a date-time do not mix; take date(…) of the date-time to work in calendar dates")]
    [InlineData("monthsBetween(due, closed) >= 12", "11:30: error TR2006: monthsBetween needs a date as argument 2, but it is a date-time: a date and a date-time do not mix")]
    [InlineData("daysBetween(due, opened) >= 12", "11:28: error TR2006: daysBetween needs a date as argument 2, but it is a date-time: a date and a date-time do not mix")]
    [InlineData("year(opened) >= 2024", "11:16: error TR2006: year needs a date as argument 1, but it is a date-time: a date and a date-time do not mix")]
    [InlineData("monthsBetween(date(opened), due) >= 12 and monthsBetween(opened, 2024-01-01) > 1", "11:76: error TR2006: monthsBetween needs a date-time as argument 2, but it is a date: a date and a date-time")]
    [InlineData("monthsBetween(opened, closed, due) >= 12", "11:11: error TR2006: monthsBetween takes 2 argument")]
    public void Load_MonthsBetweenMixingDatesAndDateTimes_IsAnErrorAtTheArgumentSayingToUseDate(string condition, string expected)
    {
        var result = TryLoad(Tenures.Replace("when: monthsBetween(opened, closed) >= 12", "when: " + condition, StringComparison.Ordinal));

        result.PolicySet.Should().BeNull();
        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Load_HoursBetweenOnADate_SaysItNeedsADateTimeWithoutTheDateHint()
    {
        // hoursBetween has no date form: date(…) would not help, so the message does not suggest it.
        var result = TryLoad(Tenures.Replace("when: monthsBetween(opened, closed) >= 12", "when: hoursBetween(opened, due) > 1", StringComparison.Ordinal));

        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle().Which.Should().EndWith("11:32: error TR2006: hoursBetween needs a date-time as argument 2, but it is a date");
    }

    private static Dictionary<string, object?> Window(string at) =>
        Fact(("at", at), ("from", "2024-03-01T00:00:00+08:00"), ("until", "2024-03-01T00:00:00Z"));

    [Theory]
    [InlineData("2024-03-01T00:00:00Z", "BETWEEN,HALF,NOTIN,WINDOW,MOVED")]     // the literals' lower edge, inclusive but for ( … ; = until
    [InlineData("2024-03-01T07:59:59+08:00", "NOTIN,WINDOW,MOVED")]            // a second before it, written at +08:00
    [InlineData("2024-02-29T16:00:00Z", "NOTIN,WINDOW,MOVED")]                 // = from (00:00+08:00), the window's lower edge
    [InlineData("2024-02-29T15:59:59Z", "NOTIN,MOVED")]                        // a second before from; a day on is inside [from, from + 1 month)
    [InlineData("2024-04-01T08:00:00+08:00", "")]                              // 04-01T00:00Z: the upper edge, excluded by [ … ) and ( … ), inside ( … ]
    [InlineData("2024-03-31T23:59:59Z", "BETWEEN,HALF,OPEN")]                  // the between's upper edge, inclusive
    [InlineData("2024-03-15T12:00:00-05:00", "BETWEEN,HALF,OPEN,MOVED")]
    [InlineData("2024-03-30T16:00:00Z", "BETWEEN,HALF,OPEN")]                  // a day on is 03-31T16:00Z = from + 1 month, excluded
    [InlineData("2024-03-30T15:59:59Z", "BETWEEN,HALF,OPEN,MOVED")]
    public void Decide_DateTimeRanges_CompareInstantsOnBothTiersAndTheReference(string at, string fired)
    {
        var set = Load(Windows);
        var prepared = Load(Windows);
        prepared.Prepare();
        var expected = fired.Length == 0 ? [] : fired.Split(',');

        set.Decide("windows", Window(at)).FiredRuleIds.Should().Equal(expected);
        prepared.Decide("windows", Window(at)).FiredRuleIds.Should().Equal(expected);
        Tiering.Rules.Tests.Support.ReferenceInterpreter.Decide(set.Find("windows", null)!.Definition, Window(at)).FiredRuleIds.Should().Equal(expected);
    }

    [Fact]
    public void Explain_DateTimeRange_ShowsTheRangeAsWrittenAndTheInstantRead()
    {
        var trace = Load(Windows).Explain("windows", Window("2024-03-15T12:00:00-05:00")).ToString();

        trace.Should().Contain("✓ fired   BETWEEN: at between 2024-03-01T08:00:00+08:00 and 2024-03-31T23:59:59Z → inside")
            .And.Contain("✗ no      WINDOW: at between from and until")
            .And.Contain("at = 2024-03-15T12:00:00-05:00");
    }

    [Fact]
    public void Load_DateTimeRanges_AreBeyondTheAnalysisWithoutWarnings()
    {
        // The analysis models date-time comparisons as beyond it: ranges over them must not be read as numbers (which
        // would find gaps and overlaps between instants that are not there).
        // Under 'unique', two ranges that touch only as codes (one instant written at +08:00 and at Z) must not be an overlap.
        var unique = Windows.Replace("hitPolicy: worst", "hitPolicy: unique", StringComparison.Ordinal)
            .Replace("""at in [2024-03-01T00:00:00Z, datetime('2024-04-01T08:00:00+08:00'))""", """at in [2024-04-01T08:00:00+08:00, 2024-05-01T00:00Z)""", StringComparison.Ordinal);

        foreach (var yaml in new[] { Windows, unique })
        {
            var result = TryLoad(yaml);

            result.PolicySet.Should().NotBeNull();
            result.Diagnostics.Where(d => d.Severity != Tiering.Rules.Diagnostics.DiagnosticSeverity.Info).Should().BeEmpty();
        }
    }
}
