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

    private const string Layouts = """
        policy: v
        version: "1"
        fields:
          x: { type: decimal }
          d: { type: date }
          y: { type: decimal, optional: true }
        grades: [g]
        hitPolicy: first
        rules:
          - { id: ONE, when: x = 1, then: g, outputs: { only: "=round(x * 1.005, 2)" } }
          - { id: TWO, when: x = 2, then: g, outputs: { due: "=addDays(d, 30)", amount: "=x * 0.125" } }
          - { id: THREE, when: x = 3, then: g, outputs: { a: "=x + 1", b: "=x * 2.50", c: "=addMonths(d, 1)" } }
          - { id: MIXED, when: x = 4, then: g, outputs: { n: "=x - 0.5", t: "=x > 3" } }
          - { id: FAILS, when: x = 5, then: g, outputs: { missing: "=y + 1", broken: "=x / (x - 5)" } }
        """;

    [Theory]
    [InlineData(1, "only=1.01")]                                        // one value, kept inline
    [InlineData(2, "due=2024-03-30 amount=0.250")]                       // a date and a number, kept inline
    [InlineData(3, "a=4 b=7.50 c=2024-03-29")]                           // three values: the array
    [InlineData(4, "n=3.5 t=true")]                                      // a flag among them: the array
    public void Decide_OutputsOfEachValueLayout_PrintTheSameOnBothTiers(int x, string expected)
    {
        var set = Load(Layouts);
        var fact = Fact(("x", (decimal)x), ("d", new DateOnly(2024, 2, 29)));
        static string Print(Decision d) => string.Join(" ", d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));

        var onClosures = Print(set.Decide("v", fact));
        set.Prepare();
        var compiled = Print(set.Decide("v", fact));

        (onClosures, compiled).Should().Be((Sorted(expected), Sorted(expected)));

        static string Sorted(string pairs) => string.Join(" ", pairs.Split(' ').OrderBy(p => p[..p.IndexOf('=')], StringComparer.Ordinal));
    }

    [Fact]
    public void Decide_InlineFormulasOneReadsAMissingFieldTheNextFails_TheFailureIsReportedOnBothTiers()
    {
        // The formulas run in order on both tiers: the first reads the missing y (remembered), the second divides by zero.
        var set = Load(Layouts);
        var fact = Fact(("x", 5m), ("d", new DateOnly(2024, 1, 1)));

        var onClosures = set.Decide("v", fact);
        set.Prepare();
        var compiled = set.Decide("v", fact);

        foreach (var decision in new[] { onClosures, compiled })
        {
            decision.Status.Should().Be(DecisionStatus.Invalid);
            decision.Errors.Should().ContainSingle().Which.Kind.Should().Be(FieldErrorKind.Evaluation);
        }
    }

    [Fact]
    public void Decide_ChainedPolicyReadsAnInlineValue_GetsTheNumber()
    {
        var set = Load(Layouts, """
            policy: w
            version: "1"
            fields:
              x: { type: decimal }
              d: { type: date }
            grades: [big, small]
            hitPolicy: first
            default: small
            rules:
              - { id: BIG, when: "decision('v').outputs.amount > 0.2", then: big, outputs: { twice: "=decision('v').outputs.amount * 2" } }
            """);
        var fact = Fact(("x", 2m), ("d", new DateOnly(2024, 2, 29)));

        var onClosures = set.Decide("w", fact);
        set.Prepare();
        var compiled = set.Decide("w", fact);

        (onClosures.Grade?.Id, onClosures.Outputs["twice"], compiled.Grade?.Id, compiled.Outputs["twice"]).Should().Be(("big", "0.500", "big", "0.500"));
    }
}
