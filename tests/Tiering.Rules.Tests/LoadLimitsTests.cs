using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

public sealed class LoadLimitsTests
{
    public static TheoryData<string, int> NonPositiveLimits()
    {
        var data = new TheoryData<string, int>();
        foreach (var limit in Names)
        {
            data.Add(limit, 0);
            data.Add(limit, -1);
            data.Add(limit, int.MinValue);
        }

        return data;
    }

    private static readonly string[] Names =
        [nameof(LoadLimits.MaxFileBytes), nameof(LoadLimits.MaxNestingDepth), nameof(LoadLimits.MaxRules),
         nameof(LoadLimits.MaxFields), nameof(LoadLimits.MaxExpressionLength), nameof(LoadLimits.MaxExpressionDepth),
         nameof(LoadLimits.MaxIdentifierLength), nameof(LoadLimits.MaxAnalysisSteps)];

    [Theory]
    [MemberData(nameof(NonPositiveLimits))]
    public void With_NonPositiveLimit_ThrowsNamingTheLimit(string limit, int value)
    {
        var act = () => With(LoadLimits.Default, limit, value);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.Should().Match<ArgumentOutOfRangeException>(e => e.ParamName == limit && Convert.ToInt64(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture) == value);
    }

    [Theory]
    [MemberData(nameof(NonPositiveLimits))]
    public void Initializer_NonPositiveLimit_ThrowsNamingTheLimit(string limit, int value)
    {
        var act = () => New(limit, value);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(limit);
    }

    [Fact]
    public void With_PositiveLimit_ChangesThatLimitOnly()
    {
        var limits = LoadLimits.Default with { MaxRules = 1 };

        limits.MaxRules.Should().Be(1);
        limits.Should().Be(LoadLimits.Default with { MaxRules = 1 });
        limits.Should().NotBe(LoadLimits.Default);
        (limits with { MaxRules = LoadLimits.Default.MaxRules }).Should().Be(LoadLimits.Default);
        LoadLimits.Default.MaxRules.Should().Be(1000, "with copies; the default stays as it was");
    }

    [Fact]
    public void Default_EveryLimit_IsTheDocumentedOne()
    {
        var limits = new LoadLimits();

        limits.Should().Be(LoadLimits.Default);
        (limits.MaxFileBytes, limits.MaxNestingDepth, limits.MaxRules, limits.MaxFields, limits.MaxExpressionLength, limits.MaxExpressionDepth)
            .Should().Be((1 << 20, 16, 1000, 256, 2000, 32));
        (limits.MaxIdentifierLength, limits.MaxAnalysisSteps).Should().Be((256, 100_000L));
    }

    [Fact]
    public void Load_SmallestLimitOfOne_IsStillEnforced()
    {
        var result = PolicyLoader.LoadSources(
            [new PolicySource("two.yaml", "policy: p\nversion: \"1\"\nfields: { x: { type: decimal } }\ngrades: [a, b]\nhitPolicy: first\ndefault: a\nrules:\n  - { id: R1, when: x > 1, then: b }\n  - { id: R2, when: x > 2, then: b }\n")],
            LoadLimits.Default with { MaxRules = 1 });

        result.Errors.Should().ContainSingle(e => e.Code == "TR3008");
    }

    private static LoadLimits With(LoadLimits limits, string limit, int value) => limit switch
    {
        nameof(LoadLimits.MaxFileBytes) => limits with { MaxFileBytes = value },
        nameof(LoadLimits.MaxNestingDepth) => limits with { MaxNestingDepth = value },
        nameof(LoadLimits.MaxRules) => limits with { MaxRules = value },
        nameof(LoadLimits.MaxFields) => limits with { MaxFields = value },
        nameof(LoadLimits.MaxExpressionLength) => limits with { MaxExpressionLength = value },
        nameof(LoadLimits.MaxExpressionDepth) => limits with { MaxExpressionDepth = value },
        nameof(LoadLimits.MaxIdentifierLength) => limits with { MaxIdentifierLength = value },
        nameof(LoadLimits.MaxAnalysisSteps) => limits with { MaxAnalysisSteps = value },
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "no such limit"),
    };

    private static LoadLimits New(string limit, int value) => limit switch
    {
        nameof(LoadLimits.MaxFileBytes) => new LoadLimits { MaxFileBytes = value },
        nameof(LoadLimits.MaxNestingDepth) => new LoadLimits { MaxNestingDepth = value },
        nameof(LoadLimits.MaxRules) => new LoadLimits { MaxRules = value },
        nameof(LoadLimits.MaxFields) => new LoadLimits { MaxFields = value },
        nameof(LoadLimits.MaxExpressionLength) => new LoadLimits { MaxExpressionLength = value },
        nameof(LoadLimits.MaxExpressionDepth) => new LoadLimits { MaxExpressionDepth = value },
        nameof(LoadLimits.MaxIdentifierLength) => new LoadLimits { MaxIdentifierLength = value },
        nameof(LoadLimits.MaxAnalysisSteps) => new LoadLimits { MaxAnalysisSteps = value },
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "no such limit"),
    };
}
