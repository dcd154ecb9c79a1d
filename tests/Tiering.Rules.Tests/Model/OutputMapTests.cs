using Tiering.Rules.Model;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Model;

/// <summary>Outputs as the model's ordered map: a grade's outputs under a rule's, in the order they were written.</summary>
public sealed class OutputMapTests
{
    private const string Ordered = """
        policy: ordered
        version: "1"
        fields: { n: { type: integer } }
        grades:
          - { id: low, outputs: { owner: 柜员, channel: branch, review: yearly } }
        hitPolicy: first
        rules:
          - { id: R1, when: n > 5, then: low, outputs: { zeta: "1", channel: phone } }
          - { id: R2, when: n > 0, then: low }
        """;

    private static OutputMap Map(params (string Key, string Value)[] entries)
    {
        var builder = new OutputMap.Builder();
        foreach (var (key, value) in entries)
        {
            builder.Set(key, value);
        }

        return builder.ToMap();
    }

    [Fact]
    public void With_OverlappingKeys_TheOverlayWinsInPlace_AndNewKeysFollowInItsOrder()
    {
        var merged = Map(("owner", "柜员"), ("channel", "branch")).With(Map(("extra", "1"), ("channel", "phone")));

        merged.Select(kv => $"{kv.Key}={kv.Value}").Should().Equal("owner=柜员", "channel=phone", "extra=1");
        merged.Keys.Should().Equal("owner", "channel", "extra");
        merged.Values.Should().Equal("柜员", "phone", "1");
    }

    [Fact]
    public void With_AnEmptySide_IsTheOtherMapItself()
    {
        var some = Map(("a", "1"));

        some.With(OutputMap.Empty).Should().BeSameAs(some);
        OutputMap.Empty.With(some).Should().BeSameAs(some);
    }

    [Fact]
    public void Builder_KeySetTwice_KeepsItsPlaceAndTakesTheLastValue()
    {
        var map = Map(("a", "1"), ("b", "2"), ("a", "3"), ("c", "4"), ("d", "5"), ("e", "6"));

        map.Keys.Should().Equal("a", "b", "c", "d", "e");
        map["a"].Should().Be("3");
        map.Count.Should().Be(5);
        map.ContainsKey("f").Should().BeFalse();
        map.TryGetValue("A", out _).Should().BeFalse("keys compare ordinally");
        ((Action)(() => _ = map["f"])).Should().Throw<KeyNotFoundException>().WithMessage("*'f'*");
    }

    [Fact]
    public void Builder_StartedFromAMap_LeavesThatMapAsItWas()
    {
        var start = Map(("a", "1"));
        var builder = new OutputMap.Builder(start);
        builder.Set("a", "2");
        builder.Set("b", "3");

        builder.ToMap().Select(kv => kv.Value).Should().Equal("2", "3");
        start.Select(kv => $"{kv.Key}={kv.Value}").Should().Equal("a=1");
    }

    [Fact]
    public void KeysAndValues_CastBackAndWritten_LeaveTheSharedMapAsItWas()
    {
        var policies = Load(Ordered);
        var outputs = policies.Decide("ordered", new Dictionary<string, object?> { ["n"] = 1 }).Outputs;

        if (outputs.Keys is string[] keys)
        {
            keys[0] = "hacked";
        }

        if (outputs.Values is string[] values)
        {
            values[0] = "hacked";
        }

        policies.Decide("ordered", new Dictionary<string, object?> { ["n"] = 2 }).Outputs.Select(kv => $"{kv.Key}={kv.Value}")
            .Should().Equal("owner=柜员", "channel=branch", "review=yearly");
    }

    [Fact]
    public void Decide_RuleOutputsOverItsGrades_EnumerateInTheOrderWritten()
    {
        var policies = Load(Ordered);

        var byRule = policies.Decide("ordered", new Dictionary<string, object?> { ["n"] = 9 });
        var byGrade = policies.Decide("ordered", new Dictionary<string, object?> { ["n"] = 1 });

        byRule.Outputs.Select(kv => $"{kv.Key}={kv.Value}").Should().Equal("owner=柜员", "channel=phone", "review=yearly", "zeta=1");
        byGrade.Outputs.Select(kv => $"{kv.Key}={kv.Value}").Should().Equal("owner=柜员", "channel=branch", "review=yearly");
    }
}
