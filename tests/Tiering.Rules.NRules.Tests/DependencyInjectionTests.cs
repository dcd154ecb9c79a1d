using Microsoft.Extensions.DependencyInjection;
using Tiering.Rules.DependencyInjection;
using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary><c>AddTieringRules(o =&gt; o.UseEngine(set =&gt; NRulesPolicySet.Create(set)))</c>: the NRules backend behind <see cref="ITieringEngine"/>.</summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private readonly DirectoryInfo _rules = Directory.CreateTempSubdirectory("tiering-nrules-di-");

    public void Dispose() => _rules.Delete(recursive: true);

    [Fact]
    public void Decide_WithTheNRulesEngine_DecidesOnNRulesWithTheCompiledEnginesAnswers()
    {
        File.Copy(Path.Combine(Repo.Rules, "retail-aum-tier.yaml"), Path.Combine(_rules.FullName, "retail-aum-tier.yaml"));
        using var provider = Provider();
        var engine = provider.GetRequiredService<ITieringEngine>();
        var fact = Policies.Fact(("aum", 250_000m));

        var decision = engine.Decide("retail-aum-tier", fact);

        engine.Current.Engine.Should().BeOfType<NRulesPolicySet>().Which.PolicySet.Should().BeSameAs(engine.Current.PolicySet);
        decision.Decision.Grade!.Id.Should().Be("tier_3");
        Same.Describe(decision.Decision).Should().Be(Same.Describe(engine.Current.PolicySet.Decide("retail-aum-tier", fact)));
        engine.DecideMany("retail-aum-tier", new[] { fact, Policies.Fact(("aum", 10m)) }).Decisions.Select(d => d.Grade?.Id).Should().Equal("tier_3", "untiered");
    }

    [Fact]
    public void Reload_WithTheNRulesEngine_SwapsInAnEngineOverTheNewSet()
    {
        var file = Path.Combine(_rules.FullName, "retail-aum-tier.yaml");
        File.Copy(Path.Combine(Repo.Rules, "retail-aum-tier.yaml"), file);
        using var provider = Provider();
        var engine = provider.GetRequiredService<ITieringEngine>();
        var before = engine.Current;
        var fact = Policies.Fact(("aum", 250_000m));
        engine.Decide("retail-aum-tier", fact).Decision.Grade!.Id.Should().Be("tier_3");

        File.WriteAllText(file, File.ReadAllText(file).Replace("200000", "300000", StringComparison.Ordinal));
        var reload = engine.Reload();

        reload.Outcome.Should().Be(ReloadOutcome.Succeeded);
        engine.Current.Engine.Should().BeOfType<NRulesPolicySet>().And.NotBeSameAs(before.Engine);
        ((NRulesPolicySet)engine.Current.Engine).PolicySet.Should().BeSameAs(engine.Current.PolicySet);
        engine.Decide("retail-aum-tier", fact).Decision.Grade!.Id.Should().Be("tier_2", "250,000 is now under the moved edge");
    }

    [Fact]
    public void DecidePortfolio_GroupPolicyWithTheNRulesEngine_OneDecisionPerCustomerWithTheCompiledEnginesAnswers()
    {
        foreach (var file in new[] { "retail-aum-tier.yaml", "customer-aum-tier.yaml" })
        {
            File.Copy(Path.Combine(Repo.Rules, file), Path.Combine(_rules.FullName, file));
        }

        using var provider = Provider();
        var engine = provider.GetRequiredService<ITieringEngine>();
        var accounts = new[] { Policies.Fact(("customerId", "C1"), ("balance", 30_000m)), Policies.Fact(("customerId", "C2"), ("balance", 5m)), Policies.Fact(("customerId", "C1"), ("balance", 20_000m)) };

        var batch = engine.DecidePortfolio("customer-aum-tier", accounts);

        batch.Decisions.Select(d => (d.Group!.Key, d.Grade!.Id, d.Group.Members)).Should().Equal(("C1", "tier_2", 2), ("C2", "untiered", 1));
        batch.Decisions.Select(Same.Describe).Should().Equal(engine.Current.PolicySet.DecidePortfolio("customer-aum-tier", accounts).Select(Same.Describe));
    }

        private ServiceProvider Provider() => new ServiceCollection()
        .AddTieringRules(o =>
        {
            o.RulesDirectory = _rules.FullName;
            o.UseEngine(set => NRulesPolicySet.Create(set));
        })
        .BuildServiceProvider();
}
