using System.Text.Json;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Facts;

public sealed class FactBindingTests
{
    private const string Policy = """
        policy: f
        version: "1"
        fields:
          rate: { type: decimal, min: 0, max: 1 }
          days: { type: integer, min: 0 }
          flag: { type: boolean }
          kind: { type: enum, values: [retail, corporate] }
          since: { type: date }
          region: { type: string }
        grades: [ok, edge, late]
        hitPolicy: worst
        default: ok
        rules:
          - { id: EDGE, when: "rate in [0.30, 0.90]", then: edge }
          - { id: LATE, when: "days > 90 and since < 2024-01-01", then: late }
        """;

    private static readonly PolicySet Set = Load(Policy);

    public sealed record Facts(decimal Rate, int Days, bool Flag, string Kind, DateOnly Since, string Region);

    private static Dictionary<string, object?> Valid() => Fact(
        ("rate", 0.5m), ("days", 0), ("flag", false), ("kind", "retail"), ("since", new DateOnly(2020, 1, 1)), ("region", "north"));

    [Fact]
    public void Json_ExactDecimalTextAtTheEdge_IsInsideTheBand()
    {
        using var doc = JsonDocument.Parse("""{"rate":0.30,"days":91,"flag":true,"kind":"corporate","since":"2023-12-31","region":"east"}""");

        var d = Set.Decide("f", doc.RootElement);

        d.Status.Should().Be(DecisionStatus.Classified);
        d.FiredRuleIds.Should().Equal("EDGE", "LATE");
        d.Grade!.Id.Should().Be("late");
    }

    [Fact]
    public void Json_WrongTypesAndNull_AreInvalidPerField()
    {
        using var doc = JsonDocument.Parse("""{"rate":"0.3","days":1.5,"flag":1,"kind":"retail","since":"31/12/2023","region":null}""");

        var d = Set.Decide("f", doc.RootElement);

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Select(e => (e.Field, e.Kind)).Should().BeEquivalentTo(new[]
        {
            ("rate", FieldErrorKind.WrongType),
            ("days", FieldErrorKind.OutOfDomain),
            ("flag", FieldErrorKind.WrongType),
            ("since", FieldErrorKind.WrongType),
            ("region", FieldErrorKind.Missing),
        });
    }

    [Fact]
    public void Poco_PropertiesMatchFieldsCaseInsensitively()
    {
        var d = Set.Decide("f", new Facts(0.9m, 100, false, "retail", new DateOnly(2023, 1, 1), "west"));

        d.FiredRuleIds.Should().Equal("EDGE", "LATE");
        d.FiredRules[0].Reads.Should().Equal("rate");
        Set.Explain("f", new Facts(0.9m, 100, false, "retail", new DateOnly(2023, 1, 1), "west"))
            .Rules[0].Readings.Select(r => (r.Field, r.Value)).Should().ContainSingle().Which.Should().Be(("rate", (object?)0.9m));
    }

    /// <summary>A POCO with a property named exactly as the field and a twin differing only in case.</summary>
    public sealed class CaseTwins
    {
#pragma warning disable IDE1006, SA1300 // the field's exact spelling, next to its PascalCase twin, is the point
        public decimal rate => 0.5m;
#pragma warning restore IDE1006, SA1300

        public decimal Rate => 0.1m;

        public int Days => 0;

        public bool Flag => false;

        public string Kind => "retail";

        public DateOnly Since => new(2023, 1, 1);

        public string Region => "west";
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Poco_PropertyNamedExactlyAsTheField_WinsOverItsCaseTwin(bool compiled)
    {
        var set = compiled ? Load(Policy).Prepare() : Load(Policy);

        var d = set.Decide("f", new CaseTwins());

        d.FiredRuleIds.Should().Equal(["EDGE"], "'rate' reads 0.5, in [0.30, 0.90]; its twin 'Rate' reads 0.1");
        set.Explain("f", new CaseTwins()).Rules[0].Readings.Single().Value.Should().Be(0.5m);
    }

    [Fact]
    public void Poco_MissingProperty_IsInvalidNamingTheField()
    {
        var d = Set.Decide("f", new { Rate = 0.1m, Days = 1, Flag = true, Kind = "retail", Since = new DateOnly(2023, 1, 1) });

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle(e => e.Field == "region" && e.Kind == FieldErrorKind.Missing);
    }

    [Theory]
    [InlineData(double.NaN, FieldErrorKind.NotANumber)]
    [InlineData(double.PositiveInfinity, FieldErrorKind.NotANumber)]
    [InlineData(1.5, FieldErrorKind.OutOfDomain)]
    [InlineData(-0.01, FieldErrorKind.OutOfDomain)]
    public void Dictionary_BadDoubleRate_IsInvalidNeverAGrade(double rate, FieldErrorKind kind)
    {
        var fact = Valid();
        fact["rate"] = rate;

        var d = Set.Decide("f", fact);

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Grade.Should().BeNull();
        d.Errors.Should().ContainSingle(e => e.Field == "rate" && e.Kind == kind);
    }

