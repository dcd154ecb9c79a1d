using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>Reading another decision fully: .score, .status, .outputs.name, .fired('ID') (docs/DESIGN.md §3–§4).</summary>
public sealed class ChainedMembersTests
{
    private const string Provision = """
        policy: provision
        version: "1"
        fields: { category: { type: enum, values: [normal, doubtful] }, balance: { type: decimal, min: 0 } }
        grades:
          - { id: normal, outputs: { provision: "=round(balance * 0.01, 2)", owner: 柜员 } }
          - { id: doubtful, outputs: { provision: "=round(balance * 0.5, 2)", owner: 主管 } }
        hitPolicy: first
        rules:
          - { id: P-DBT, when: category = 'doubtful', then: doubtful }
          - { id: P-NORMAL, when: category = 'normal', then: normal }
        """;

    private const string Card = """
        policy: card
        version: "1"
        fields: { balance: { type: decimal, min: 0 } }
        grades: [low, high]
        hitPolicy: scorecard
        score:
          - { id: S-BAL, points: "min(balance / 1000, 100)" }
        grading:
          rows:
            - { id: G-LOW, to: 50, grade: low }
            - { id: G-HIGH, from: 50, grade: high }
        """;

    private const string Reader = """
        policy: reader
        version: "1"
        fields: { balance: { type: decimal, min: 0 } }
        grades:
          - quiet
          - { id: loud, outputs: { copy: "=decision('provision').outputs.provision * 2", who: "=decision('provision').outputs.owner", state: "=decision('provision').status" } }
        hitPolicy: first
        default: quiet
        rules:
          - { id: R-BIG, when: "decision('provision').outputs.provision > 1000", then: loud }
          - { id: R-DBT, when: "decision('provision').fired('P-DBT')", then: loud }
          - { id: R-SCORE, when: "decision('card').score >= 75", then: loud }
        """;

    private static Decision Decide(string category, decimal balance) =>
        Load(Provision, Card, Reader).Decide("reader", Fact(("category", category), ("balance", balance)));

    [Fact]
    public void Outputs_ComputedNumberOfAnotherPolicy_ComparedAndComputedWith()
    {
        var decision = Decide("normal", 200_000m);

        decision.FiredRuleIds.Should().Equal("R-BIG");
        decision.Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["copy"] = "4000.00", ["who"] = "柜员", ["state"] = "classified" });
    }

    [Fact]
    public void Fired_RuleOfAnotherPolicy_IsTrueWhenItFired()
    {
        Decide("doubtful", 10m).FiredRuleIds.Should().Equal("R-DBT");
    }

    [Fact]
    public void Score_OfAScorecard_IsANumber()
    {
        var decision = Load(Provision, Card, Reader).Decide("reader", Fact(("category", "normal"), ("balance", 80_000m)));

        decision.FiredRuleIds.Should().Equal(new[] { "R-SCORE" }, "score 80 ≥ 75, provision 800 ≤ 1000");
    }

    [Fact]
    public void Members_NoneHolds_DefaultGrade()
    {
        Decide("normal", 10m).Grade!.Id.Should().Be("quiet");
    }

    [Fact]
    public void Outputs_DependencyInvalid_DependentInvalid()
    {
        var decision = Load(Provision, Card, Reader).Decide("reader", Fact(("category", "bad"), ("balance", 10m)));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().Contain(e => e.Field == "category" && e.Message.Contains("needed by decision('provision')"));
    }

    [Theory]
    [InlineData("decision('provision').outputs.provison > 1", "policy 'provision' has no output 'provison'; did you mean 'provision'?")]
    [InlineData("decision('provision').fired('P-DBX')", "policy 'provision' has no rule 'P-DBX'; did you mean 'P-DBT'?")]
    [InlineData("decision('provision').score > 1", "policy 'provision' is not a scorecard, so decision('provision').score has no value")]
    [InlineData("decision('provision').outputs.owner > 1", "cannot compare text with a number")]
    [InlineData("decision('provision').status = 'classifed'", "'classifed' is not a value of decision statuses; did you mean 'classified'?; allowed: classified, not_applicable, unclassified, invalid, conflict")]
    [InlineData("decision('provision').rank > 1", "decision(…) must be followed by .grade, .score, .status, .outputs.<name> or .fired('RULE-ID')")]
    public void Load_BadMember_ReportsWhy(string condition, string message)
    {
        var result = TryLoad(Provision, $$"""
            policy: bad
            version: "1"
            fields: { x: { type: decimal } }
            grades: [a, b]
            hitPolicy: first
            default: a
            rules: [{ id: R, when: "{{condition}}", then: b }]
            """);

        result.Diagnostics.Should().Contain(d => d.Message == message, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Load_OutputsOfAPolicyThatReadsThisOne_IsACycle()
    {
        var result = TryLoad(
            """
            policy: one
            version: "1"
            fields: { x: { type: decimal } }
            grades: [a, b]
            hitPolicy: first
            default: a
            rules: [{ id: R1, when: "decision('two').outputs.v > 1", then: b, outputs: { v: "=x" } }]
            """,
            """
            policy: two
            version: "1"
            fields: { x: { type: decimal } }
            grades: [a, b]
            hitPolicy: first
            default: a
            rules: [{ id: R2, when: "decision('one').outputs.v > 1", then: b, outputs: { v: "=x" } }]
            """);

        result.PolicySet.Should().BeNull();
        result.Diagnostics.Should().Contain(d => d.Code == "TR2012" && d.Message.Contains("cannot be typed"));
    }
}
