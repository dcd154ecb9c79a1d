using Tiering.Rules.Impact;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Impact;

public sealed class PolicyImpactTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    private static ImpactSide Before => new(Shipped, "loan-risk-regulatory", RegulatoryLoans.Before);

    private static ImpactSide After => new(Shipped, "loan-risk-regulatory", RegulatoryLoans.After);

    private static string Label(Decision d) => d.Status == DecisionStatus.Classified ? d.Grade!.Id : d.Status.ToSnakeCase();

    [Fact]
    public void Compare_RegulatoryLoans_MatrixEqualsCrossTabulationOfTwoDecideRuns()
    {
        var loans = RegulatoryLoans.Generate(3000, seed: 7);

        var result = PolicyImpact.Compare(Before, After, loans);

        var expected = loans
            .Select(l => (From: Label(Shipped.Decide("loan-risk-regulatory", l, RegulatoryLoans.Before)), To: Label(Shipped.Decide("loan-risk-regulatory", l, RegulatoryLoans.After))))
            .GroupBy(p => p)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        result.Cells.ToDictionary(c => (c.From, c.To), c => c.Count).Should().Equal(expected);
        result.Total.Should().Be(3000);
        result.Changed.Should().Be(expected.Where(e => e.Key.From != e.Key.To).Sum(e => e.Value));
        result.Changed.Should().BeGreaterThan(0, "the 2023 Measures move many loans");
        result.Cells.Select(c => c.To).Should().Contain("invalid", "a loan missing a 2023 field is invalid after only");
    }

    [Fact]
    public void Compare_RegulatoryLoans_FiredCountsEqualThoseOfTwoDecideRuns()
    {
        var loans = RegulatoryLoans.Generate(1000, seed: 11);

        var result = PolicyImpact.Compare(Before, After, loans);

        var before = loans.SelectMany(l => Shipped.Decide("loan-risk-regulatory", l, RegulatoryLoans.Before).FiredRuleIds).GroupBy(r => r).ToDictionary(g => g.Key, g => (long)g.Count());
        var after = loans.SelectMany(l => Shipped.Decide("loan-risk-regulatory", l, RegulatoryLoans.After).FiredRuleIds).GroupBy(r => r).ToDictionary(g => g.Key, g => (long)g.Count());
        result.Rules.Where(r => r.FiredBefore > 0).ToDictionary(r => r.Id, r => r.FiredBefore).Should().Equal(before);
        result.Rules.Where(r => r.FiredAfter > 0).ToDictionary(r => r.Id, r => r.FiredAfter).Should().Equal(after);
        result.Rules.Select(r => r.Id).Should().StartWith(["R07-SM-OVD", "R07-SM-EVG"]).And.Contain("R23-LOSS-OVD").And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Compare_SameSideTwice_NothingChanges()
    {
        var loans = RegulatoryLoans.Generate(500, seed: 3);

        var result = PolicyImpact.Compare(After, After, loans);

        result.Changed.Should().Be(0);
        result.Cells.Should().OnlyContain(c => !c.Changed);
        result.Cells.Sum(c => c.Count).Should().Be(500);
        result.Examples.Should().BeEmpty();
        result.Rules.Should().OnlyContain(r => r.ChangedExplained == 0 && r.FiredBefore == r.FiredAfter);
    }

    [Fact]
    public void Compare_RecordInvalidOnOneSideOnly_CountsUnderInvalidThereAndNamesTheField()
    {
        var loan = RegulatoryLoans.Generate(40, seed: 1).First(l => l.ContainsKey("purposeChanged") && l.ContainsKey("creditImpaired") && (int)l["overdueDays"]! >= 0);
        loan.Remove("creditImpaired");

        var result = PolicyImpact.Compare(Before, After, [loan]);

        result.Cells.Should().ContainSingle().Which.To.Should().Be("invalid");
        result.InvalidBefore.Records.Should().Be(0);
        result.InvalidAfter.Records.Should().Be(1);
        result.InvalidAfter.ByField.Should().Equal(new Dictionary<string, long> { ["creditImpaired"] = 1 });
        result.Changed.Should().Be(1);
        result.ChangedUnexplained.Should().Be(result.Examples[0].Before!.FiredRuleIds.Count == 0 ? 1 : 0);
    }

    [Fact]
    public void Compare_RestructuredNormalLoan_MovesFromSubstandardToSpecialMentionExplainedByBothRestructuringRules()
    {
        var loan = Loan(restructured: true, priorCategory: "normal");

        var result = PolicyImpact.Compare(Before, After, [loan]);

        result.Cells.Should().ContainSingle().Which.Should().Match<ImpactCell>(c => c.From == "substandard" && c.To == "special_mention" && c.Count == 1);
        result.Rules.Where(r => r.ChangedExplained > 0).Select(r => r.Id).Should().BeEquivalentTo("R07-SUB-RESTR", "R23-SM-RESTR");
        result.ChangedUnexplained.Should().Be(0);
    }

    [Fact]
    public void Compare_OverdueLoanUnderBothVersions_TheCommonFloorDoesNotExplainTheChange()
    {
        // 100 days overdue: 2007 gives special_mention (R07-SM-OVD); 2023 gives substandard (R23-SM-OVD and R23-SUB-OVD).
        var loan = Loan(overdueDays: 100);

        var result = PolicyImpact.Compare(Before, After, [loan]);

        result.CountOf("special_mention", "substandard").Should().Be(1);
        var explaining = result.Rules.Where(r => r.ChangedExplained > 0).Select(r => r.Id).ToList();
        explaining.Should().BeEquivalentTo(["R07-SM-OVD", "R23-SUB-OVD"], "R23-SM-OVD fired after with the grade R07-SM-OVD gave before, but did not set the new grade");
    }

    [Fact]
    public void Compare_WithWeightField_SumsExactDecimalsPerCellAndCountsMissingWeights()
    {
        var a = Loan(overdueDays: 100, balance: 0.1m);
        var b = Loan(overdueDays: 120, balance: 1234567890.123456789m);
        var c = Loan(overdueDays: 0, balance: 3m);
        var d = Loan(overdueDays: 100, balance: null);

        var result = PolicyImpact.Compare(Before, After, [a, b, c, d], new PolicyImpactOptions { WeightField = "balance" });

        var moved = result.Cells.Single(x => x.From == "special_mention" && x.To == "substandard");
        moved.Count.Should().Be(3);
        moved.Weight.Should().Be(1234567890.223456789m);
        result.Cells.Single(x => x.From == "normal").Weight.Should().Be(3m);
        result.WeightMissing.Should().Be(1);
        result.TotalWeight.Should().Be(1234567893.223456789m);
        result.ChangedWeight.Should().Be(1234567890.223456789m);
        result.Rules.Single(r => r.Id == "R23-SUB-OVD").ChangedWeight.Should().Be(1234567890.223456789m);
    }

    [Fact]
    public void Compare_WeightAsTextOrJson_IsReadExactly()
    {
        var text = Loan(overdueDays: 100);
        text["balance"] = "10.05";
        var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(Loan(overdueDays: 100, balance: 0.3m))).RootElement;

        var result = PolicyImpact.Compare(Before, After, new object[] { text, json }, new PolicyImpactOptions { WeightField = "balance" });

        result.Cells.Single().Weight.Should().Be(10.35m);
        result.WeightMissing.Should().Be(0);
    }

    [Fact]
    public void Compare_ManyChangedRecords_KeepsAtMostTheAskedExamplesPerCellInInputOrder()
    {
        var loans = Enumerable.Range(0, 10).Select(i => Loan(overdueDays: 100 + i)).ToList();

        var result = PolicyImpact.Compare(Before, After, loans, new PolicyImpactOptions { Examples = 3 });

        result.Examples.Select(e => e.Index).Should().Equal(0, 1, 2);
        result.Examples[0].FiredBefore.Should().Equal("R07-SM-OVD");
        result.Examples[0].FiredAfter.Should().Equal("R23-SM-OVD", "R23-SUB-OVD");
        result.Examples[0].From.Should().Be("special_mention");
    }

    [Fact]
    public void Add_WithId_TheExampleCarriesIt()
    {
        var impact = new PolicyImpact(Before, After);

        impact.Add(Loan(overdueDays: 0));
        impact.Add(Loan(overdueDays: 300), "L-300");

        impact.ToResult().Examples.Should().ContainSingle().Which.Should().Match<ImpactExample>(e => e.Id == "L-300" && e.Index == 1 && e.To == "doubtful");
    }

    [Fact]
    public void AddUnreadable_CountsAsInvalidOnBothSidesUnderInput()
    {
        var impact = new PolicyImpact(Before, After);

        impact.Add(Loan());
        impact.AddUnreadable("L2");

        var result = impact.ToResult();
        result.Total.Should().Be(2);
        result.CountOf("invalid", "invalid").Should().Be(1);
        result.InvalidBefore.ByField.Should().Equal(new Dictionary<string, long> { ["(input)"] = 1 });
        result.InvalidAfter.Records.Should().Be(1);
        result.Changed.Should().Be(0);
    }

    [Fact]
    public void Constructor_PolicyMissingOnOneSide_ThrowsNamingTheSide()
    {
        var other = Policies.Load("""
            policy: something-else
            version: "1"
            fields: { x: { type: integer } }
            grades: [a]
            hitPolicy: first
            default: a
            rules: []
            """);

        var act = () => new PolicyImpact(Before, new ImpactSide(other, "loan-risk-regulatory", RegulatoryLoans.After));

        act.Should().Throw<ArgumentException>().WithMessage("the after side: no policy 'loan-risk-regulatory'*");
    }

    [Fact]
    public void Constructor_SeveralVersionsAndNoAsOf_Throws()
    {
        var act = () => new PolicyImpact(new ImpactSide(Shipped, "loan-risk-regulatory"), After);

        act.Should().Throw<ArgumentException>().WithMessage("*2 effective-dated versions on the before side (2007, 2023)*as-of*");
    }

    [Fact]
    public void Compare_DifferentGradeScales_MatchesGradesByIdAndListsTheUnmapped()
    {
        var before = Policies.Load(Bands("1", "[low, mid, high]", "low", "mid", "high"));
        var after = Policies.Load(Bands("2", "[low, high, top]", "low", "high", "top"));
        var facts = new[] { 5, 15, 25 }.Select(v => Policies.Fact(("v", v))).ToList();

        var result = PolicyImpact.Compare(new ImpactSide(before, "p"), new ImpactSide(after, "p"), facts);

        result.Labels.Should().StartWith(["low", "mid", "high", "top"]);
        result.UnmappedBefore.Should().Equal("mid");
        result.UnmappedAfter.Should().Equal("top");
        result.CountOf("low", "low").Should().Be(1);
        result.CountOf("mid", "high").Should().Be(1);
        result.CountOf("high", "top").Should().Be(1);
        result.Before.Versions.Should().Equal("1");
        result.After.Versions.Should().Equal("2");
    }

    private static string Bands(string version, string grades, string g0, string g1, string g2) => $$"""
        policy: p
        version: "{{version}}"
        fields: { v: { type: integer, min: 0 } }
        grades: {{grades}}
        hitPolicy: first
        bands:
          on: v
          rows:
            - { id: B0, from: 0, to: 10, grade: {{g0}} }
            - { id: B1, from: 10, to: 20, grade: {{g1}} }
            - { id: B2, from: 20, grade: {{g2}} }
        """;

    private static Dictionary<string, object?> Loan(int overdueDays = 0, bool restructured = false, string priorCategory = "normal", decimal? balance = 1m)
    {
        var loan = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["overdueDays"] = overdueDays,
            ["restructured"] = restructured,
            ["technicalOverdue"] = false,
            ["creditImpaired"] = false,
            ["eclToCarrying"] = 0m,
            ["nonRetail"] = false,
            ["npShareAtThisBank"] = 0m,
            ["overdue90ShareAllBanks"] = 0m,
            ["priorCategory"] = priorCategory,
            ["refinancedToRepay"] = false,
            ["purposeChanged"] = false,
            ["otherDebtNonPerforming"] = false,
            ["issuedInBreachOfLaw"] = false,
            ["evasionSuspected"] = false,
            ["interestNonAccrual"] = false,
            ["evasionByMergerOrSplit"] = false,
            ["stillUnableToRepay"] = false,
        };
        if (balance is { } b)
        {
            loan["balance"] = b;
        }

        return loan;
    }
}
