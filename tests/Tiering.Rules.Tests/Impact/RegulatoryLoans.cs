namespace Tiering.Rules.Tests.Impact;

/// <summary>Random loans with the fields of both versions of loan-risk-regulatory (2007 and 2023), a few broken on purpose.</summary>
internal static class RegulatoryLoans
{
    public static readonly DateOnly Before = new(2023, 6, 30);
    public static readonly DateOnly After = new(2023, 7, 1);

    private static readonly string[] Flags2007 =
        ["refinancedToRepay", "purposeChanged", "otherDebtNonPerforming", "issuedInBreachOfLaw", "evasionSuspected", "interestNonAccrual", "evasionByMergerOrSplit", "stillUnableToRepay"];

    private static readonly string[] Categories = ["normal", "special_mention", "substandard", "doubtful", "loss"];

    public static List<Dictionary<string, object?>> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        var dates = new Random(seed + 1);   // a generator of its own: the other fields stay as they were
        var loans = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var overdue = rng.Next(10) switch
            {
                < 6 => 0,
                6 => rng.Next(1, 8),
                7 => rng.Next(8, 91),
                8 => rng.Next(91, 271),
                _ => rng.Next(271, 500),
            };
            var loan = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = $"L{i:D5}",
                ["balance"] = rng.Next(1, 1_000_000_00) / 100m,
                ["overdueDays"] = overdue,
                ["restructured"] = rng.Next(10) == 0,
                ["technicalOverdue"] = rng.Next(4) == 0,
                ["creditImpaired"] = rng.Next(8) == 0,
                ["eclToCarrying"] = rng.Next(0, 101) / 100m,
                ["nonRetail"] = rng.Next(2) == 0,
                ["npShareAtThisBank"] = rng.Next(0, 31) / 100m,
                ["overdue90ShareAllBanks"] = rng.Next(0, 41) / 100m,
                ["priorCategory"] = Categories[rng.Next(Categories.Length)],
            };
            if ((bool)loan["restructured"]! && dates.Next(10) > 0)
            {
                // The 2023 observation period (第二十条): first repayment around the switch, two periods of 1 to 12 months
                var first = new DateOnly(2022, 1, 1).AddDays(dates.Next(0, 730));
                loan["firstRepaymentDate"] = first;
                loan["secondPeriodEndDate"] = first.AddMonths(2 * dates.Next(1, 13));
            }

            foreach (var flag in Flags2007)
            {
                loan[flag] = rng.Next(12) == 0;
            }

            switch (rng.Next(40))
            {
                case 0:
                    loan.Remove("creditImpaired");          // invalid after only
                    break;
                case 1:
                    loan.Remove("purposeChanged");          // invalid before only
                    break;
                case 2:
                    loan["overdueDays"] = -3;               // invalid on both sides
                    break;
            }

            loans.Add(loan);
        }

        return loans;
    }
}
