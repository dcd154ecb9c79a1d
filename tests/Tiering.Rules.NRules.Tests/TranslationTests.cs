using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>What the translation hands NRules: rule sets, rule names, priorities.</summary>
public sealed class TranslationTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);
    private static readonly NRulesPolicySet Translated = NRulesPolicySet.Create(Shipped);

    [Fact]
    public void RuleSets_OnePerPolicy_NamedByThePolicyId()
    {
        Translated.RuleSets.Select(s => s.Name).Should().BeEquivalentTo(Shipped.Policies.Select(p => p.Id).Distinct());
    }

    [Fact]
    public void Rules_OnePerPolicyRuleNamedByItsId_PlusOneDecideRulePerVersion()
    {
        var loan = Translated.RuleSets.Single(s => s.Name == "loan-five-category").Rules.ToList();

        loan.Select(r => r.Name).Should().Equal([.. Shipped.Explain("loan-five-category", FactFor()).Rules.Select(r => r.Id), "loan-five-category: decide"]);
        loan.Should().OnlyContain(r => r.Tags.Contains("loan-five-category") && "loan-five-category".Equals(r.Properties["policy"]));
    }

    [Fact]
    public void Rules_FirstHitPolicy_FireInTheAuthorsOrderAndBeforeTheDecideRule()
    {
        var aum = Translated.RuleSets.Single(s => s.Name == "retail-aum-tier").Rules.ToList();
        var hits = aum.Where(r => !r.Name.EndsWith(": decide", StringComparison.Ordinal)).ToList();

        hits.Select(r => r.Priority).Should().BeInDescendingOrder().And.OnlyHaveUniqueItems();
        aum.Single(r => r.Name == "retail-aum-tier: decide").Priority.Should().BeLessThan(hits.Min(r => r.Priority));
    }

    [Fact]
    public void Rules_Scorecard_OneRulePerItemAndVetoButNoneForGradingRows()
    {
        var names = Translated.RuleSets.Single(s => s.Name == "credit-scorecard-example").Rules.Select(r => r.Name).ToList();

        names.Should().Contain(["SC-BASE-YEARS", "SC-DED-LAWSUIT", "SC-VETO-BLACKLIST", "credit-scorecard-example: decide"]);
        names.Should().NotContain(n => n.StartsWith("SC-GRADE-", StringComparison.Ordinal), "the resolver grades the score, as in the compiled engine");
    }

    [Fact]
    public void Rules_ChainedPolicy_GetsARuleMatchingTheOtherPolicysDecisions()
    {
        var policies = Policies.Load(
            """
            policy: base
            version: "1"
            fields: { n: { type: integer } }
            grades: [low, high]
            hitPolicy: first
            default: low
            rules:
              - { id: B-HIGH, when: n > 10, then: high }
            """,
            """
            policy: watch
            version: "1"
            fields: { n: { type: integer } }
            grades: [no, yes]
            hitPolicy: first
            default: no
            rules:
              - { id: W-YES, when: "decision('base').grade = 'high'", then: yes }
            """);
        var translated = NRulesPolicySet.Create(policies);

        translated.RuleSets.Single(s => s.Name == "watch").Rules.Select(r => r.Name).Should().Contain("watch: reads decision('base')");
        translated.Decide("watch", Policies.Fact(("n", 11))).Grade!.Id.Should().Be("yes");
        translated.Decide("watch", Policies.Fact(("n", 10))).Grade!.Id.Should().Be("no");
    }

    private static Dictionary<string, object?> FactFor() => new()
    {
        ["amount"] = 10_000_000m, ["overdueDays"] = 0, ["expectedLossRate"] = 0m,
        ["financialIndicatorsDeteriorating"] = false, ["contingentLiabilitiesRising"] = false, ["loanNotUsedAsAgreed"] = false,
        ["poorRepaymentWillingness"] = false, ["collateralValueDeclined"] = false, ["guarantorFinancesQuestionable"] = false,
        ["netCashFlowNegative"] = false, ["operatingLoss"] = false, ["hasSupplementarySource"] = false,
        ["defaultOnOtherLenders"] = false, ["repayingByCollateralSale"] = false, ["productionHalted"] = false,
        ["insolvent"] = false, ["bankSued"] = false, ["restructuredStillOverdue"] = false, ["borrowerDissolved"] = false,
    };
}
