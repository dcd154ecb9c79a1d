namespace Tiering.Rules.Samples.DataGenerator;

/// <summary>One generated loan, with the fields of rules/loan-five-category.yaml and the grade it is meant to get.</summary>
internal sealed class Loan
{
    /// <summary>The grade ids of loan-five-category, least to most severe.</summary>
    public static readonly string[] Grades = ["normal", "special_mention", "substandard", "doubtful", "loss"];

    /// <summary>The 16 boolean characteristics, exactly as named (and ordered) in rules/loan-five-category.yaml.</summary>
    public static readonly string[] FlagNames =
    [
        "financialIndicatorsDeteriorating",
        "contingentLiabilitiesRising",
        "loanNotUsedAsAgreed",
        "poorRepaymentWillingness",
        "collateralValueDeclined",
        "guarantorFinancesQuestionable",
        "netCashFlowNegative",
        "operatingLoss",
        "hasSupplementarySource",
        "defaultOnOtherLenders",
        "repayingByCollateralSale",
        "productionHalted",
        "insolvent",
        "bankSued",
        "restructuredStillOverdue",
        "borrowerDissolved",
    ];

    // Indices into Flags. 0-5 feed SM-02..SM-07.
    public const int NetCashFlowNegative = 6;          // SUB-02
    public const int OperatingLoss = 7;                // SUB-03 (with not hasSupplementarySource)
    public const int HasSupplementarySource = 8;
    public const int DefaultOnOtherLenders = 9;        // SUB-04
    public const int RepayingByCollateralSale = 10;    // SUB-05
    public const int ProductionHalted = 11;            // DBT-02
    public const int Insolvent = 12;                   // DBT-03
    public const int BankSued = 13;                    // DBT-04
    public const int RestructuredStillOverdue = 14;    // DBT-05
    public const int BorrowerDissolved = 15;           // LOSS-01

    /// <summary>The loan-five-category scope: amount above 5,000,000.00, in cents.</summary>
    public const long ScopeFloorCents = 500_000_000;

    public string Id { get; set; } = string.Empty;

    public long AmountCents { get; set; }

    public int OverdueDays { get; set; }

    /// <summary>The expected loss rate in basis points (1/10,000): 3000 is 0.30.</summary>
    public int LossRateBp { get; set; }

    public bool[] Flags { get; } = new bool[FlagNames.Length];

    /// <summary>For a deliberately bad record: the CSV column whose text replaces the good value, and what is wrong.</summary>
    public BadCell? Bad { get; set; }

    public bool InScope => AmountCents > ScopeFloorCents;

    /// <summary>
    /// The grade the shipped policy should give (worst of every characteristic), computed independently of the engine
    /// so the data can be checked against it. -1 when out of scope.
    /// </summary>
    public int IntendedGrade()
    {
        if (!InScope)
        {
            return -1;
        }

        var f = Flags;
        var od = OverdueDays;
        var bp = LossRateBp;
        if (f[BorrowerDissolved] || bp > 9000)
        {
            return 4;
        }

        if (od >= 181 || f[ProductionHalted] || f[Insolvent] || f[BankSued] || f[RestructuredStillOverdue] || bp >= 3000)
        {
            return 3;
        }

        if (od >= 91 || f[NetCashFlowNegative] || (f[OperatingLoss] && !f[HasSupplementarySource]) || f[DefaultOnOtherLenders]
            || f[RepayingByCollateralSale] || bp > 0)
        {
            return 2;
        }

        return od >= 1 || f[0] || f[1] || f[2] || f[3] || f[4] || f[5] ? 1 : 0;
    }

    /// <summary>The CSV cells after the id, in header order (a bad record's broken cell replaced).</summary>
    public string[] Cells()
    {
        var cells = new string[3 + FlagNames.Length];
        cells[0] = Text.Money(AmountCents);
        cells[1] = Text.Integer(OverdueDays);
        cells[2] = Text.Rate(LossRateBp);
        for (var i = 0; i < FlagNames.Length; i++)
        {
            cells[3 + i] = Text.Boolean(Flags[i]);
        }

        if (Bad is { } bad)
        {
            cells[bad.Column] = bad.Text;
        }

        return cells;
    }
}

/// <summary>A broken CSV cell: <paramref name="Column"/> indexes <see cref="Loan.Cells"/>.</summary>
internal sealed record BadCell(int Column, string Text, string Why);

