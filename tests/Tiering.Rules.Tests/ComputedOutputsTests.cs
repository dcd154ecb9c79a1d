using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>Computed outputs (<c>name: =expression</c>), docs/DESIGN.md §2–§4.</summary>
public sealed class ComputedOutputsTests
{
    private const string Provision = """
        policy: p
        version: "1"
        fields:
          kind: { type: enum, values: [a, b] }
          balance: { type: decimal, min: 0 }
          divisor: { type: decimal }
          extra: { type: decimal, optional: true }
          due: { type: date }
        grades:
          - { id: low, outputs: { owner: 高柜柜员, rate: "=0.02", doubled: "=balance * 2" } }
          - { id: high, outputs: { owner: "=kind", rate: "=0.25" } }
        hitPolicy: first
        default: low
        rules:
          - id: R-HIGH
            when: kind = 'b'
            then: high
            outputs: { provision: "=round(balance * 0.25, 2)", ratio: "=balance / divisor", flag: "=balance > 100", when: "=due" }
          - id: R-EXTRA
            when: balance = 7
            then: low
            outputs: { doubled: plain text wins, plus: "=extra + 1" }
        """;

    [Fact]
    public void Decide_RuleWithFormulas_OutputsTypedValuesOverTheGradesOwn()
    {
        var decision = Load(Provision).Decide("p", Fact(("kind", "b"), ("balance", 1000m), ("divisor", 8m), ("due", new DateOnly(2024, 2, 29))));

        decision.Outputs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["owner"] = "b",               // the grade's formula: an enum value prints as its name
            ["rate"] = "0.25",
            ["provision"] = "250.00",      // round(…, 2) gives exactly two decimals
            ["ratio"] = "125",
            ["flag"] = "true",
            ["when"] = "2024-02-29",
        });
    }

    [Fact]
    public void Decide_PlainOutputs_KeepTheirMeaningBesideFormulas()
    {
        var decision = Load(Provision).Decide("p", Fact(("kind", "a"), ("balance", 3.5m), ("divisor", 1m), ("due", new DateOnly(2024, 1, 1))));

        decision.DecidingRuleId.Should().BeNull("the default decided");
        decision.Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["owner"] = "高柜柜员", ["rate"] = "0.02", ["doubled"] = "7.0" });
    }

    [Fact]
    public void Decide_RulePlainOutputOverGradeFormula_PlainWinsAndRuleFormulaAdds()
    {
        var decision = Load(Provision).Decide("p", Fact(("kind", "a"), ("balance", 7m), ("divisor", 1m), ("due", new DateOnly(2024, 1, 1)), ("extra", 0.5m)));

        decision.DecidingRuleId.Should().Be("R-EXTRA");
        decision.Outputs["doubled"].Should().Be("plain text wins");
        decision.Outputs["plus"].Should().Be("1.5");
    }

    [Fact]
    public void Decide_FormulaOfARuleThatDidNotDecide_IsNotEvaluated()
    {
        // R-HIGH divides by the divisor; a fact R-HIGH does not decide never evaluates it, so 0 is harmless.
        var decision = Load(Provision).Decide("p", Fact(("kind", "a"), ("balance", 1m), ("divisor", 0m), ("due", new DateOnly(2024, 1, 1))));

        decision.Status.Should().Be(DecisionStatus.Classified);
        decision.Outputs["doubled"].Should().Be("2");
    }

    [Fact]
    public void Decide_DecidingFormulaDividesByZero_IsInvalidNotAnException()
    {
        var decision = Load(Provision).Decide("p", Fact(("kind", "b"), ("balance", 1m), ("divisor", 0m), ("due", new DateOnly(2024, 1, 1))));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Kind.Should().Be(FieldErrorKind.Evaluation);
    }

    [Fact]
    public void Decide_FormulaReadsAMissingOptionalField_IsInvalidNamingIt()
    {
        var decision = Load(Provision).Decide("p", Fact(("kind", "a"), ("balance", 7m), ("divisor", 1m), ("due", new DateOnly(2024, 1, 1))));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "extra" && e.Kind == FieldErrorKind.NeededButMissing && e.Message.Contains("an output"));
    }

    [Fact]
    public void Decide_CompiledTier_GivesTheClosuresOutputs()
    {
        var set = Load(Provision);
        var fact = Fact(("kind", "b"), ("balance", 10.1m), ("divisor", 3m), ("due", new DateOnly(2024, 3, 1)));
        var before = set.Decide("p", fact).Outputs;

        set.Prepare();

        set.Decide("p", fact).Outputs.Should().BeEquivalentTo(before);
        before["provision"].Should().Be("2.53", "10.1 × 0.25 = 2.525 rounds half away from zero");
    }

    [Fact]
    public void Decide_CollectWithFormulas_EveryFiredRulesValue()
    {
        var set = Load("""
            policy: c
            version: "1"
            fields: { x: { type: decimal } }
            grades:
              - { id: g, outputs: { total: "=x * 10" } }
            hitPolicy: collect
            rules:
              - { id: A, when: x > 0, then: g, outputs: { half: "=x / 2" } }
              - { id: B, when: x > 5, outputs: { double: "=x * 2" } }
              - { id: C, when: x > 50, outputs: { total: "=x" } }
            """);

        set.Decide("c", Fact(("x", 6m))).Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["half"] = "3", ["double"] = "12", ["total"] = "60" });
        set.Decide("c", Fact(("x", 60m))).Outputs["total"].Should().Be("60", "a fired rule's output wins over the grade's");
    }

    [Fact]
    public void Load_FormulaWithAnUnknownField_ReportsItAtItsColumn()
    {
        var result = TryLoad("""
            policy: e
            version: "1"
            fields: { balance: { type: decimal } }
            grades: [g]
            hitPolicy: first
            rules:
              - { id: R, when: balance > 0, then: g, outputs: { provision: "=round(balnce * 2, 2)" } }
            """);

        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == "TR2003").Which;
        error.Message.Should().Contain("balnce").And.Contain("balance");
        error.Span.Start.Line.Should().Be(7);
        error.Span.Start.Column.Should().Be(72, "the column of 'balnce' inside the quoted formula");
    }

    [Fact]
    public void Explain_ComputedOutput_ShowsItsFormula()
    {
        var trace = Load(Provision).Explain("p", Fact(("kind", "b"), ("balance", 4m), ("divisor", 2m), ("due", new DateOnly(2024, 1, 1)))).ToString();

        trace.Should().Contain("output provision = 1.00  (= round(balance * 0.25, 2))");
        trace.Should().Contain("output owner = b  (= kind)");
    }

    [Theory]
    [InlineData("min(x, round(x, 1))", "50")]
    [InlineData("min(round(x, 1), x)", "50.0")]
    [InlineData("max(x, round(x, 1))", "50")]
    [InlineData("max(round(x, 2), x, round(x, 1))", "50.00")]
    public void Decide_MinOrMaxOfEqualValues_GivesTheEarlierArgumentOnBothTiers(string formula, string expected)
    {
        var set = Load($$"""
            policy: m
            version: "1"
            fields: { x: { type: decimal } }
            grades: [g]
            hitPolicy: first
            rules:
              - { id: R, when: "true", then: g, outputs: { v: "={{formula}}" } }
            """);
        var fact = Fact(("x", 50m));

        var onClosures = set.Decide("m", fact).Outputs["v"];
        set.Prepare();
        var compiled = set.Decide("m", fact).Outputs["v"];

        (onClosures, compiled).Should().Be((expected, expected), "a tie keeps the earlier argument, decimals as written, on both tiers");
    }
}
