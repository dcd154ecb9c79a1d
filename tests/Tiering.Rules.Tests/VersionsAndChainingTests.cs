using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

public sealed class VersionsAndChainingTests
{
    private const string V2007 = """
        policy: reg
        version: "2007"
        effective: { until: 2023-07-01 }
        fields: { overdueDays: { type: integer, min: 0 } }
        grades: [normal, special_mention, substandard]
        hitPolicy: worst
        default: normal
        rules:
          - { id: R07-OVD, when: overdueDays >= 1, then: special_mention }
        """;

    private const string V2023 = """
        policy: reg
        version: "2023"
        effective: { from: 2023-07-01 }
        fields: { overdueDays: { type: integer, min: 0 } }
        grades: [normal, special_mention, substandard]
        hitPolicy: worst
        default: normal
        rules:
          - { id: R23-OVD, when: overdueDays >= 1, then: special_mention }
          - { id: R23-SUB, when: overdueDays > 90, then: substandard }
        """;

    [Fact]
    public void Explain_SeveralVersionsWithoutAsOf_DoesNotCallTheLatestTheOnlyVersion()
    {
        var set = Load(V2007, V2023);

        var trace = set.Explain("reg", new Dictionary<string, object?> { ["overdueDays"] = 10 });

        trace.Decision.Status.Should().Be(DecisionStatus.Invalid);
        trace.VersionReason.Should().Be("effective from 2023-07-01, open-ended; the latest of 2 versions loaded, none chosen: no as-of date given");
    }

    [Fact]
    public void Policies_SeveralPoliciesAndVersionsOutOfOrder_ListedByIdThenEffectiveDate()
    {
        var other = V2007.Replace("policy: reg", "policy: arrears", StringComparison.Ordinal).Replace("effective: { until: 2023-07-01 }\n", "", StringComparison.Ordinal);

        var set = Load(V2023, other, V2007);

        set.Policies.Select(p => p.ToString()).Should().Equal("arrears@2007", "reg@2007", "reg@2023");
    }

