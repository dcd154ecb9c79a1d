using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>Date-times with offsets decide the same on the NRules backend as on the compiled engine, member by member.</summary>
public sealed class DateTimeTests
{
    private const string Transfers = """
        policy: transfers
        version: "1"
        fields:
          sent: { type: datetime }
          received: { type: datetime }
          cutoff: { type: datetime, optional: true, whenMissing: 2024-03-01T17:00:00+08:00 }
          due: { type: date }
        grades: [on_time, late, after_cutoff]
        hitPolicy: worst
        default: on_time
        rules:
          - { id: LATE, when: received > sent and date(received) > due, then: late, outputs: { days: "=daysBetween(due, date(received))", at: "=received" } }
          - { id: CUTOFF, when: received >= cutoff, then: after_cutoff }
          - { id: SAME, when: received = sent, then: on_time, outputs: { same: "yes" } }
        """;

    public static TheoryData<string, string, string?> Facts() => new()
    {
        { "2024-03-01T08:00:00+08:00", "2024-03-01T00:00:00Z", null },
        { "2024-03-01T00:00:00Z", "2024-03-01T23:30:00-05:00", null },
        { "2024-03-01T00:00:00Z", "2024-03-01T09:00:00Z", null },
        { "2024-03-01T00:00:00Z", "2024-03-01T08:59:59.9999999Z", null },
        { "2024-03-01T00:00:00Z", "2024-03-01T08:00:00Z", "2024-03-01T09:00+01:00" },
        { "2024-03-01T00:00:00Z", "2024-03-01T08:00:00", null },
    };

    [Theory]
    [MemberData(nameof(Facts))]
    public void Decide_DateTimes_EqualsTheCompiledEngine(string sent, string received, string? cutoff)
    {
        var policies = Policies.Load(Transfers);
        var onNRules = NRulesPolicySet.Create(policies);
        var fact = new Dictionary<string, object?> { ["sent"] = sent, ["received"] = received, ["due"] = new DateOnly(2024, 2, 29) };
        if (cutoff is not null)
        {
            fact["cutoff"] = cutoff;
        }

        var expected = policies.Decide("transfers", fact);

        Same.Describe(onNRules.Decide("transfers", fact)).Should().Be(Same.Describe(expected));
        Same.Describe(onNRules.DecideMany("transfers", [fact, fact])[1]).Should().Be(Same.Describe(expected));
    }

