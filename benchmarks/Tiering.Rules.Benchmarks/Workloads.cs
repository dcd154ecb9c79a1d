using System.Globalization;

namespace Tiering.Rules.Benchmarks;

/// <summary>A retail customer for <c>rules/retail-aum-tier.yaml</c>.</summary>
public sealed class AumCustomer
{
    public decimal Aum { get; set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"aum={Aum}");
}

/// <summary>A customer for <c>rules/star-rating.yaml</c>.</summary>
public sealed class StarCustomer
{
    public decimal StarPoints { get; set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"starPoints={StarPoints}");
}

/// <summary>
/// The workloads, generated from a fixed seed so that every engine, every run and every machine sees the same facts.
/// Every fact is valid; the mix and the band edges are chosen so that every rule and every edge is exercised.
/// </summary>
public static class Workloads
{
    /// <summary>Facts per workload; every throughput benchmark processes all of them per invocation.</summary>
    public const int Size = 100_000;

    /// <summary>The fixed seed (a seeded <see cref="Random"/> gives the same sequence on every .NET version).</summary>
    public const int Seed = 20_240_531;

    public const string LoanPolicy = "loan-five-category";
    public const string AumPolicy = "retail-aum-tier";
    public const string StarPolicy = "star-rating";

    private const decimal ScopeThreshold = 5_000_000m;

    /// <summary>A loan as a dictionary fact: keys as the policy names its fields, values of the POCO's CLR types (boxed).</summary>
    public static Dictionary<string, object?> AsDictionary(LoanPoco loan) => loan.AsDictionary();

    /// <summary>
    /// Loans: about 10% out of scope (amount ≤ 5,000,000, a fifth of them exactly 5,000,000); of the rest about 70%
    /// normal, 15% special mention, 7% substandard, 5% doubtful and 3% loss, with the band edges present (overdue days
    /// 1/90/91/180/181, expected loss rates 0.2999/0.30/0.90/0.9001/1.00, amount 5,000,000.01) and lesser adverse
    /// characteristics mixed in, so a loan often fires several rules.
    /// </summary>
    public static LoanPoco[] Loans(int count = Size, int seed = Seed)
    {
        var random = new Random(seed);
        var loans = new LoanPoco[count];
        for (var i = 0; i < loans.Length; i++)
        {
            loans[i] = random.NextDouble() < 0.10 ? OutOfScopeLoan(random) : InScopeLoan(random, PickSeverity(random));
        }

        return loans;
    }

    /// <summary>
    /// Customers by AUM: every tier, each band edge (1,000 / 50,000 / 200,000 / 500,000 / 3,000,000) at −0.01, exactly
    /// and +0.01, and about 15% untiered (below 1,000, some exactly 0).
    /// </summary>
    public static AumCustomer[] AumCustomers(int count = Size, int seed = Seed)
    {
        decimal[] edges = [1_000m, 50_000m, 200_000m, 500_000m, 3_000_000m];
        // [from, to) per tier, with the share of the banded customers in each.
        (decimal From, decimal To, double Share)[] tiers =
        [
            (1_000m, 50_000m, 0.40), (50_000m, 200_000m, 0.25), (200_000m, 500_000m, 0.15),
            (500_000m, 3_000_000m, 0.12), (3_000_000m, 50_000_000m, 0.08),
        ];
        var random = new Random(seed);
        var customers = new AumCustomer[count];
        for (var i = 0; i < customers.Length; i++)
        {
            var u = random.NextDouble();
            decimal aum = u switch
            {
                < 0.06 => EdgeValue(random, edges),
                < 0.21 => random.Next(10) == 0 ? 0m : Money(random, 0m, 999.99m),
                _ => InBand(random, tiers),
            };
            customers[i] = new AumCustomer { Aum = aum };
        }

        return customers;
    }

    /// <summary>
    /// Customers by star points: every star band, each edge (50 / 500 / 2,000 / 10,000 / 80,000) at −0.01, exactly and
    /// +0.01, 0.01 (the lowest quasi-star value) and about 10% exactly 0 (not rated).
    /// </summary>
    public static StarCustomer[] StarCustomers(int count = Size, int seed = Seed)
    {
        decimal[] edges = [50m, 500m, 2_000m, 10_000m, 80_000m];
        (decimal From, decimal To, double Share)[] bands =
        [
            (0.01m, 50m, 0.30), (50m, 500m, 0.30), (500m, 2_000m, 0.20), (2_000m, 10_000m, 0.12),
            (10_000m, 80_000m, 0.06), (80_000m, 500_000m, 0.02),
        ];
        var random = new Random(seed);
        var customers = new StarCustomer[count];
        for (var i = 0; i < customers.Length; i++)
        {
            var u = random.NextDouble();
            decimal points = u switch
            {
                < 0.05 => random.Next(16) == 0 ? 0.01m : EdgeValue(random, edges),
                < 0.15 => 0m,
                _ => InBand(random, bands),
            };
            customers[i] = new StarCustomer { StarPoints = points };
        }

        return customers;
    }

    private static int PickSeverity(Random random) => random.NextDouble() switch
    {
        < 0.70 => 0,
        < 0.85 => 1,
        < 0.92 => 2,
        < 0.97 => 3,
        _ => 4,
    };

