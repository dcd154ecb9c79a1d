using Tiering.Rules.Impact;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Impact;

/// <summary>
/// The policy diff over dates: on each side the as-of date is a constant, derived values are their expressions, and a
/// comparison that then reads one date field is an interval of it — computed with the engine's own date functions, so
/// the edges are the engine's to the day (end of month included). Every witness is decided again here.
/// </summary>
public sealed class DateDiffTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    private static string OneDate(string condition, string let = "") => $$"""
        policy: p
        version: "1"
        fields: { d: { type: date }, big: { type: boolean } }
        {{let}}
        grades: [low, high]
        hitPolicy: worst
        default: low
        rules:
          - { id: R1, when: "{{condition}}", then: high }
        """;

    private static string Label(Decision d) => d.Status == DecisionStatus.Classified ? d.Grade!.Id : d.Status.ToSnakeCase();

    private static void AssertWitnesses(PolicyDiffResult diff, PolicySet before, DateOnly? beforeAsOf, PolicySet after, DateOnly? afterAsOf)
    {
        foreach (var region in diff.Regions)
        {
            Label(before.Decide(diff.PolicyId, region.Witness, beforeAsOf)).Should().Be(region.From, $"the witness of '{region.Description}' before");
            Label(after.Decide(diff.PolicyId, region.Witness, afterAsOf)).Should().Be(region.To, $"the witness of '{region.Description}' after");
            region.Verified.Should().BeTrue();
        }
    }

    [Fact]
    public void Compare_Regulatory2023OnConsecutiveDays_ListsExactlyTheAssetsWhoseObservationPeriodEnds()
    {
        var (day, next) = (new DateOnly(2024, 6, 30), new DateOnly(2024, 7, 1));

        var diff = PolicyDiff.Compare(new ImpactSide(Shipped, "loan-risk-regulatory", day), new ImpactSide(Shipped, "loan-risk-regulatory", next));

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        diff.Regions.Should().NotBeEmpty();
        // Only the observation period moves between two days: a year from 2023-07-01 ends on 2024-07-01, and so does a
        // second repayment period closing that day; every region is a non-performing prior category released.
        diff.Regions.Should().OnlyContain(r => r.From != "normal" && r.From != "special_mention"
            && (r.Description.Contains("firstRepaymentDate = 2023-07-01", StringComparison.Ordinal) || r.Description.Contains("secondPeriodEndDate = 2024-07-01", StringComparison.Ordinal)));
        diff.Regions.Select(r => r.From).Distinct().Should().BeEquivalentTo(["substandard", "doubtful", "loss"]);
        AssertWitnesses(diff, Shipped, day, Shipped, next);
    }

    [Fact]
    public void Compare_Regulatory2023WithItselfOneDayApartAtMonthEnd_UsesTheEndOfMonthRule()
    {
        // From 2025-02-27 to 2025-02-28 the year of a first repayment on 2024-02-28 ends, and so does that of 2024-02-29
        // (no 29th in 2025): both dates are in the region, 2024-02-27 and 2024-03-01 are not.
        var (day, next) = (new DateOnly(2025, 2, 27), new DateOnly(2025, 2, 28));

        var diff = PolicyDiff.Compare(new ImpactSide(Shipped, "loan-risk-regulatory", day), new ImpactSide(Shipped, "loan-risk-regulatory", next));

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        diff.Regions.Should().Contain(r => r.Description.Contains("firstRepaymentDate in [2024-02-28, 2024-02-29]", StringComparison.Ordinal));
        AssertWitnesses(diff, Shipped, day, Shipped, next);
    }

    [Fact]
    public void Compare_DaysBetweenAsOfAgainstTheSameDateWrittenOut_ListsNoRegionAndIsComplete()
    {
        var asOf = new DateOnly(2024, 6, 30);
        var edge = asOf.AddDays(-365).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = Policies.Load(OneDate($"big and d > {edge}"));
        var after = Policies.Load(OneDate("big and daysBetween(d, asOf) < 365"));

        var diff = PolicyDiff.Compare(new ImpactSide(before, "p", asOf), new ImpactSide(after, "p", asOf));

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        diff.Regions.Should().BeEmpty("daysBetween(d, 2024-06-30) < 365 is d > 2023-07-01, to the day");
    }

    [Fact]
    public void Compare_ThresholdMovedByADay_ListsTheOneDayWithAWitnessOnIt()
    {
        var asOf = new DateOnly(2024, 6, 30);
        var before = Policies.Load(OneDate("monthsBetween(d, asOf) < 12"));
        var after = Policies.Load(OneDate("daysBetween(d, asOf) < 365"));

        var diff = PolicyDiff.Compare(new ImpactSide(before, "p", asOf), new ImpactSide(after, "p", asOf));

        // monthsBetween(d, 2024-06-30) < 12 is d >= 2023-07-01; daysBetween(…) < 365 is d >= 2023-07-02.
        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        diff.Regions.Should().ContainSingle().Which.Should().Match<DiffRegion>(r => r.From == "high" && r.To == "low" && r.Description == "d = 2023-07-01");
        AssertWitnesses(diff, before, asOf, after, asOf);
    }

    [Fact]
    public void Compare_AddMonthsInADerivedValue_SetsAsideTheDatesWhereItLeavesTheCalendarAsInvalid()
    {
        // addMonths(d, 12) > 2024-02-28 holds from d = 2023-03-01 (2023-02-28 + 12 months is 2024-02-28 itself), and
        // fails for every d in 9999: those facts are invalid after (the value is computed for every fact), and nothing else changes.
        var asOf = new DateOnly(2024, 2, 28);
        var before = Policies.Load(OneDate("d >= 2023-03-01"));
        var after = Policies.Load(OneDate("asOf < ends", "let: { ends: \"addMonths(d, 12)\" }"));

        var diff = PolicyDiff.Compare(new ImpactSide(before, "p", asOf), new ImpactSide(after, "p", asOf));

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        diff.Regions.Should().ContainSingle().Which.Should().Match<DiffRegion>(r => r.From == "high" && r.To == "invalid" && r.Description == "d >= 9999-01-01");
        AssertWitnesses(diff, before, asOf, after, asOf);
    }

    [Fact]
    public void Compare_AddMonthsInARuleThatCanLeaveTheCalendar_IsIncompleteAndSaysWhy()
    {
        var asOf = new DateOnly(2024, 2, 28);
        var set = Policies.Load(OneDate("asOf < addMonths(d, 12)"));

        var diff = PolicyDiff.Compare(new ImpactSide(set, "p", asOf), new ImpactSide(set, "p", asOf));

        diff.Complete.Should().BeFalse();
        diff.Reasons.Should().ContainMatch("*R1 is beyond the analysis*off the calendar*'d'*");
    }

    [Fact]
    public void Compare_PolicyReadingAsOfWithoutADateOnASide_IsIncompleteNamingAsOf()
    {
        var set = Policies.Load(OneDate("monthsBetween(d, asOf) < 12"));

        var diff = PolicyDiff.Compare(new ImpactSide(set, "p"), new ImpactSide(set, "p", new DateOnly(2024, 1, 1)));

        diff.Complete.Should().BeFalse();
        diff.Reasons.Should().ContainSingle().Which.Should().Contain("before version reads the as-of date (asOf) and the before side gives none");
    }

    [Fact]
    public void Compare_ConditionNotMonotoneInItsDate_IsIncompleteAndSaysWhy()
    {
        var asOf = new DateOnly(2024, 2, 28);
        var set = Policies.Load(OneDate("month(d) = 3"));

        var diff = PolicyDiff.Compare(new ImpactSide(set, "p", asOf), new ImpactSide(set, "p", asOf));

        diff.Complete.Should().BeFalse();
        diff.Reasons.Should().ContainMatch("*R1 is beyond the analysis*not monotone in it*");
    }
}
