using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Compilation;

/// <summary>
/// The compiled tier compares integer fields with whole constants as longs (a clamped twin of the decimal slot).
/// Values beyond the long range, constants at its ends, fractional constants and every binder path must give the
/// answers the closure tier (plain decimals) gives.
/// </summary>
public sealed class WholeComparisonTests
{
    private const string Policy = """
        policy: w
        version: "1"
        fields:
          days: { type: integer }
          spare: { type: integer, optional: true }
        grades: [none, a, b, c, d, e, f]
        hitPolicy: collect
        default: none
        rules:
          - { id: A, when: "days >= 100", then: a }
          - { id: B, when: "days between -5 and 90", then: b }
          - { id: C, when: "days < 9223372036854775807", then: c }
          - { id: D, when: "days > 90.5", then: d }
          - { id: E, when: "100 > days", then: e }
          - { id: F, when: "not isMissing(spare) and spare > 3", then: f }
        """;

    public sealed record Poco(long Days);

    public sealed record DecimalPoco(decimal Days);

    public static TheoryData<string, object> Facts() => new()
    {
        { "huge decimal", Fact(("days", 100_000_000_000_000_000_000m)) },
        { "huge negative", Fact(("days", -100_000_000_000_000_000_000m)) },
        { "long max as decimal", Fact(("days", 9_223_372_036_854_775_807m)) },
        { "long max + 1", Fact(("days", 9_223_372_036_854_775_808m)) },
        { "edge 90", Fact(("days", 90)) },
        { "edge 91", Fact(("days", 91)) },
        { "edge -5", Fact(("days", -5)) },
        { "edge -6", Fact(("days", -6L)) },
        { "edge 100 with spare", Fact(("days", 100), ("spare", 4)) },
        { "poco long", new Poco(99) },
        { "poco long min", new Poco(long.MinValue) },
        { "poco decimal huge", new DecimalPoco(1e25m) },
        { "poco decimal 91", new DecimalPoco(91m) },
    };

    [Theory]
    [MemberData(nameof(Facts))]
    public void CompiledTier_GivesTheClosureTiersAnswer(string name, object fact)
    {
        var closures = Load(Policy);
        var compiled = Load(Policy).Prepare();

        // POCO facts switch to a compiled binder after a few facts of a type: decide enough to reach it.
        Decision? viaClosures = null, viaCompiled = null;
        for (var i = 0; i < 80; i++)
        {
            viaClosures = closures.Decide("w", fact);
            viaCompiled = compiled.Decide("w", fact);
        }

        viaCompiled!.Status.Should().Be(viaClosures!.Status, name);
        viaCompiled.FiredRuleIds.Should().Equal(viaClosures.FiredRuleIds, name);
    }

    [Fact]
    public void HugeValues_CompareAsTheirDecimalValue()
    {
        var compiled = Load(Policy).Prepare();

        var huge = compiled.Decide("w", Fact(("days", 100_000_000_000_000_000_000m)));
        huge.Errors.Should().BeEmpty(string.Join("; ", huge.Errors.Select(e => e.Message)));
        huge.FiredRuleIds.Should().Equal("A", "D");
        compiled.Decide("w", Fact(("days", -100_000_000_000_000_000_000m))).FiredRuleIds.Should().Equal("C", "E");
        compiled.Decide("w", Fact(("days", 9_223_372_036_854_775_807m))).FiredRuleIds.Should().Equal("A", "D");
        compiled.Decide("w", Fact(("days", 90))).FiredRuleIds.Should().Equal("B", "C", "E");
        compiled.Decide("w", Fact(("days", 91))).FiredRuleIds.Should().Equal("C", "D", "E");
    }
}