    private static LoanPoco OutOfScopeLoan(Random random)
    {
        // Out of scope whatever else it says: a fifth exactly at the threshold, the rest anywhere below it, with
        // adverse characteristics as often as in scope so that an engine that ignored the scope would be caught.
        var loan = InScopeLoan(random, PickSeverity(random));
        loan.Amount = random.Next(5) == 0 ? ScopeThreshold : Money(random, 0m, ScopeThreshold - 0.01m);
        return loan;
    }

    private static LoanPoco InScopeLoan(Random random, int severity)
    {
        var loan = new LoanPoco
        {
            Amount = random.Next(50) == 0 ? ScopeThreshold + 0.01m : Money(random, ScopeThreshold + 0.01m, 300_000_000m),
            HasSupplementarySource = random.NextDouble() < 0.6,
        };

        // Noise that fires nothing: an operating loss with a supplementary source is not SUB-03.
        loan.OperatingLoss = loan.HasSupplementarySource && random.NextDouble() < 0.2;

        // Lesser characteristics, each severity below the target with some probability.
        for (var lesser = 1; lesser < severity; lesser++)
        {
            if (random.NextDouble() < 0.35)
            {
                AddTrigger(loan, random, lesser);
            }
        }

        // Then at least one characteristic of the target severity (last, so it wins on overdueDays and the loss rate).
        if (severity > 0)
        {
            AddTrigger(loan, random, severity);
            if (random.NextDouble() < 0.15)
            {
                AddTrigger(loan, random, severity);
            }
        }

        return loan;
    }

    /// <summary>Sets one characteristic that makes a rule of exactly this severity fire (1 = special mention … 4 = loss).</summary>
    private static void AddTrigger(LoanPoco loan, Random random, int severity)
    {
        switch (severity)
        {
            case 1:
                switch (random.Next(8))
                {
                    case 0 or 1: loan.OverdueDays = Edge(random, [1, 90], 1, 90); break;          // SM-01
                    case 2: loan.FinancialIndicatorsDeteriorating = true; break;                   // SM-02
                    case 3: loan.ContingentLiabilitiesRising = true; break;                        // SM-03
                    case 4: loan.LoanNotUsedAsAgreed = true; break;                                // SM-04
                    case 5: loan.PoorRepaymentWillingness = true; break;                           // SM-05
                    case 6: loan.CollateralValueDeclined = true; break;                            // SM-06
                    default: loan.GuarantorFinancesQuestionable = true; break;                     // SM-07
                }

                break;
            case 2:
                switch (random.Next(6))
                {
                    case 0: loan.OverdueDays = Edge(random, [91, 180], 91, 180); break;            // SUB-01
                    case 1: loan.NetCashFlowNegative = true; break;                                // SUB-02
                    case 2: loan.OperatingLoss = true; loan.HasSupplementarySource = false; break; // SUB-03
                    case 3: loan.DefaultOnOtherLenders = true; break;                              // SUB-04
                    case 4: loan.RepayingByCollateralSale = true; break;                           // SUB-05
                    default: loan.ExpectedLossRate = Rate(random, [0.0001m, 0.2999m], 1, 2_999); break; // SUB-06: (0, 0.30)
                }

                break;
            case 3:
                switch (random.Next(6))
                {
                    case 0: loan.OverdueDays = Edge(random, [181], 181, 720); break;               // DBT-01
                    case 1: loan.ProductionHalted = true; break;                                   // DBT-02
                    case 2: loan.Insolvent = true; break;                                          // DBT-03
                    case 3: loan.BankSued = true; break;                                           // DBT-04
                    case 4: loan.RestructuredStillOverdue = true; break;                           // DBT-05
                    default: loan.ExpectedLossRate = Rate(random, [0.30m, 0.90m], 3_000, 9_000); break; // DBT-06: [0.30, 0.90]
                }

                break;
            default:
                if (random.Next(2) == 0)
                {
                    loan.BorrowerDissolved = true;                                                 // LOSS-01
                }
                else
                {
                    loan.ExpectedLossRate = Rate(random, [0.9001m, 1.00m], 9_001, 10_000);         // LOSS-02: (0.90, 1.00]
                }

                break;
        }
    }

    /// <summary>An edge value 30% of the time, otherwise uniform in [low, high].</summary>
    private static int Edge(Random random, int[] edges, int low, int high) =>
        random.NextDouble() < 0.3 ? edges[random.Next(edges.Length)] : random.Next(low, high + 1);

    /// <summary>An edge rate 30% of the time, otherwise a rate in [low, high] ten-thousandths.</summary>
    private static decimal Rate(Random random, decimal[] edges, int low, int high) =>
        random.NextDouble() < 0.3 ? edges[random.Next(edges.Length)] : random.Next(low, high + 1) / 10_000m;

    /// <summary>An amount in [low, high] with two decimals.</summary>
    private static decimal Money(Random random, decimal low, decimal high) =>
        Math.Min(high, low + Math.Round((decimal)random.NextDouble() * (high - low), 2));

    private static decimal EdgeValue(Random random, decimal[] edges) =>
        edges[random.Next(edges.Length)] + (random.Next(3) - 1) * 0.01m;

    private static decimal InBand(Random random, (decimal From, decimal To, double Share)[] bands)
    {
        var u = random.NextDouble();
        foreach (var (from, to, share) in bands)
        {
            if (u < share)
            {
                return Money(random, from, to - 0.01m);
            }

            u -= share;
        }

        var (lastFrom, lastTo, _) = bands[^1];
        return Money(random, lastFrom, lastTo - 0.01m);
    }
}
