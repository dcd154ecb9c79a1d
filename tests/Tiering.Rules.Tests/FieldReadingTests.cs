namespace Tiering.Rules.Tests;

public sealed class FieldReadingTests
{
    [Fact]
    public void ToString_EachKindOfValue_IsShownAsTheTraceShowsIt()
    {
        new FieldReading("overdueDays", 95m).ToString().Should().Be("overdueDays = 95");
        new FieldReading("rate", 0.10m).ToString().Should().Be("rate = 0.10");
        new FieldReading("insolvent", true).ToString().Should().Be("insolvent = true");
        new FieldReading("opened", new DateOnly(2024, 6, 30)).ToString().Should().Be("opened = 2024-06-30");
        new FieldReading("segment", "retail").ToString().Should().Be("segment = retail");
        new FieldReading("overdueDays", null).ToString().Should().Be("overdueDays = (missing)");
    }

    [Fact]
    public void ToString_EveryFactOfATrace_IsTheTracesFactLine()
    {
        var trace = Support.Policies.Load("""
            policy: p
            version: "1"
            fields: { x: { type: decimal }, flag: { type: boolean }, since: { type: date, optional: true } }
            grades: [low, high]
            hitPolicy: first
            default: low
            rules:
              - { id: HIGH, when: x >= 10 and flag, then: high }
            """).Explain("p", Support.Policies.Fact(("x", 12.5m), ("flag", true)));

        var text = trace.ToString();

        trace.Facts.Should().HaveCount(3).And.OnlyContain(f => text.Contains($"\n  {f}\n", StringComparison.Ordinal));
        trace.Facts.Select(f => f.ToString()).Should().Equal("x = 12.5", "flag = true", "since = (missing)");
    }
}