/// <summary>Makes the 3,000 sample loans: edges first, then random loans per grade, shuffled, then numbered.</summary>
internal static class LoanGenerator
{
    public const int Total = 3000;
    public const int OutOfScope = 300;

    /// <summary>Percent of in-scope loans per grade after normal (normal takes the rest, about 70%).</summary>
    private static readonly int[] Percent = [0, 15, 7, 5, 3];

    public static List<Loan> Generate(Random rng)
    {
        var loans = new List<Loan>(Total);
        loans.AddRange(EdgeCases(rng));
        loans.AddRange(BadRecords(rng));

        var inScope = Total - OutOfScope - loans.Count(l => l.Bad is not null);
        var targets = new int[Loan.Grades.Length];
        for (var g = 1; g < targets.Length; g++)
        {
            targets[g] = inScope * Percent[g] / 100;
        }

        targets[0] = inScope - targets.Sum();
        foreach (var edge in loans.Where(l => l.Bad is null && l.InScope))
        {
            targets[edge.IntendedGrade()]--;
        }

        for (var g = 0; g < targets.Length; g++)
        {
            for (var i = 0; i < targets[g]; i++)
            {
                loans.Add(WithGrade(rng, InScopeAmount(rng), g));
            }
        }

        var outOfScopeLeft = OutOfScope - loans.Count(l => l.Bad is null && !l.InScope);
        for (var i = 0; i < outOfScopeLeft; i++)
        {
            loans.Add(WithGrade(rng, OutOfScopeAmount(rng), RandomGrade(rng)));
        }

        Shuffle.InPlace(rng, loans);
        for (var i = 0; i < loans.Count; i++)
        {
            loans[i].Id = $"L{i + 1:D6}";
        }

        return loans;
    }

    /// <summary>
    /// Every band edge of the policy, each on an otherwise clean loan so that one value alone decides the grade,
    /// plus the scope edge (exactly 5,000,000 is out of scope) and both sides of SUB-03.
    /// </summary>
    private static IEnumerable<Loan> EdgeCases(Random rng)
    {
        foreach (var days in (int[])[0, 1, 90, 91, 180, 181, 365])
        {
            yield return new Loan { AmountCents = InScopeAmount(rng), OverdueDays = days };
        }

        foreach (var bp in (int[])[0, 1, 2999, 3000, 3001, 8999, 9000, 9001, 10000])
        {
            yield return new Loan { AmountCents = InScopeAmount(rng), LossRateBp = bp };
        }

        yield return new Loan { AmountCents = Loan.ScopeFloorCents + 1 };      // 5,000,000.01: in scope
        yield return new Loan { AmountCents = Loan.ScopeFloorCents + 100 };    // 5,000,001: in scope

        var coveredLoss = new Loan { AmountCents = InScopeAmount(rng) };       // loss with a supplementary source: normal
        coveredLoss.Flags[Loan.OperatingLoss] = true;
        coveredLoss.Flags[Loan.HasSupplementarySource] = true;
        yield return coveredLoss;
        var uncoveredLoss = new Loan { AmountCents = InScopeAmount(rng) };     // loss without one: SUB-03
        uncoveredLoss.Flags[Loan.OperatingLoss] = true;
        yield return uncoveredLoss;

        // Exactly 5,000,000 is out of scope ("500万元(不含)以上") whatever else the loan shows, even dissolution.
        for (var g = 0; g < 10; g++)
        {
            yield return WithGrade(rng, Loan.ScopeFloorCents, g % Loan.Grades.Length);
        }

        yield return WithGrade(rng, Loan.ScopeFloorCents - 1, 2);   // 4,999,999.99
        yield return WithGrade(rng, 0, 0);                          // amount 0 is valid (min: 0) and out of scope
    }

    /// <summary>Records a user should see reported as invalid, each naming its field; the rest of the run goes on.</summary>
    private static IEnumerable<Loan> BadRecords(Random rng)
    {
        BadCell[] bad =
        [
            new(3 + Loan.ProductionHalted, string.Empty, "productionHalted is empty (a required flag is missing, not false)"),
            new(0, "-1250000.00", "amount is negative"),
            new(1, "thirty", "overdueDays is text"),
            new(2, "1.5", "expectedLossRate is 1.5, above its maximum 1"),
            new(3 + Loan.Insolvent, "yes", "insolvent is 'yes', not true/false"),
            new(1, "12.5", "overdueDays is not a whole number"),
        ];
        foreach (var cell in bad)
        {
            var loan = WithGrade(rng, InScopeAmount(rng), RandomGrade(rng));
            loan.Bad = cell;
            yield return loan;
        }
    }

