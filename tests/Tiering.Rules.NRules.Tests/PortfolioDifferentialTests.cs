using System.Globalization;
using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>
/// Group policies on both engines: generated loan books, account files and sales files — groups of one to thousands of
/// members, shares on the thresholds, invalid members, disagreeing constant fields, every as-of date that matters —
/// decided by the compiled engine and by NRules, decision by decision (status, grade, fired rules, outputs, errors, the
/// group, its aggregates and their evidence).
/// </summary>
public sealed class PortfolioDifferentialTests
{
    private static readonly PolicySet Policies = PolicySet.LoadDirectory(Repo.Rules);
    private static readonly NRulesPolicySet OnNRules = NRulesPolicySet.Create(Policies);

    public static TheoryData<int, string> Seeds() => new()
    {
        { 1, "2024-01-01" },
        { 2, "2023-07-01" },
        { 3, "2023-06-30" },
        { 4, "2025-12-31" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DecidePortfolio_GeneratedLoanBook_NRulesEqualsCompiled(int seed, string asOf)
    {
        var book = LoanBook(new Random(seed), debtors: 60, bigDebtor: seed == 1 ? 2_000 : 0);
        var date = DateOnly.Parse(asOf, CultureInfo.InvariantCulture);

        var compiled = Policies.DecidePortfolio("loan-risk-portfolio", book, date);
        var nrules = OnNRules.DecidePortfolio("loan-risk-portfolio", book, date);

        compiled.Should().HaveCount(book.Count);
        nrules.Select(Same.Describe).Should().Equal(compiled.Select(Same.Describe));
    }

    [Fact]
    public void DecidePortfolio_GeneratedLoanBook_EveryLoanIsItsOwnCategoryRaisedByTheStatedArithmetic()
    {
        var book = LoanBook(new Random(7), debtors: 200, bigDebtor: 0);
        var date = new DateOnly(2024, 1, 1);
        var own = book.Select(l => Policies.Decide("loan-risk-regulatory", l, date)).ToList();

        var decisions = Policies.DecidePortfolio("loan-risk-portfolio", book, date);

        for (var i = 0; i < book.Count; i++)
        {
            var debtor = (string?)book[i].GetValueOrDefault("debtorId");
            var valid = Enumerable.Range(0, book.Count)
                .Where(j => (string?)book[j].GetValueOrDefault("debtorId") == debtor && own[j].Status != DecisionStatus.Invalid && book[j]["balance"] is decimal b && b >= 0)
                .ToList();
            if (debtor is null || own[i].Status == DecisionStatus.Invalid || book[i]["balance"] is not decimal balance || balance < 0)
            {
                decisions[i].Status.Should().Be(DecisionStatus.Invalid, $"loan {i} is invalid");
                continue;
            }

            if (valid.Select(j => (bool)book[j]["nonRetail"]!).Distinct().Count() > 1)
            {
                decisions[i].Errors.Should().ContainSingle(e => e.Field == "nonRetail", $"loan {i}'s debtor disagrees on nonRetail");
                continue;
            }

            var total = valid.Sum(j => (decimal)book[j]["balance"]!);
            var np = valid.Where(j => own[j].Grade!.Rank >= 2).Sum(j => (decimal)book[j]["balance"]!);
            var contagion = (bool)book[i]["nonRetail"]! && total != 0 && np / total > 0.10m;
            var expected = Math.Max(own[i].Grade!.Rank, contagion ? 2 : 0);
            decisions[i].Grade!.Rank.Should().Be(expected, $"loan {i}: own {own[i].Grade!.Id}, share {(total == 0 ? "-" : (np / total).ToString(CultureInfo.InvariantCulture))}");
            decisions[i].FiredRuleIds.Contains("ART7-CONTAGION").Should().Be(contagion, $"loan {i}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void DecidePortfolio_GeneratedAccountsAndSales_NRulesEqualsCompiled(int seed)
    {
        var random = new Random(seed);
        var accounts = Enumerable.Range(0, 800).Select(_ => Account(random)).ToList();
        var sales = Enumerable.Range(0, 800).Select(_ => SaleLine(random)).ToList();

        OnNRules.DecidePortfolio("customer-aum-tier", accounts).Select(Same.Describe)
            .Should().Equal(Policies.DecidePortfolio("customer-aum-tier", accounts).Select(Same.Describe));
        OnNRules.DecidePortfolio("big-customer-from-sales", sales).Select(Same.Describe)
            .Should().Equal(Policies.DecidePortfolio("big-customer-from-sales", sales).Select(Same.Describe));
    }

    [Fact]
    public void DecidePortfolio_SortedLoanBook_SameDecisionsStreamedOnBothEngines()
    {
        var book = LoanBook(new Random(21), debtors: 40, bigDebtor: 0)
            .OrderBy(l => l.GetValueOrDefault("debtorId") as string ?? string.Empty, StringComparer.Ordinal)
            .Where(l => l.ContainsKey("debtorId"))
            .ToList();
        var date = new DateOnly(2024, 1, 1);
        var streamed = new List<Decision>();

        OnNRules.DecidePortfolio("loan-risk-portfolio", book, streamed.Add, date, sortedByKey: true);

        streamed.Select(Same.Describe).Should().Equal(Policies.DecidePortfolio("loan-risk-portfolio", book, date).Select(Same.Describe));
    }

    /// <summary>
    /// A loan book: debtors of 1 to 12 loans (and one of <paramref name="bigDebtor"/> loans), some non-retail debtors built
    /// to sit exactly on 10% or just over it, some with a zero balance, a few invalid loans and a few debtors whose loans
    /// disagree on nonRetail.
    /// </summary>
    private static List<Dictionary<string, object?>> LoanBook(Random random, int debtors, int bigDebtor)
    {
        var book = new List<Dictionary<string, object?>>();
        for (var d = 0; d < debtors; d++)
        {
            var debtor = $"D{d:000}";
            var nonRetail = random.Next(4) != 0;
            switch (random.Next(6))
            {
                case 0: // exactly 10%: one loan of 100 non-performing, 900 performing
                    book.Add(Loan(debtor, 100m, 91, nonRetail));
                    book.Add(Loan(debtor, 900m, 0, nonRetail));
                    break;
                case 1: // just over 10%
                    book.Add(Loan(debtor, 100.01m, 200, nonRetail));
                    book.Add(Loan(debtor, 899.99m, random.Next(2) * 10, nonRetail));
                    break;
                case 2: // zero total balance
                    book.Add(Loan(debtor, 0m, 400, nonRetail));
                    book.Add(Loan(debtor, 0m, 0, nonRetail));
                    break;
                default:
                    var n = random.Next(1, 13);
                    for (var i = 0; i < n; i++)
                    {
                        book.Add(Loan(debtor, Math.Round((decimal)random.NextDouble() * 10_000m, 2), random.Next(10) switch { 0 => 95, 1 => 280, 2 => 365, 3 => 5, _ => 0 }, nonRetail));
                    }

                    break;
            }

            if (random.Next(15) == 0)
            {
                book.Add(Loan(debtor, 10m, 0, !nonRetail)); // disagrees on nonRetail
            }

            if (random.Next(10) == 0)
            {
                book.Add(Loan(debtor, -1m, 0, nonRetail)); // invalid here
            }

            if (random.Next(10) == 0)
            {
                var bad = Loan(debtor, 50m, 0, nonRetail);
                bad.Remove("overdueDays"); // invalid in loan-risk-regulatory
                book.Add(bad);
            }
        }

        for (var i = 0; i < bigDebtor; i++)
        {
            book.Add(Loan("BIG", i % 10 == 0 ? 11m : 9m, i % 10 == 0 ? 100 : 0, true));
        }

        var keyless = Loan("-", 1m, 0, true);
        keyless.Remove("debtorId");
        book.Insert(random.Next(book.Count), keyless);

        // Interleave the debtors: input order is not key order.
        return [.. book.Select((l, i) => (l, k: random.Next())).OrderBy(x => x.k).Select(x => x.l)];
    }

    private static Dictionary<string, object?> Loan(string debtor, decimal balance, int overdueDays, bool nonRetail) => new()
    {
        ["debtorId"] = debtor,
        ["balance"] = balance,
        ["nonRetail"] = nonRetail,
        ["overdueDays"] = overdueDays,
        ["technicalOverdue"] = false,
        ["creditImpaired"] = overdueDays > 300,
        ["eclToCarrying"] = overdueDays > 300 ? 0.95m : 0m,
        ["overdue90ShareAllBanks"] = 0m,
        ["restructured"] = false,
        ["priorCategory"] = "normal",
    };

    private static Dictionary<string, object?> Account(Random random) => new()
    {
        ["customerId"] = $"C{random.Next(120):000}",
        ["balance"] = random.Next(40) == 0 ? -1m : random.Next(3) switch { 0 => 49_999.99m / 3, 1 => 1_000m, _ => Math.Round((decimal)random.NextDouble() * 800_000m, 2) },
    };

    private static Dictionary<string, object?> SaleLine(Random random)
    {
        var customer = random.Next(150);
        return new()
        {
            ["customerId"] = $"K{customer:000}",
            ["amount"] = random.Next(50) == 0 ? -5m : Math.Round((decimal)random.NextDouble() * (customer < 5 ? 20_000m : 500m), 2),
            ["strategicSignificance"] = customer % 17 == 0,
            ["importantSignificance"] = customer % 11 == 0 ? random.Next(20) != 0 : false,
            ["hasGrowthPotential"] = customer % 3 == 0,
        };
    }
}
