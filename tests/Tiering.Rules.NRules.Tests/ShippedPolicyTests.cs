using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Testing;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>Every case of every shipped <c>rules/*.tests.yaml</c>, decided on NRules.</summary>
public sealed class ShippedPolicyTests
{
    private static readonly PolicySet Policies = PolicySet.LoadDirectory(Repo.Rules);
    private static readonly NRulesPolicySet OnNRules = NRulesPolicySet.Create(Policies);

    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in PolicyTestFile.Find(Repo.Rules))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public void Run_ShippedCasesOnNRules_EveryCasePasses(string file)
    {
        // On the engine: single-fact cases through its Decide, cases over several facts through its DecidePortfolio.
        var run = PolicyTestRunner.Run(OnNRules, [Path.Combine(Repo.Rules, file)]);

        run.Results.Should().NotBeEmpty();
        run.Results.Where(r => !r.Passed).Select(r => r.ToString()).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public void Decide_ShippedCases_EqualsTheCompiledEngineMemberByMember(string file)
    {
        var cases = PolicyTestFile.Load(Path.Combine(Repo.Rules, file), Policies).Cases;

        cases.Should().NotBeEmpty();
        foreach (var c in cases)
        {
            if (c.Members is { } members)
            {
                var portfolio = OnNRules.DecidePortfolio(c.PolicyId, members, c.AsOf).Select(Same.Describe);
                portfolio.Should().Equal(Policies.DecidePortfolio(c.PolicyId, members, c.AsOf).Select(Same.Describe), c.ToString());
                continue;
            }

            var onNRules = Same.Describe(OnNRules.Decide(c.PolicyId, c.Facts, c.AsOf));
            onNRules.Should().Be(Same.Describe(Policies.Decide(c.PolicyId, c.Facts, c.AsOf)), c.ToString());
        }
    }

    [Fact]
    public void DecideMany_EveryShippedCaseOfAPolicyInOneSession_EqualsDecidingThemOneByOne()
    {
        var cases = PolicyTestFile.Find(Repo.Rules).SelectMany(f => PolicyTestFile.Load(f, Policies).Cases).ToList();

        foreach (var group in cases.GroupBy(c => (c.PolicyId, c.AsOf)))
        {
            var many = OnNRules.DecideMany(group.Key.PolicyId, group.Select(c => c.Facts), group.Key.AsOf);
            many.Select(Same.Describe).Should().Equal(group.Select(c => Same.Describe(Policies.Decide(c.PolicyId, c.Facts, c.AsOf))));
        }
    }

    [Fact]
    public void DecideMany_NullElement_BothEnginesThrowNamingFacts()
    {
        Dictionary<string, object?>[] facts = [new() { ["aum"] = 60_000m }, null!];

        var onNRules = () => OnNRules.DecideMany("retail-aum-tier", facts);
        var compiled = () => Policies.DecideMany("retail-aum-tier", facts);

        onNRules.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("facts");
        compiled.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("facts");
    }
}
