using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>Cross-field checks (<c>require:</c>) and derived values (<c>let:</c>), docs/DESIGN.md §2–§4.</summary>
public sealed class PreludeTests
{
    private const string Loans = """
        policy: l
        version: "1"
        fields:
          category: { type: enum, values: [normal, substandard, doubtful] }
          balance: { type: decimal, min: 0 }
          collateral: { type: decimal, min: 0 }
          adjustment: { type: decimal, optional: true, whenMissing: 0 }
          bonus: { type: decimal, optional: true }
        let:
          uncovered: max(balance - collateral, 0)
          coverage: collateral / balance
          boosted: uncovered + bonus
        require:
          - that: "adjustment = 0 or category in ('substandard', 'doubtful')"
            fields: [adjustment]
            message: adjustment applies only to substandard and doubtful loans
          - that: collateral <= balance * 3
            message: collateral over three times the balance is a data error
        appliesWhen: category != 'doubtful'
        grades:
          - { id: low, outputs: { gap: "=uncovered" } }
          - high
          - { id: boosted, outputs: { total: "=boosted" } }
        hitPolicy: first
        rules:
          - { id: BOOST, when: uncovered > 1000000, then: boosted }
          - { id: HIGH, when: coverage < 0.5, then: high }
          - { id: LOW, when: coverage >= 0.5, then: low }
        """;

    private static Decision Decide(params (string, object?)[] fact) => Load(Loans).Decide("l", Fact(fact));

