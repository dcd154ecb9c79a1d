using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Syntax;

public sealed class LimitsTests
{
    private static string PolicyWithRules(int count, string when = "x > {0}") =>
        "policy: big\nversion: \"1\"\nfields: { x: { type: decimal } }\ngrades: [a, b]\nhitPolicy: first\ndefault: a\nrules:\n"
        + string.Concat(Enumerable.Range(0, count).Select(i => $"  - {{ id: R{i}, when: \"{string.Format(System.Globalization.CultureInfo.InvariantCulture, when, i)}\", then: b }}\n"));

    [Fact]
    public void Load_TooManyRules_IsRejectedWithTheLimit()
    {
        var result = PolicyLoader.LoadSources([new PolicySource("big.yaml", PolicyWithRules(11))], new LoadLimits { MaxRules = 10 });

        result.Errors.Should().ContainSingle(e => e.Code == "TR3008" && e.Message.Contains("11 rules") && e.Message.Contains("10"));
    }

    [Fact]
    public void Load_FileOverSizeCap_IsRejectedBeforeParsing()
    {
        var result = PolicyLoader.LoadSources([new PolicySource("big.yaml", PolicyWithRules(50))], new LoadLimits { MaxFileBytes = 1024 });

        result.Errors.Should().ContainSingle(e => e.Code == "TR1005" && e.Span.Start.Line == 1);
    }

    [Fact]
    public void Load_DeepYamlNesting_IsRejected()
    {
        var deep = "policy: deep\nversion: \"1\"\ntitle: " + new string('[', 40) + new string(']', 40) + "\n";

        var result = TryLoad(deep);

        result.Errors.Should().Contain(e => e.Code == "TR1006");
    }

    [Fact]
    public void Load_OverLongExpression_IsRejected()
    {
        var longWhen = string.Join(" or ", Enumerable.Range(0, 400).Select(i => $"x = {i}"));

        var result = TryLoad(PolicyWithRules(1, longWhen));

        result.Errors.Should().ContainSingle(e => e.Code == "TR2007");
    }

    [Fact]
    public void Load_DeeplyNestedExpression_IsRejected()
    {
        var nested = new string('(', 50) + "x > 1" + new string(')', 50);

        var result = TryLoad(PolicyWithRules(1, nested));

        result.Errors.Should().ContainSingle(e => e.Code == "TR2008");
    }

    [Fact]
    public void Load_MoreThan64Rules_FiresTheRightBits()
    {
        var set = PolicySet.LoadSources([new PolicySource("big.yaml", PolicyWithRules(200, "x = {0}").Replace("hitPolicy: first", "hitPolicy: worst", StringComparison.Ordinal))]);

        set.Decide("big", Fact(("x", 130m))).FiredRuleIds.Should().Equal("R130");
        set.Decide("big", Fact(("x", 63m))).FiredRuleIds.Should().Equal("R63");
        set.Decide("big", Fact(("x", 64m))).FiredRuleIds.Should().Equal("R64");
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_IsADiagnosticNotAnException()
    {
        var result = PolicyLoader.LoadDirectory("/no/such/dir");

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Code == "TR1007");
    }

    [Fact]
    public void PolicySetLoad_BrokenPolicy_ThrowsOneExceptionWithEveryDiagnostic()
    {
        var act = () => Load("policy: x\nversion: \"1\"\nfields: {}\ngrades: []\nhitPolicy: nope\n");

        act.Should().Throw<Tiering.Rules.Diagnostics.PolicyLoadException>()
            .Which.Diagnostics.Select(d => d.Code).Should().Contain(["TR3004", "TR3017"]);
    }
}