    [Fact]
    public void Dictionary_DoubleThreeTenths_BindsAsExactDecimal()
    {
        var fact = Valid();
        fact["rate"] = 0.3d;

        Set.Decide("f", fact).FiredRuleIds.Should().Equal("EDGE");
    }

    [Fact]
    public void Dictionary_DecimalArithmeticResult_IsExactAtTheEdge()
    {
        var fact = Valid();
        fact["rate"] = 0.1m + 0.2m;
        Set.Decide("f", fact).FiredRuleIds.Should().Equal("EDGE");

        fact["rate"] = 0.2999999999999999999999999999m;
        Set.Decide("f", fact).FiredRuleIds.Should().BeEmpty();
    }

    [Fact]
    public void Dictionary_IntegerFieldGivenLongAndWholeDecimal_IsAccepted()
    {
        var fact = Valid();
        fact["rate"] = 0.1m;
        fact["days"] = 91L;
        Set.Decide("f", fact).FiredRuleIds.Should().Equal("LATE");

        fact["days"] = 91.0m;
        Set.Decide("f", fact).FiredRuleIds.Should().Equal("LATE");
    }

    [Fact]
    public void Dictionary_StringWhereNumberBelongs_IsNotParsedSilently()
    {
        var fact = Valid();
        fact["days"] = "91";

        var d = Set.Decide("f", fact);

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle(e => e.Field == "days" && e.Kind == FieldErrorKind.WrongType && e.Message.Contains("\"91\""));
    }

    [Fact]
    public void Dictionary_ClrEnumForEnumField_MatchesByName()
    {
        var fact = Valid();
        fact["kind"] = DayOfWeek.Monday;

        var d = Set.Decide("f", fact);

        d.Errors.Should().ContainSingle(e => e.Field == "kind" && e.Message.Contains("Monday"));
    }

    [Fact]
    public void Dictionary_NestedPath_IsRead()
    {
        var set = Load("""
            policy: n
            version: "1"
            fields: { borrower.region: { type: string } }
            grades: [other, north]
            hitPolicy: first
            default: other
            rules:
              - { id: N, when: "borrower.region = 'north'", then: north }
            """);

        var fact = Fact(("borrower", Fact(("region", "north"))));

        set.Decide("n", fact).Grade!.Id.Should().Be("north");
    }
}

public sealed class FactShapeTests
{
    private static readonly PolicySet Aum = PolicySet.LoadDirectory(Tiering.Rules.Tests.Support.Repo.Rules);

    [Fact]
    public void Dictionary_KeyDiffersOnlyInCase_MissingErrorPointsAtIt()
    {
        var d = Aum.Decide("retail-aum-tier", new Dictionary<string, object?> { ["Aum"] = 5000m });

        d.Errors.Should().ContainSingle().Which.Message.Should().Contain("the fact has 'Aum'").And.Contain("case-sensitive");
    }

    [Fact]
    public void Dictionary_OfDecimals_IsReadAsADictionary()
    {
        var d = Aum.Decide("retail-aum-tier", new Dictionary<string, decimal> { ["aum"] = 60000m });

        d.Grade!.Id.Should().Be("tier_2");
    }

    [Fact]
    public void Json_ArrayAsFact_IsInvalidSayingItMustBeAnObject()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("[1, 2]");

        var d = Aum.Decide("retail-aum-tier", doc.RootElement);

        d.Status.Should().Be(DecisionStatus.Invalid);
        d.Errors.Should().ContainSingle().Which.Message.Should().Contain("must be a JSON object");
    }

    [Fact]
    public void Unclassified_SaysWhichValueFellThrough()
    {
        var d = Aum.Decide("staff-performance-rating", new Dictionary<string, object?> { ["score"] = 75m });

        d.Status.Should().Be(DecisionStatus.Unclassified);
        d.Errors.Should().ContainSingle(e => e.Kind == FieldErrorKind.NoMatch && e.Field == "score" && e.Message.StartsWith("score = 75 matches no band"));
    }

    [Fact]
    public void TestFile_UnknownFactName_IsADiagnostic()
    {
        var file = Tiering.Rules.Testing.PolicyTestFile.Parse("t.tests.yaml", """
            policy: retail-aum-tier
            cases:
              - { facts: { aun: 5 }, expect: { status: invalid } }
            """, Aum);

        file.Diagnostics.Should().ContainSingle(d => d.Code == "TR5005" && d.Message.Contains("did you mean 'aum'"));
    }
}