    [Fact]
    public void Decide_RequirementFails_InvalidNamingItsFieldsWithTheAuthorsMessage()
    {
        var decision = Decide(("category", "normal"), ("balance", 100m), ("collateral", 80m), ("adjustment", 0.1m));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("adjustment", "adjustment applies only to substandard and doubtful loans", FieldErrorKind.Requirement));
    }

    [Fact]
    public void Decide_RequirementWithoutFields_NamesTheFieldsItReads()
    {
        var decision = Decide(("category", "normal"), ("balance", 100m), ("collateral", 400m));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Select(e => e.Field).Should().Equal("balance", "collateral");
        decision.Errors.Should().OnlyContain(e => e.Message == "collateral over three times the balance is a data error" && e.Kind == FieldErrorKind.Requirement);
    }

    [Fact]
    public void Decide_RequirementFailsOutOfScope_StillInvalid()
    {
        // Checks run with validation, before appliesWhen: a bad fact is invalid even when the policy would not apply.
        var decision = Decide(("category", "doubtful"), ("balance", 100m), ("collateral", 400m));

        decision.Status.Should().Be(DecisionStatus.Invalid);
    }

    [Fact]
    public void Decide_RequirementHolds_DecidesOnDerivedValues()
    {
        var decision = Decide(("category", "substandard"), ("balance", 100m), ("collateral", 80m), ("adjustment", 0.1m));

        decision.Grade!.Id.Should().Be("low", "coverage 0.8");
        decision.Outputs["gap"].Should().Be("20");
    }

    [Fact]
    public void Decide_DerivedValueBelowHalf_TakesTheOtherRule()
    {
        Decide(("category", "normal"), ("balance", 100m), ("collateral", 49.99m)).FiredRuleIds.Should().Equal("HIGH");
    }

    [Fact]
    public void Decide_DerivedValueDividesByZero_IsInvalidNamingIt()
    {
        var decision = Decide(("category", "normal"), ("balance", 0m), ("collateral", 0m));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "coverage" && e.Kind == FieldErrorKind.Evaluation);
    }

    [Fact]
    public void Decide_DerivedValueOfAMissingOptionalField_InvalidNamingThatFieldWhenNeeded()
    {
        var decision = Decide(("category", "normal"), ("balance", 3_000_000m), ("collateral", 1m));

        decision.Status.Should().Be(DecisionStatus.Invalid);
        var error = decision.Errors.Should().ContainSingle().Which;
        error.Field.Should().Be("bonus");
        error.Kind.Should().Be(FieldErrorKind.NeededButMissing);
        error.Message.Should().Contain("through 'boosted'");
    }

    [Fact]
    public void Decide_DerivedValueOfAMissingOptionalField_HarmlessWhenNotNeeded()
    {
        Decide(("category", "normal"), ("balance", 100m), ("collateral", 80m)).Status.Should().Be(DecisionStatus.Classified);
    }

    [Fact]
    public void Decide_CompiledTier_SameAsClosures()
    {
        var set = Load(Loans);
        var facts = new[]
        {
            Fact(("category", "normal"), ("balance", 100m), ("collateral", 80m)),
            Fact(("category", "normal"), ("balance", 100m), ("collateral", 49m)),
            Fact(("category", "normal"), ("balance", 100m), ("collateral", 80m), ("adjustment", 0.2m)),
            Fact(("category", "substandard"), ("balance", 3_000_000m), ("collateral", 1m), ("bonus", 5m)),
            Fact(("category", "normal"), ("balance", 0m), ("collateral", 0m)),
        };
        var before = facts.Select(f => set.Decide("l", f).ToString() + string.Join(",", set.Decide("l", f).Outputs)).ToList();

        set.Prepare();

        facts.Select(f => set.Decide("l", f).ToString() + string.Join(",", set.Decide("l", f).Outputs)).Should().Equal(before);
        before[3].Should().Contain("boosted").And.Contain("3000004");
    }

    [Fact]
    public void Bands_OnADerivedValue_Decide()
    {
        var set = Load("""
            policy: b
            version: "1"
            fields: { income: { type: decimal, min: 0 }, debt: { type: decimal, min: 0 } }
            let: { ratio: "debt / max(income, 1)" }
            grades: [ok, tight, over]
            hitPolicy: first
            bands:
              on: ratio
              rows:
                - { id: R-OK, to: 0.3, grade: ok }
                - { id: R-TIGHT, from: 0.3, to: 0.5, grade: tight }
                - { id: R-OVER, from: 0.5, grade: over }
            """);

        set.Decide("b", Fact(("income", 1000m), ("debt", 300m))).Grade!.Id.Should().Be("tight", "0.3 is the tight band's lower edge");
        set.Decide("b", Fact(("income", 1000m), ("debt", 299.99m))).Grade!.Id.Should().Be("ok");
    }

    [Fact]
    public void Explain_DerivedValues_ShownWithTheFacts()
    {
        var trace = Load(Loans).Explain("l", Fact(("category", "normal"), ("balance", 100m), ("collateral", 80m))).ToString();

        trace.Should().Contain("uncovered = 20").And.Contain("coverage = 0.8");
    }

    [Fact]
    public void Load_LetNamedLikeAField_IsAnError()
    {
        var result = TryLoad("""
            policy: e
            version: "1"
            fields: { x: { type: decimal } }
            let: { x: "x * 2" }
            grades: [g]
            hitPolicy: first
            default: g
            rules: [{ id: R, when: x > 0, then: g }]
            """);

        result.Diagnostics.Should().Contain(d => d.Code == "TR3024" && d.Span.Start.Line == 4);
    }

    [Fact]
    public void Load_RequirementNamingAnUnknownField_IsAnError()
    {
        var result = TryLoad("""
            policy: e
            version: "1"
            fields: { x: { type: decimal } }
            require: [{ that: x > 0, message: positive, fields: [y] }]
            grades: [g]
            hitPolicy: first
            default: g
            rules: [{ id: R, when: x > 0, then: g }]
            """);

        result.Diagnostics.Should().Contain(d => d.Code == "TR2003" && d.Message.Contains("'y'"));
    }

    [Fact]
    public void Load_FieldReadOnlyByALet_IsNotUnread()
    {
        var result = TryLoad("""
            policy: e
            version: "1"
            fields: { x: { type: decimal }, y: { type: decimal } }
            let: { s: x + y }
            grades: [g, h]
            hitPolicy: first
            default: g
            rules: [{ id: R, when: s > 0, then: h }]
            """);

        result.Diagnostics.Should().NotContain(d => d.Code == "TR4008");
    }
}
