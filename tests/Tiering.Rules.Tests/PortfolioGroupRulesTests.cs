using Tiering.Rules.Impact;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>
/// Policies that decide each group with their own grades, rules or bands (no <c>decideWith</c>): the rules read the
/// group fact — the key, the constant fields and <c>group.&lt;aggregate&gt;</c> — and nothing of a single member.
/// </summary>
public sealed class PortfolioGroupRulesTests
{
    internal const string Graded = """
        policy: graded
        version: "1"
        fields:
          customerId: { type: string }
          balance: { type: decimal, min: 0 }
          private: { type: boolean }
        group:
          by: customerId
          decides: groups
          constant: [private]
          aggregates:
            aum: { sum: balance }
            accounts: { count: members }
            biggest: { max: balance }
        grades: [basic, silver, gold]
        hitPolicy: worst
        default: basic
        rules:
          - { id: AUM-SILVER, when: group.aum >= 100, then: silver, outputs: { desk: wealth } }
          - { id: MANY-PRIVATE, when: private and group.accounts >= 3, then: gold }
          - { id: HOUSE, when: customerId = 'HOUSE', then: gold }
          - { id: ONE-BIG, when: group.biggest > 1000, then: gold }
        """;


    private static Dictionary<string, object?> Account(string customer, decimal balance, bool isPrivate = false) =>
        Fact(("customerId", customer), ("balance", balance), ("private", isPrivate));

    [Fact]
    public void DecidePortfolio_OwnRules_OneDecisionPerGroupGradedFromItsAggregates()
    {
        var set = Load(Graded);

        var decisions = set.DecidePortfolio("graded", [
            Account("C1", 60), Account("C2", 10, isPrivate: true), Account("C1", 40), Account("C2", 5, isPrivate: true),
            Account("C2", 1, isPrivate: true), Account("C3", 99.99m), Account("HOUSE", 0)]);

        decisions.Select(d => (d.Group!.Key, d.Grade!.Id, d.Group.Members)).Should().Equal(
            ("C1", "silver", 2), ("C2", "gold", 3), ("C3", "basic", 1), ("HOUSE", "gold", 1));
        decisions.Select(d => string.Join(",", d.FiredRuleIds)).Should().Equal("AUM-SILVER", "MANY-PRIVATE", string.Empty, "HOUSE");
        decisions[0].PolicyId.Should().Be("graded");
        decisions[0].Outputs.Should().Contain("desk", "wealth");
        decisions[0].Group!.Aggregate("aum")!.Value.Should().Be(100m);
        decisions[1].Group!.Aggregate("accounts")!.Value.Should().Be(3m);
    }

    [Fact]
    public void DecidePortfolio_OwnRules_FiredRuleReadsTheAggregatesItsDecisionCarries()
    {
        var set = Load(Graded);

        var decision = set.DecidePortfolio("graded", [Account("C1", 70), Account("C1", 30)]).Single();

        var fired = decision.FiredRules.Single();
        fired.Id.Should().Be("AUM-SILVER");
        fired.Reads.Should().Equal("group.aum");
        decision.Group!.Aggregate("aum")!.Value.Should().Be(100m);
    }

    [Fact]
    public void DecidePortfolio_OwnRulesWithInvalidMember_NotCountedAndTheGroupSaysExcluded()
    {
        var set = Load(Graded);

        var decisions = set.DecidePortfolio("graded", [Account("C1", 70), Fact(("customerId", "C1"), ("balance", -5m), ("private", false)), Account("C1", 20)]);

        decisions.Should().HaveCount(2);
        decisions[0].Grade!.Id.Should().Be("basic");
        decisions[0].Group!.Excluded.Should().Be(1);
        decisions[0].Group!.Aggregate("aum")!.Value.Should().Be(90m);
        decisions[1].Status.Should().Be(DecisionStatus.Invalid);
        decisions[1].Errors.Should().ContainSingle(e => e.Field == "balance");
    }

    [Fact]
    public void DecidePortfolio_OwnRulesConstantDisagrees_GroupInvalidNamingFieldAndKey()
    {
        var set = Load(Graded);

        var decision = set.DecidePortfolio("graded", [Account("C1", 70, isPrivate: true), Account("C1", 20)]).Single();

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle(e => e.Field == "private" && e.Message.Contains("C1", StringComparison.Ordinal));
    }

    [Fact]
    public void DecidePortfolio_BandsOnAnAggregate_GradesEachGroupAtTheEdge()
    {
        var set = Load(GroupBanded);

        var decisions = set.DecidePortfolio("banded", [
            Fact(("customerId", "A"), ("balance", 50m)), Fact(("customerId", "B"), ("balance", 99.99m)), Fact(("customerId", "A"), ("balance", 50m))]);

        decisions.Select(d => (d.Group!.Key, d.Grade!.Id, d.DecidingRuleId)).Should().Equal(("A", "big", "B-BIG"), ("B", "small", "B-SMALL"));
    }

