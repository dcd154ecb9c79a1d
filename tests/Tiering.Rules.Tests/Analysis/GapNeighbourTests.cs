using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Analysis;

/// <summary>A gap in a <c>when:</c> table names the rules on either side of it (TR4001), and derived values are analysed.</summary>
public sealed class GapNeighbourTests
{
    private static IEnumerable<string> Gaps(string yaml) =>
        TryLoad(yaml).Diagnostics.Where(d => d.Code == "TR4001").Select(d => d.Message);

    [Fact]
    public void Analyze_DecimalGapBetweenTwoRules_NamesBoth()
    {
        Gaps("""
            policy: g
            version: "1"
            fields: { days: { type: decimal, min: 0 } }
            grades: [normal, sm, sub]
            hitPolicy: first
            rules:
              - { id: N-01, when: days < 1, then: normal }
              - { id: SM-01, when: "days in [1, 90]", then: sm }
              - { id: SUB-01, when: days > 180, then: sub }
            """).Should().ContainSingle().Which.Should().Contain("(between SM-01 and SUB-01)");
    }

    [Fact]
    public void Analyze_GapAboveTheLastRule_NamesIt()
    {
        Gaps("""
            policy: g
            version: "1"
            fields: { n: { type: integer, min: 0, max: 100 } }
            grades: [a]
            hitPolicy: first
            rules:
              - { id: LOW, when: n <= 50, then: a }
            """).Should().ContainSingle().Which.Should().Contain("(above LOW)");
    }

    [Fact]
    public void Analyze_GapOnADerivedValue_ReportedWithAWitnessAndNeighbours()
    {
        Gaps("""
            policy: g
            version: "1"
            fields: { debt: { type: decimal, min: 0 }, income: { type: decimal, min: 1 } }
            let: { ratio: debt / income }
            grades: [ok, over]
            hitPolicy: first
            rules:
              - { id: OK, when: ratio < 0.3, then: ok }
              - { id: OVER, when: ratio >= 0.5, then: over }
            """).Should().ContainSingle().Which.Should().Contain("ratio = ").And.Contain("(between OK and OVER)");
    }
}