    [Theory]
    [InlineData("2023-06-30", "2007", "special_mention")]
    [InlineData("2023-07-01", "2023", "substandard")]
    public void Decide_AsOfDate_PicksTheEffectiveVersion(string asOf, string version, string grade)
    {
        var set = Load(V2007, V2023);

        var d = set.Decide("reg", Fact(("overdueDays", 100)), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        d.PolicyVersion.Should().Be(version);
        d.Grade!.Id.Should().Be(grade);
    }

    [Fact]
    public void Decide_SeveralVersionsWithoutAsOf_IsInvalidAskingForTheDate()
    {
        var d = Load(V2007, V2023).Decide("reg", Fact(("overdueDays", 100)));

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle(e => e.Field == "asOf" && e.Kind == FieldErrorKind.AsOfDate);
    }

    [Fact]
    public void Decide_NoVersionEffective_IsNotApplicable()
    {
        var d = Load(V2023).Decide("reg", Fact(("overdueDays", 100)), new DateOnly(2020, 1, 1));

        d.Status.Should().Be(DecisionStatus.NotApplicable);
        d.Errors.Should().ContainSingle(e => e.Kind == FieldErrorKind.AsOfDate);
    }

    private const string Loan = """
        policy: loan
        version: "1"
        fields:
          overdueDays: { type: integer, min: 0 }
          amount: { type: decimal, min: 0 }
        appliesWhen: amount > 100
        grades: [normal, substandard, loss]
        hitPolicy: worst
        default: normal
        rules:
          - { id: L-SUB, when: overdueDays > 90, then: substandard }
          - { id: L-LOSS, when: overdueDays > 360, then: loss }
        """;

    private const string Watch = """
        policy: watch
        version: "1"
        fields:
          overdueDays: { type: integer, min: 0 }
          amount: { type: decimal, min: 0 }
        grades: [none, watch]
        hitPolicy: first
        default: none
        rules:
          - { id: W1, when: "decision('loan').grade >= 'substandard'", then: watch }
        """;

    [Fact]
    public void Chaining_ReadsTheOtherPolicysGradeInOrder()
    {
        var set = Load(Watch, Loan);

        set.Decide("watch", Fact(("overdueDays", 100), ("amount", 500m))).Grade!.Id.Should().Be("watch");
        set.Decide("watch", Fact(("overdueDays", 10), ("amount", 500m))).Grade!.Id.Should().Be("none");
    }

    [Fact]
    public void Chaining_DependencyGaveNoGrade_IsInvalidNamingTheDependency()
    {
        var d = Load(Watch, Loan).Decide("watch", Fact(("overdueDays", 100), ("amount", 50m)));

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle(e => e.Kind == FieldErrorKind.Dependency && e.Message.Contains("'loan'"));
    }

    [Fact]
    public void Chaining_DependencyInvalid_PropagatesTheFieldError()
    {
        var d = Load(Watch, Loan).Decide("watch", Fact(("overdueDays", -1), ("amount", 500m)));

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().Contain(e => e.Field == "overdueDays");
    }

    [Fact]
    public void Chaining_UnknownGradeOfOtherPolicy_IsALoadErrorAtTheLiteral()
    {
        var result = TryLoad(Watch.Replace("'substandard'", "'substandrd'", StringComparison.Ordinal), Loan);

        result.Errors.Should().ContainSingle(e => e.Code == "TR2011" && e.Message.Contains("substandard"));
    }

    [Fact]
    public void Chaining_SelfReference_IsALoadError()
    {
        var result = TryLoad(Watch.Replace("decision('loan')", "decision('watch')", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle(e => e.Code == "TR2012" && e.Message.Contains("own decision"));
    }

    [Fact]
    public void OptionalField_WhenMissingSubstitutesTheDeclaredValue()
    {
        var set = Load("""
            policy: opt
            version: "1"
            fields:
              x: { type: decimal }
              guarantorIssue: { type: boolean, optional: true, whenMissing: false }
            grades: [ok, watch]
            hitPolicy: worst
            default: ok
            rules:
              - { id: G, when: guarantorIssue, then: watch }
            """);

        set.Decide("opt", Fact(("x", 1m))).Grade!.Id.Should().Be("ok");
        set.Decide("opt", Fact(("x", 1m), ("guarantorIssue", true))).Grade!.Id.Should().Be("watch");
    }

    private const string Pipeline = """
        policy: pipe
        version: "1"
        fields:
          needType: { type: enum, values: [explicit, potential, none] }
          expectedCloseDays: { type: integer, min: 0, optional: true }
        grades: [E, D, C, B, A]
        hitPolicy: first
        rules:
          - { id: PIPE-E, when: needType = 'none', then: E }
          - { id: PIPE-A, when: "needType = 'explicit' and expectedCloseDays <= 30", then: A }
          - { id: PIPE-D, when: "needType = 'potential' or isMissing(expectedCloseDays)", then: D }
        """;

    [Fact]
    public void OptionalField_NotReadWhenShortCircuited_Classifies()
    {
        var d = Load(Pipeline).Decide("pipe", Fact(("needType", "potential")));

        d.Grade!.Id.Should().Be("D");
    }

    [Fact]
    public void OptionalField_ReadWhileMissing_IsInvalidNamingTheField()
    {
        var d = Load(Pipeline).Decide("pipe", Fact(("needType", "explicit")));

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle(e => e.Field == "expectedCloseDays" && e.Kind == FieldErrorKind.NeededButMissing);
    }

    [Fact]
    public void Enum_ValueOutsideDeclaredValues_IsInvalid()
    {
        var d = Load(Pipeline).Decide("pipe", Fact(("needType", "maybe")));

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle(e => e.Field == "needType" && e.Kind == FieldErrorKind.OutOfDomain);
    }
}