    [Fact]
    public void ExplainPortfolio_OwnRules_TraceOfEachGroupWithItsDecision()
    {
        var set = Load(Graded);
        var facts = new[] { Account("C1", 70), Account("C2", 1), Account("C1", 30) };

        var traces = set.ExplainPortfolio("graded", facts).Traces;

        traces.Select(t => (t.Decision.Group!.Key, t.Decision.Grade!.Id)).Should().Equal(("C1", "silver"), ("C2", "basic"));
        traces[0].Facts.Select(f => f.Field).Should().Equal("customerId", "private", "group.aum", "group.accounts", "group.biggest");
        traces[0].ToString().Should().Contain("AUM-SILVER").And.Contain("read: group.aum = 100");
    }

    [Fact]
    public void Decide_OwnRulesOnOneFact_IsAGroupOfOneGradedByItsRules()
    {
        var set = Load(Graded);

        var decision = set.Decide("graded", Account("C1", 150));

        decision.Grade!.Id.Should().Be("silver");
        decision.FiredRuleIds.Should().Equal("AUM-SILVER");
        decision.Group!.Members.Should().Be(1);
        decision.Group.Aggregate("aum")!.Value.Should().Be(150m);
    }

    [Fact]
    public void PolicyDiffCompare_OwnRules_IncompleteSayingItsOwnRulesReadAggregates()
    {
        var set = Load(Graded);

        var diff = PolicyDiff.Compare(new ImpactSide(set, "graded", null), new ImpactSide(set, "graded", null));

        diff.Complete.Should().BeFalse();
        diff.Reasons.Should().ContainMatch("*decides each group with its own rules over aggregates of many facts (group.aum, group.accounts, group.biggest)*");
    }

    [Theory]
    [InlineData("balance > 10", "balance", "member field")]
    [InlineData("group.aum > 10 and balance > 10", "balance", "member field")]
    [InlineData("asOf > date('2020-01-01')", "asOf", "group fact holds")]
    public void Load_GroupDecidingRuleReadsNonGroupField_PositionedErrorNamingFieldAndWhy(string when, string field, string why)
    {
        var yaml = $$"""
            policy: wrong
            version: "1"
            fields:
              customerId: { type: string }
              balance: { type: decimal, min: 0 }
            group:
              by: customerId
              decides: groups
              aggregates:
                aum: { sum: balance }
            grades: [low, high]
            hitPolicy: first
            default: low
            rules:
              - id: R1
                when: "{{when}}"
                then: high
            """;

        var result = TryLoad(yaml);

        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == "TR3022").Subject;
        error.Message.Should().Contain($"'{field}'").And.Contain(why);
        error.Span.Start.Line.Should().Be(16);
        error.Span.Start.Column.Should().Be(12 + when.IndexOf(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_GroupDecidingBandsOnMemberField_PositionedError()
    {
        var result = TryLoad(GroupBanded.Replace("on: group.aum", "on: balance", StringComparison.Ordinal));

        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == "TR3022").Subject;
        error.Message.Should().Contain("'balance'").And.Contain("member field");
        error.Span.Start.Line.Should().Be(14);
        error.Span.Start.Column.Should().Be(7);
    }

    [Fact]
    public void Load_GroupDecidingRuleReadsOptionalConstant_ErrorSaysMakeItRequired()
    {
        var result = TryLoad(Graded.Replace("private: { type: boolean }", "private: { type: boolean, optional: true }", StringComparison.Ordinal));

        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == "TR3022").Subject;
        error.Message.Should().Contain("'private' is an optional constant field").And.Contain("make it required");
        error.Span.Start.Line.Should().Be(20);
    }

    [Fact]
    public void Load_GroupDecidingBandsWithAGap_AnalysisWarnsOnTheAggregate()
    {
        var result = TryLoad(GroupBanded.Replace("from: 0, to: 100", "from: 10, to: 100", StringComparison.Ordinal));

        result.Succeeded.Should().BeTrue();
        result.Diagnostics.Should().ContainSingle(d => d.Code == "TR4001").Which.Message.Should().Contain("group.aum");
    }

    [Fact]
    public void Load_GroupDecidingWithLet_ErrorAtTheKey()
    {
        var result = TryLoad(GroupBanded.Replace("grades: [small, big]", "let: { twice: group.aum * 2 }\ngrades: [small, big]", StringComparison.Ordinal));

        result.Diagnostics.Should().Contain(d => d.Code == "TR3022" && d.Message.Contains("'let'", StringComparison.Ordinal) && d.Span.Start.Line == 11);
    }
}