    /// <summary>A loan whose worst characteristic is exactly <paramref name="grade"/>, with some milder ones mixed in.</summary>
    private static Loan WithGrade(Random rng, long amountCents, int grade)
    {
        var loan = new Loan { AmountCents = amountCents };
        loan.Flags[Loan.HasSupplementarySource] = rng.Next(100) < 55;
        loan.Flags[Loan.OperatingLoss] = loan.Flags[Loan.HasSupplementarySource] && rng.Next(100) < 20;
        if (grade == 0)
        {
            return loan;
        }

        // Milder signals first, so a more severe one only ever overwrites overdueDays / expectedLossRate upwards.
        for (var level = 1; level < grade; level++)
        {
            if (rng.Next(100) < 30)
            {
                AddSignal(rng, loan, level);
            }
        }

        AddSignal(rng, loan, grade);
        if (rng.Next(100) < 25)
        {
            AddSignal(rng, loan, grade);
        }

        return loan;
    }

    private static void AddSignal(Random rng, Loan loan, int level)
    {
        switch (level)
        {
            case 1:
                var k1 = rng.Next(9);
                if (k1 < 3)
                {
                    loan.OverdueDays = rng.Next(1, 91);                       // SM-01
                }
                else
                {
                    loan.Flags[k1 - 3] = true;                                // SM-02..SM-07
                }

                break;
            case 2:
                switch (rng.Next(6))
                {
                    case 0: loan.OverdueDays = rng.Next(91, 181); break;      // SUB-01
                    case 1: loan.Flags[Loan.NetCashFlowNegative] = true; break;
                    case 2: loan.Flags[Loan.OperatingLoss] = true; loan.Flags[Loan.HasSupplementarySource] = false; break;
                    case 3: loan.Flags[Loan.DefaultOnOtherLenders] = true; break;
                    case 4: loan.Flags[Loan.RepayingByCollateralSale] = true; break;
                    default: loan.LossRateBp = rng.Next(1, 3000); break;      // SUB-06 (0, 0.30)
                }

                break;
            case 3:
                var k3 = rng.Next(6);
                if (k3 == 0)
                {
                    loan.OverdueDays = rng.Next(181, 731);                    // DBT-01
                }
                else if (k3 == 5)
                {
                    loan.LossRateBp = rng.Next(3000, 9001);                   // DBT-06 [0.30, 0.90]
                }
                else
                {
                    loan.Flags[Loan.ProductionHalted + k3 - 1] = true;        // DBT-02..DBT-05
                }

                break;
            default:
                if (rng.Next(2) == 0)
                {
                    loan.Flags[Loan.BorrowerDissolved] = true;                // LOSS-01
                }
                else
                {
                    loan.LossRateBp = rng.Next(9001, 10001);                  // LOSS-02 (0.90, 1.00]
                }

                break;
        }
    }

    private static int RandomGrade(Random rng) => rng.Next(100) switch
    {
        < 70 => 0,
        < 85 => 1,
        < 92 => 2,
        < 97 => 3,
        _ => 4,
    };

    /// <summary>Above 5,000,000: half up to 20M, most of the rest up to 100M, a few up to 2bn; most are whole 万 (10,000).</summary>
    private static long InScopeAmount(Random rng)
    {
        var cents = rng.Next(100) switch
        {
            < 50 => rng.NextInt64(Loan.ScopeFloorCents + 1, 2_000_000_000),
            < 85 => rng.NextInt64(2_000_000_000, 10_000_000_000),
            < 97 => rng.NextInt64(10_000_000_000, 50_000_000_000),
            _ => rng.NextInt64(50_000_000_000, 200_000_000_000),
        };
        return rng.Next(100) < 70 ? Math.Max(cents / 1_000_000 * 1_000_000, Loan.ScopeFloorCents + 1_000_000) : cents;
    }

    /// <summary>100,000.00 to 4,999,999.99.</summary>
    private static long OutOfScopeAmount(Random rng)
    {
        var cents = rng.NextInt64(10_000_000, Loan.ScopeFloorCents);
        return rng.Next(100) < 70 ? cents / 1_000_000 * 1_000_000 : cents;
    }
}
