using Tiering.Rules.Tests.Support;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

public sealed class HitPolicyTests
{
    private const string Header = """
        version: "1"
        fields:
          x: { type: decimal }
          flag: { type: boolean }
        grades: [low, mid, high]
        """;

    private static string Policy(string hitPolicy, string extra = "") => $"""
        policy: p
        {Header}
        hitPolicy: {hitPolicy}
        {extra}
        rules:
          - {"{"} id: R-MID, when: x >= 10, then: mid {"}"}
          - {"{"} id: R-HIGH, when: x >= 20, then: high {"}"}
          - {"{"} id: R-FLAG, when: flag, then: mid {"}"}
        """;

    [Fact]
    public void First_SeveralMatch_FirstInFileOrderWins()
    {
        var d = Load(Policy("first")).Decide("p", Fact(("x", 25m), ("flag", true)));

        d.Grade!.Id.Should().Be("mid");
        d.FiredRuleIds.Should().Equal("R-MID");
    }

    [Fact]
    public void Worst_SeveralMatch_MostSevereWinsAndAllAreReported()
    {
        var d = Load(Policy("worst")).Decide("p", Fact(("x", 25m), ("flag", true)));

        d.Grade!.Id.Should().Be("high");
        d.FiredRuleIds.Should().Equal("R-MID", "R-HIGH", "R-FLAG");
        d.DecidingRuleId.Should().Be("R-HIGH");
    }

    [Fact]
    public void Best_SeveralMatch_LeastSevereWins()
    {
        var d = Load(Policy("best")).Decide("p", Fact(("x", 25m), ("flag", false)));

        d.Grade!.Id.Should().Be("mid");
        d.FiredRuleIds.Should().Equal("R-MID", "R-HIGH");
    }

    private const string AcceptOverlaps = """
        accept:
          - { code: TR4002, reason: "overlaps are resolved by hand; the engine reports each conflict" }
        """;

