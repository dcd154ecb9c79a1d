using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>
/// A policy that decides each group with its own rules (no <c>decideWith</c>), on both engines: generated account files —
/// customers of one to hundreds of accounts, sums on the band edge, invalid accounts, customers that disagree on a
/// constant field — decided group by group by the compiled engine and by NRules, decision by decision.
/// </summary>
public sealed class PortfolioGroupRulesDifferentialTests
{
    private const string Graded = """
        policy: graded
        version: "1"
        fields:
          customerId: { type: string }
          balance: { type: decimal, min: 0 }
          private: { type: boolean }
        group:
          by: customerId
          decides: groups
          constant: [private]
          aggregates:
            aum: { sum: balance }
            accounts: { count: members }
            share: { share: balance, where: balance >= 50 }
        grades: [basic, silver, gold]
        hitPolicy: worst
        default: basic
        rules:
          - { id: AUM-SILVER, when: group.aum >= 100, then: silver, outputs: { desk: wealth } }
          - { id: MANY-PRIVATE, when: private and group.accounts >= 3, then: gold }
          - { id: HOUSE, when: customerId = 'HOUSE', then: gold }
          - { id: CONCENTRATED, when: group.share > 0.5, then: silver }
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DecidePortfolio_OwnRulesOnGeneratedAccounts_NRulesEqualsCompiled(int seed)
    {
        var compiled = Policies.Load(Graded, Policies.GroupBanded);
        var nrules = NRulesPolicySet.Create(compiled);
        var accounts = Accounts(new Random(seed), customers: 80);

        foreach (var policy in new[] { "graded", "banded" })
        {
            var expected = compiled.DecidePortfolio(policy, accounts);

            expected.Select(d => d.Grade?.Id).Distinct().Should().HaveCountGreaterThan(1, "the generated file reaches more than one grade");
            nrules.DecidePortfolio(policy, accounts).Select(Same.Describe).Should().Equal(expected.Select(Same.Describe));
        }
    }

    /// <summary>Accounts of customers with 1 to 6 accounts (and one of 300), sums on 100, invalid balances, disagreeing flags.</summary>
    private static List<Dictionary<string, object?>> Accounts(Random random, int customers)
    {
        var accounts = new List<Dictionary<string, object?>>();
        for (var c = 0; c < customers; c++)
        {
            var customer = c == 0 ? "HOUSE" : $"C{c:000}";
            var isPrivate = random.Next(3) == 0;
            var count = c == 1 ? 300 : random.Next(1, 7);
            for (var a = 0; a < count; a++)
            {
                var balance = random.Next(5) switch
                {
                    0 => 100m / count,
                    1 => -1m,
                    _ => Math.Round((decimal)random.NextDouble() * 80m, 2),
                };
                var flag = random.Next(20) == 0 ? !isPrivate : isPrivate;
                accounts.Add(Policies.Fact(("customerId", customer), ("balance", balance), ("private", flag)));
            }
        }

        return [.. accounts.OrderBy(_ => random.Next())];
    }
}