    [Fact]
    public void Decide_TheDefaultCutoff_IsAnInstantAtItsOffset()
    {
        var policies = Policies.Load(Transfers);
        var onNRules = NRulesPolicySet.Create(policies);
        var fact = new Dictionary<string, object?> { ["sent"] = "2024-03-01T00:00:00Z", ["received"] = "2024-03-01T09:00:00Z", ["due"] = new DateOnly(2024, 3, 1) };

        // 17:00+08:00 is 09:00Z: received exactly at the cut-off.
        onNRules.Decide("transfers", fact).FiredRuleIds.Should().Equal("CUTOFF");
        policies.Decide("transfers", fact).FiredRuleIds.Should().Equal("CUTOFF");
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
          - { id: LATE, when: "received >= 2024-03-01T00:00:00+08:00 and opened >= date('2024-01-01')", then: late, outputs: { reminder: "=addDays(received, 3)", nextMonth: "=addMonths(received, 1)" } }
          - { id: SOON, when: "addMonths(received, 1) >= datetime('2024-03-15T00:00Z')", then: late }
          - { id: FAR, when: "received < datetime('2000-01-01T00:00Z')", then: late, outputs: { far: "=addDays(received, -1000000)" } }
        """;

    [Theory]
    [InlineData("2024-02-29T16:00:00Z", "2024-01-01")]
    [InlineData("2024-02-29T15:59:59.9999999Z", "2024-01-01")]
    [InlineData("2024-03-31T09:30:00+08:00", "2024-01-01")]
    [InlineData("2024-03-31T09:30:00+08:00", "2023-12-31")]
    [InlineData("2024-02-14T23:00:00-01:00", "2023-12-31")]
    [InlineData("1999-12-31T22:59:59-01:00", "2024-01-01")]
    public void Decide_DateTimeLiteralsAndArithmetic_EqualsTheCompiledEngine(string received, string opened)
    {
        var policies = Policies.Load(Deadlines);
        var onNRules = NRulesPolicySet.Create(policies);
        var fact = new Dictionary<string, object?> { ["received"] = received, ["opened"] = DateOnly.Parse(opened, System.Globalization.CultureInfo.InvariantCulture) };

        var expected = policies.Decide("deadlines", fact);

        Same.Describe(onNRules.Decide("deadlines", fact)).Should().Be(Same.Describe(expected));
        expected.Status.Should().Be(received.StartsWith("1999", StringComparison.Ordinal) ? DecisionStatus.Invalid : DecisionStatus.Classified);
    }

    private const string Tenures = """
        policy: tenures
        version: "1"
        fields:
          opened: { type: datetime }
          closed: { type: datetime }
        grades: [short, year, long]
        hitPolicy: first
        default: short
        rules:
          - { id: LONG, when: "monthsBetween(opened, closed) >= 13", then: long, outputs: { months: "=monthsBetween(opened, closed)" } }
          - { id: YEAR, when: "monthsBetween(closed, opened) = -12", then: year, outputs: { back: "=monthsBetween(closed, opened)" } }
          - { id: SHORT, when: "monthsBetween(opened, 2025-02-28T08:00:00+08:00) > 0", then: short, outputs: { months: "=monthsBetween(opened, closed)" } }
        """;

    [Theory]
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-28T00:00:00Z")]        // exactly 12 months (Feb 29 + 12 = Feb 28), written at another offset
    [InlineData("2024-02-29T08:00:00+08:00", "2025-02-27T23:59:59Z")]        // a second short: 11
    [InlineData("2024-01-31T00:30:00+08:00", "2025-02-28T20:00:00Z")]        // 13: at +08:00 closed is 03-01T04:00, before 03-31T00:30
    [InlineData("2024-01-31T20:00:00Z", "2025-02-28T06:00:00+08:00")]        // 02-27T22:00Z: short of 02-28T20:00Z, so 12
    [InlineData("2025-03-31T09:00:00Z", "2024-02-29T09:00:00Z")]             // closed before opened: negative
    public void Decide_MonthsBetweenDateTimes_EqualsTheCompiledEngine(string opened, string closed)
    {
        var policies = Policies.Load(Tenures);
        var onNRules = NRulesPolicySet.Create(policies);
        var fact = new Dictionary<string, object?> { ["opened"] = opened, ["closed"] = closed };

        var expected = policies.Decide("tenures", fact);

        Same.Describe(onNRules.Decide("tenures", fact)).Should().Be(Same.Describe(expected));
        expected.Status.Should().Be(DecisionStatus.Classified);
    }

    [Fact]
    public void Decide_MonthsBetweenDateTimes_ReachesEveryRuleOnBothEngines()
    {
        var policies = Policies.Load(Tenures);
        var onNRules = NRulesPolicySet.Create(policies);
        string[][] facts = [["2024-01-31T00:30:00+08:00", "2025-02-28T20:00:00Z"], ["2024-02-29T08:00:00+08:00", "2025-02-28T00:00:00Z"], ["2024-02-29T08:00:00+08:00", "2025-02-27T23:59:59Z"]];

        var fired = facts.Select(f => new Dictionary<string, object?> { ["opened"] = f[0], ["closed"] = f[1] })
            .Select(f => (compiled: policies.Decide("tenures", f), nrules: onNRules.Decide("tenures", f)))
            .Select(d => (d.compiled.DecidingRuleId, string.Join(",", d.compiled.Outputs.Values), d.nrules.DecidingRuleId, string.Join(",", d.nrules.Outputs.Values)))
            .ToList();

        fired.Should().Equal(("LONG", "13", "LONG", "13"), ("YEAR", "-12", "YEAR", "-12"), ("SHORT", "11", "SHORT", "11"));
    }

    [Theory]
    [InlineData("2024-03-01T00:00:00Z", "BETWEEN,HALF,NOTIN,WINDOW,MOVED")]
    [InlineData("2024-03-01T07:59:59+08:00", "NOTIN,WINDOW,MOVED")]
    [InlineData("2024-02-29T15:59:59Z", "NOTIN,MOVED")]
    [InlineData("2024-04-01T08:00:00+08:00", "")]
    [InlineData("2024-03-31T23:59:59Z", "BETWEEN,HALF,OPEN")]
    [InlineData("2024-03-30T16:00:00Z", "BETWEEN,HALF,OPEN")]
    public void Decide_DateTimeRanges_EqualsTheCompiledEngine(string at, string fired)
    {
        var policies = Policies.Load(Policies.Windows);
        var onNRules = NRulesPolicySet.Create(policies);
        var fact = new Dictionary<string, object?> { ["at"] = at, ["from"] = "2024-03-01T00:00:00+08:00", ["until"] = "2024-03-01T00:00:00Z" };

        var expected = policies.Decide("windows", fact);

        Same.Describe(onNRules.Decide("windows", fact)).Should().Be(Same.Describe(expected));
        onNRules.Decide("windows", fact).FiredRuleIds.Should().Equal(fired.Length == 0 ? [] : fired.Split(','));
    }
}