    [Fact]
    public void Unique_OverlapProvenStatically_IsALoadErrorWithWitness()
    {
        var result = TryLoad(Policy("unique"));

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Code == "TR4002" && e.RuleIds.Contains("R-MID") && e.RuleIds.Contains("R-HIGH"))
            .Which.Witness.Should().Contain("x", 20m);
    }

    [Fact]
    public void Unique_TwoMatch_IsConflictNamingBothRules()
    {
        var d = Load(Policy("unique", AcceptOverlaps)).Decide("p", Fact(("x", 25m), ("flag", false)));

        d.Status.Should().Be(DecisionStatus.Conflict);
        d.Grade.Should().BeNull();
        d.Errors.Should().ContainSingle().Which.Message.Should().Contain("R-MID").And.Contain("R-HIGH");
    }

    [Fact]
    public void Unique_OneMatch_IsClassified()
    {
        var d = Load(Policy("unique", AcceptOverlaps)).Decide("p", Fact(("x", 12m), ("flag", false)));

        d.Status.Should().Be(DecisionStatus.Classified);
        d.Grade!.Id.Should().Be("mid");
    }

    [Fact]
    public void NoMatch_WithoutDefault_IsUnclassified()
    {
        var d = Load(Policy("worst")).Decide("p", Fact(("x", 1m), ("flag", false)));

        d.Status.Should().Be(DecisionStatus.Unclassified);
        d.Grade.Should().BeNull();
        d.FiredRuleIds.Should().BeEmpty();
    }

    [Fact]
    public void NoMatch_WithDefault_GivesDefaultWithNoFiredRule()
    {
        var d = Load(Policy("worst", "default: low")).Decide("p", Fact(("x", 1m), ("flag", false)));

        d.Status.Should().Be(DecisionStatus.Classified);
        d.Grade!.Id.Should().Be("low");
        d.DecidingRuleId.Should().BeNull();
    }

    [Fact]
    public void Collect_OutputsOfEveryFiredRuleAreMerged()
    {
        var set = Load("""
            policy: c
            version: "1"
            fields: { x: { type: decimal } }
            grades: [ok, watch]
            hitPolicy: collect
            rules:
              - { id: C1, when: x > 1, outputs: { call: weekly } }
              - { id: C2, when: x > 2, then: watch, outputs: { visit: monthly } }
              - { id: C3, when: x > 3, outputs: { report: yearly } }
            """);

        var d = set.Decide("c", Fact(("x", 2.5m)));

        d.Status.Should().Be(DecisionStatus.Classified);
        d.Grade!.Id.Should().Be("watch");
        d.Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["call"] = "weekly", ["visit"] = "monthly" });
    }

    [Fact]
    public void Collect_SameOutputKeyInTwoRules_IsALoadError()
    {
        var result = TryLoad("""
            policy: c
            version: "1"
            fields: { x: { type: decimal } }
            grades: [ok]
            hitPolicy: collect
            rules:
              - { id: C1, when: x > 1, outputs: { call: weekly } }
              - { id: C2, when: x > 2, outputs: { call: daily } }
            """);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Code == "TR3019" && e.Message.Contains("'call'"));
    }

    [Fact]
    public void Outputs_GradeOutputsAreOverlaidByRuleOutputs()
    {
        var set = Load("""
            policy: o
            version: "1"
            fields: { days: { type: integer, min: 0 } }
            grades:
              - { id: A, outputs: { followUp: daily, owner: sales } }
              - { id: B, outputs: { followUp: weekly, owner: sales } }
            hitPolicy: first
            default: B
            rules:
              - { id: A1, when: days <= 30, then: A, outputs: { owner: manager } }
            """);

        set.Decide("o", Fact(("days", 10))).Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["followUp"] = "daily", ["owner"] = "manager" });
        set.Decide("o", Fact(("days", 40))).Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["followUp"] = "weekly", ["owner"] = "sales" });
    }

    [Fact]
    public void Scorecard_SumsBaseBonusAndDeductionThenGradesTheScore()
    {
        var set = Load(Scorecard);

        var d = set.Decide("s", Fact(("years", 6m), ("listed", true), ("lawsuits", 1), ("blacklisted", false)));

        // base min(6*2, 20) = 12, +5 listed, -10 lawsuits = 7 → fair [0, 10)
        d.Score.Should().Be(7m);
        d.Grade!.Id.Should().Be("fair");
        d.FiredRuleIds.Should().Equal("base-years", "bonus-listed", "ded-lawsuits", "G-FAIR");
        d.FiredRules.Single(r => r.Id == "ded-lawsuits").Points.Should().Be(-10m);
    }

    [Fact]
    public void Scorecard_VetoWinsOverAnyScore()
    {
        var set = Load(Scorecard);

        var d = set.Decide("s", Fact(("years", 20m), ("listed", true), ("lawsuits", 0), ("blacklisted", true)));

        d.Grade!.Id.Should().Be("risk");
        d.DecidingRuleId.Should().Be("veto-blacklist");
        d.FiredRuleIds.Should().Contain("veto-blacklist").And.NotContain("G-EXCELLENT");
    }

    [Fact]
    public void Scorecard_ScoreBelowEveryBand_GivesBelowGrade()
    {
        var set = Load(Scorecard);

        var d = set.Decide("s", Fact(("years", 0m), ("listed", false), ("lawsuits", 3), ("blacklisted", false)));

        d.Score.Should().Be(-10m);
        d.Grade!.Id.Should().Be("risk");
        d.FiredRuleIds.Should().Equal("base-years", "ded-lawsuits");
    }

    private const string Scorecard = """
        policy: s
        version: "1"
        fields:
          years: { type: decimal, min: 0 }
          listed: { type: boolean }
          lawsuits: { type: integer, min: 0 }
          blacklisted: { type: boolean }
        grades: [excellent, good, fair, risk]
        hitPolicy: scorecard
        score:
          - { id: base-years, points: "min(years * 2, 20)" }
          - { id: bonus-listed, when: listed, points: 5 }
          - { id: ded-lawsuits, when: lawsuits > 0, points: -10 }
        veto:
          - { id: veto-blacklist, when: blacklisted, grade: risk }
        grading:
          on: score
          rows:
            - { id: G-EXCELLENT, from: 20, grade: excellent }
            - { id: G-GOOD, from: 10, to: 20, grade: good }
            - { id: G-FAIR, from: 0, to: 10, grade: fair }
          below: risk
        """;
}
