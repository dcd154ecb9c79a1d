using Microsoft.Extensions.DependencyInjection;
using Tiering.Rules.DependencyInjection.Tests.Support;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>The README's host snippet compiles and runs: every line of it stands here, and this test asserts what it gives.</summary>
public sealed class ReadmeHostSnippetTests
{
    [Fact]
    public void ReadmeHostSnippet_EveryLineStandsHereAndDecides()
    {
        var readme = File.ReadAllText(Path.Combine(TempRules.RepositoryRoot, "README.md"));
        var section = readme.IndexOf("### In a host", StringComparison.Ordinal);
        section.Should().BePositive("the README shows how a host registers the engine");
        var start = readme.IndexOf("```csharp", section, StringComparison.Ordinal) + 9;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        var lines = readme[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var here = File.ReadAllText(Path.Combine(TempRules.RepositoryRoot, "tests", "Tiering.Rules.DependencyInjection.Tests", "ReadmeHostSnippetTests.cs"));

        lines.Should().HaveCountGreaterThan(5);
        lines.Should().OnlyContain(line => here.Contains(line, StringComparison.Ordinal), "README lines must be copied from this test");

        using var rules = TempRules.Create(withShippedRules: true);
        var builder = new { Services = (IServiceCollection)new ServiceCollection() };
        builder.Services.AddTieringRules(o =>
        {
            o.RulesDirectory = "rules";
            o.ReloadOnChange = true;
        });
        builder.Services.PostConfigure<TieringRulesOptions>(o => o.RulesDirectory = rules.Path); // this test's copy of rules/
        using var services = builder.Services.BuildServiceProvider();
        var engine = services.GetRequiredService<ITieringEngine>();
        var loan = new Dictionary<string, object?>
        {
            ["amount"] = 12_000_000m, ["overdueDays"] = 95, ["expectedLossRate"] = 0.10m,
            ["financialIndicatorsDeteriorating"] = false, ["contingentLiabilitiesRising"] = false, ["loanNotUsedAsAgreed"] = false,
            ["poorRepaymentWillingness"] = false, ["collateralValueDeclined"] = false, ["guarantorFinancesQuestionable"] = false,
            ["netCashFlowNegative"] = false, ["operatingLoss"] = false, ["hasSupplementarySource"] = false,
            ["defaultOnOtherLenders"] = false, ["repayingByCollateralSale"] = false, ["productionHalted"] = false,
            ["insolvent"] = false, ["bankSued"] = false, ["restructuredStillOverdue"] = false, ["borrowerDissolved"] = false,
        };

        // then, wherever ITieringEngine is injected:
        EngineDecision d = engine.Decide("loan-five-category", loan);     // d.Decision, and d.SetVersion: which load decided
        DecisionTrace why = engine.Current.PolicySet.Explain("loan-five-category", loan);

        d.Decision.Grade!.Id.Should().Be("substandard");
        d.Decision.FiredRuleIds.Should().Equal("SUB-01", "SUB-06");
        d.SetVersion.Should().Be(1);
        why.Rules.Single(r => r.Id == "SUB-01").Readings.Select(r => (r.Field, r.Value)).Should().Equal(("overdueDays", (object?)95m));
    }
}
