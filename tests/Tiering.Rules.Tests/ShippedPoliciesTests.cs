using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests;

public sealed class ShippedPoliciesTests
{
    private static readonly PolicySet Rules = PolicySet.LoadDirectory(Repo.Rules);

    [Theory]
    [InlineData(0, "normal", new string[0])]
    [InlineData(1, "special_mention", new[] { "SM-01" })]
    [InlineData(90, "special_mention", new[] { "SM-01" })]
    [InlineData(91, "substandard", new[] { "SUB-01" })]
    [InlineData(180, "substandard", new[] { "SUB-01" })]
    [InlineData(181, "doubtful", new[] { "DBT-01" })]
    public void Loan_OverdueDayEdges_GiveTheDecidedCategory(int days, string grade, string[] fired)
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan(("overdueDays", days)));

        decision.Status.Should().Be(DecisionStatus.Classified);
        decision.Grade!.Id.Should().Be(grade);
        decision.FiredRuleIds.Should().BeEquivalentTo(fired);
    }

    [Theory]
    [InlineData("0", "normal", new string[0])]
    [InlineData("0.0001", "substandard", new[] { "SUB-06" })]
    [InlineData("0.2999", "substandard", new[] { "SUB-06" })]
    [InlineData("0.30", "doubtful", new[] { "DBT-06" })]
    [InlineData("0.90", "doubtful", new[] { "DBT-06" })]
    [InlineData("0.9001", "loss", new[] { "LOSS-02" })]
    [InlineData("1.00", "loss", new[] { "LOSS-02" })]
    public void Loan_LossRateEdges_AreExactDecimals(string rate, string grade, string[] fired)
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan(("expectedLossRate", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture))));

        decision.Grade!.Id.Should().Be(grade);
        decision.FiredRuleIds.Should().BeEquivalentTo(fired);
    }

    [Fact]
    public void Decide_MisspelledPolicyId_ThrowsNamingTheClosestIdAndEveryLoadedOne()
    {
        var decide = () => Rules.Decide("star-ratng", new Dictionary<string, object?>());

        decide.Should().Throw<KeyNotFoundException>()
            .WithMessage("no policy 'star-ratng' is loaded; did you mean 'star-rating'? The policies are: big-customer-from-sales, big-customer-sales-share, *");
    }

    [Fact]
    public void Loan_AmountExactlyFiveMillion_IsNotApplicable()
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan(("amount", 5_000_000m), ("overdueDays", 200)));

        decision.Status.Should().Be(DecisionStatus.NotApplicable);
        decision.Grade.Should().BeNull();
        decision.FiredRuleIds.Should().BeEmpty();
    }

    [Fact]
    public void Loan_WorstOfSeveralCharacteristics_ReportsEveryFiredRule()
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan(
            ("overdueDays", 100), ("productionHalted", true), ("poorRepaymentWillingness", true), ("borrowerDissolved", true)));

        decision.Grade!.Id.Should().Be("loss");
        decision.Grade.Label.Should().Be("损失");
        decision.FiredRuleIds.Should().Equal("SM-05", "SUB-01", "DBT-02", "LOSS-01");
        decision.DecidingRuleId.Should().Be("LOSS-01");
    }

    [Fact]
    public void Loan_FiredRule_CarriesCitationAndTheFieldsItReads()
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan(("operatingLoss", true)));

        var fired = decision.FiredRules.Should().ContainSingle().Subject;
        fired.Id.Should().Be("SUB-03");
        fired.Because.Should().StartWith("第八条(三)");
        fired.Reads.Should().Equal("operatingLoss", "hasSupplementarySource");
        fired.Span.Path.Should().EndWith("loan-five-category.yaml");
        fired.Span.Start.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Loan_Explain_GivesTheValuesEachRuleRead()
    {
        var trace = Rules.Explain("loan-five-category", FactBuilders.Loan(("operatingLoss", true), ("overdueDays", 12)));

        trace.Decision.FiredRuleIds.Should().Equal("SM-01", "SUB-03");
        var sub03 = trace.Rules.Single(r => r.Id == "SUB-03");
        sub03.Outcome.Should().Be(RuleOutcome.Fired);
        sub03.Readings.Select(r => (r.Field, r.Value)).Should().Equal(("operatingLoss", (object?)true), ("hasSupplementarySource", (object?)false));
        trace.Rules.Single(r => r.Id == "SM-01").Readings.Select(r => (r.Field, r.Value)).Should().Equal(("overdueDays", (object?)12m));
        trace.Rules.Single(r => r.Id == "DBT-01").Outcome.Should().Be(RuleOutcome.NotFired);
        trace.Facts.Select(r => (r.Field, r.Value)).Should().Contain(("operatingLoss", (object?)true));
    }

    [Fact]
    public void Loan_SameOutcome_SharesOneDecisionButDifferentOutcomesDoNot()
    {
        // A decision keeps nothing of its fact, so equal outcomes may share an instance (a portfolio run allocates per
        // outcome, not per fact); what each decision reports must still be its own.
        var a = Rules.Decide("loan-five-category", FactBuilders.Loan(("overdueDays", 10)));
        var b = Rules.Decide("loan-five-category", FactBuilders.Loan(("overdueDays", 60)));
        var c = Rules.Decide("loan-five-category", FactBuilders.Loan(("overdueDays", 100)));
        var d = Rules.Decide("loan-five-category", FactBuilders.Loan(("overdueDays", 100)), new DateOnly(2024, 1, 1));

        b.Should().BeSameAs(a);
        a.FiredRuleIds.Should().Equal("SM-01");
        c.FiredRuleIds.Should().Equal("SUB-01");
        c.Grade!.Id.Should().Be("substandard");
        d.AsOf.Should().Be(new DateOnly(2024, 1, 1));
        c.AsOf.Should().BeNull();
    }

    [Fact]
    public void Loan_MissingFlag_IsInvalidNamingTheField()
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan().Without("insolvent"));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Grade.Should().BeNull();
        decision.Errors.Should().ContainSingle(e => e.Field == "insolvent" && e.Kind == FieldErrorKind.Missing);
    }

    [Fact]
    public void Loan_InvalidFactOutOfScope_IsStillInvalid()
    {
        var decision = Rules.Decide("loan-five-category", FactBuilders.Loan(("amount", 1000m), ("overdueDays", -3)));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle(e => e.Field == "overdueDays" && e.Kind == FieldErrorKind.OutOfDomain);
    }

    [Theory]
    [InlineData("999.99", "untiered", null)]
    [InlineData("1000", "tier_1", "AUM-T1")]
    [InlineData("49999.99", "tier_1", "AUM-T1")]
    [InlineData("50000", "tier_2", "AUM-T2")]
    [InlineData("199999.99", "tier_2", "AUM-T2")]
    [InlineData("200000", "tier_3", "AUM-T3")]
    [InlineData("500000", "tier_4", "AUM-T4")]
    [InlineData("2999999.99", "tier_4", "AUM-T4")]
    [InlineData("3000000", "tier_5", "AUM-T5")]
    public void Aum_BandEdges_AreLowerInclusive(string aum, string grade, string? rule)
    {
        var decision = Rules.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = decimal.Parse(aum, System.Globalization.CultureInfo.InvariantCulture) });

        decision.Status.Should().Be(DecisionStatus.Classified);
        decision.Grade!.Id.Should().Be(grade);
        decision.FiredRuleIds.Should().Equal(rule is null ? [] : [rule]);
    }

    [Fact]
    public void Aum_Tier_OutputsTheResponsibleRole()
    {
        var decision = Rules.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = 600000m });

        decision.Outputs.Should().Contain("owner", "客户经理+客户经理主管");
    }

    [Theory]
    [InlineData("0", "not_rated", null)]
    [InlineData("0.01", "quasi_star", "STAR-Q")]
    [InlineData("49.99", "quasi_star", "STAR-Q")]
    [InlineData("50", "3_star", "STAR-3")]
    [InlineData("500", "4_star", "STAR-4")]
    [InlineData("2000", "5_star", "STAR-5")]
    [InlineData("10000", "6_star", "STAR-6")]
    [InlineData("79999.99", "6_star", "STAR-6")]
    [InlineData("80000", "7_star", "STAR-7")]
    public void Star_BandEdges_FollowTheSourceMarkers(string points, string grade, string? rule)
    {
        var decision = Rules.Decide("star-rating", new Dictionary<string, object?> { ["starPoints"] = decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture) });

        decision.Grade!.Id.Should().Be(grade);
        decision.FiredRuleIds.Should().Equal(rule is null ? [] : [rule]);
    }

    [Fact]
    public void Star_TextWhereNumberBelongs_IsInvalidWrongType()
    {
        var decision = Rules.Decide("star-rating", new Dictionary<string, object?> { ["starPoints"] = "many" });

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle(e => e.Field == "starPoints" && e.Kind == FieldErrorKind.WrongType);
    }
}
