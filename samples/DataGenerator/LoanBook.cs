using System.Globalization;

namespace Tiering.Rules.Samples.DataGenerator;

/// <summary>
/// A loan book with the fields of both versions of <c>loan-risk-regulatory</c> (rules/loan-risk-regulatory-2007.yaml
/// and -2023.yaml) plus <c>id</c> and <c>balance</c>, for <c>tiering impact</c> on the 2023-07-01 switch. Written from
/// a seeded <see cref="Random"/> in one fixed order, so a seed and a count give the same bytes on every run. Self-contained
/// (the benchmarks compile this file too, to write a million loans).
/// </summary>
/// <remarks>
/// Distributions (every percentage is per loan, drawn independently unless it says "of"):
/// <list type="bullet">
/// <item>segment: 35% non-retail (<c>nonRetail</c>), balance 1,000,000–500,000,000.00; 65% retail, balance 10,000–2,000,000.00
/// (both log-uniform, in cents).</item>
/// <item>overdueDays: 72% 0; 8% 1–7; 8% 8–90; 5% 91–180; 3% 181–270; 2% 271–360; 2% 361–720 (uniform inside each band).</item>
/// <item>technicalOverdue: 50% of loans 1–7 days overdue, 3% of the others.</item>
/// <item>2007 flags: refinancedToRepay 4%, purposeChanged 3%, otherDebtNonPerforming 5%, issuedInBreachOfLaw 1%,
/// evasionSuspected 1%, evasionByMergerOrSplit 1%; interestNonAccrual 80% of loans over 90 days overdue, 2% of the
/// others; restructured 5%, stillUnableToRepay 40% of restructured loans, 1% of the others.</item>
/// <item>2023 facts: creditImpaired 90% of loans over 90 days overdue, 4% of the others; eclToCarrying 0.20–1.00 when
/// impaired, 0.00–0.15 otherwise (two decimals); npShareAtThisBank and overdue90ShareAllBanks 0 for retail loans and
/// for 85% of non-retail ones, else 0.01–0.60; priorCategory normal 70%, special_mention 15%, substandard 8%,
/// doubtful 5%, loss 2%; for restructured loans only (empty otherwise), drawn from a second generator so the other
/// columns stay as they were: firstRepaymentDate uniform in 2021-07-01–2023-12-31 and secondPeriodEndDate two
/// repayment periods on (monthly 50%, quarterly 25%, half-yearly 15%, yearly 10%), for the 2023 observation period
/// (第二十条).</item>
/// <item>Five records are broken on purpose (when the book has at least 100 loans): one lacks creditImpaired (invalid after only),
/// one lacks purposeChanged (invalid before only), one has eclToCarrying 1.20 and one priorCategory 'good' (invalid after
/// only), one has overdueDays 'abc' (invalid on both sides).</item>
/// </list>
/// </remarks>
internal static class LoanBook
{
    public const int Seed = 20230701;

    public static readonly string[] Columns =
    [
        "id", "balance", "overdueDays",
        "refinancedToRepay", "purposeChanged", "otherDebtNonPerforming", "issuedInBreachOfLaw", "evasionSuspected",
        "interestNonAccrual", "evasionByMergerOrSplit", "restructured", "stillUnableToRepay",
        "technicalOverdue", "creditImpaired", "eclToCarrying", "nonRetail", "npShareAtThisBank", "overdue90ShareAllBanks", "priorCategory",
        "firstRepaymentDate", "secondPeriodEndDate",
    ];

    private static readonly string[] Categories = ["normal", "special_mention", "substandard", "doubtful", "loss"];

    /// <summary>Writes the header and <paramref name="count"/> loans as CSV (\n line ends).</summary>
    public static void WriteCsv(TextWriter output, int count, int seed = Seed)
    {
        var rng = new Random(seed);
        var dates = new Random(seed + 1);
        output.Write(string.Join(',', Columns));
        output.Write('\n');
        var cells = new string[Columns.Length];
        for (var i = 0; i < count; i++)
        {
            Fill(rng, i, cells);
            Dates(dates, cells);
            if (count >= 100)
            {
                Break(i, count, cells);
            }

            output.Write(string.Join(',', cells));
            output.Write('\n');
        }
    }

    private static void Fill(Random rng, int i, string[] c)
    {
        var nonRetail = rng.Next(100) < 35;
        var balanceCents = nonRetail ? LogUniform(rng, 100_000_000, 50_000_000_000) : LogUniform(rng, 1_000_000, 200_000_000);
        var band = rng.Next(100);
        var overdue = band switch
        {
            < 72 => 0,
            < 80 => rng.Next(1, 8),
            < 88 => rng.Next(8, 91),
            < 93 => rng.Next(91, 181),
            < 96 => rng.Next(181, 271),
            < 98 => rng.Next(271, 361),
            _ => rng.Next(361, 721),
        };
        var over90 = overdue > 90;
        var restructured = rng.Next(100) < 5;
        var impaired = rng.Next(100) < (over90 ? 90 : 4);
        c[0] = $"B{i + 1:D7}";
        c[1] = (balanceCents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        c[2] = overdue.ToString(CultureInfo.InvariantCulture);
        c[3] = Flag(rng, 4);
        c[4] = Flag(rng, 3);
        c[5] = Flag(rng, 5);
        c[6] = Flag(rng, 1);
        c[7] = Flag(rng, 1);
        c[8] = Flag(rng, over90 ? 80 : 2);
        c[9] = Flag(rng, 1);
        c[10] = restructured ? "true" : "false";
        c[11] = Flag(rng, restructured ? 40 : 1);
        c[12] = Flag(rng, overdue is >= 1 and <= 7 ? 50 : 3);
        c[13] = impaired ? "true" : "false";
        c[14] = Rate(impaired ? rng.Next(20, 101) : rng.Next(0, 16));
        c[15] = nonRetail ? "true" : "false";
        c[16] = Rate(nonRetail && rng.Next(100) >= 85 ? rng.Next(1, 61) : 0);
        c[17] = Rate(nonRetail && rng.Next(100) >= 85 ? rng.Next(1, 61) : 0);
        c[18] = rng.Next(100) switch
        {
            < 70 => Categories[0],
            < 85 => Categories[1],
            < 93 => Categories[2],
            < 98 => Categories[3],
            _ => Categories[4],
        };
    }

    /// <summary>The observation-period dates of a restructured loan (第二十条); empty cells (absent) for the others.</summary>
    private static void Dates(Random rng, string[] c)
    {
        if (c[10] != "true")
        {
            c[19] = c[20] = string.Empty;
            return;
        }

        var first = new DateOnly(2021, 7, 1).AddDays(rng.Next(0, 914));
        var interval = rng.Next(100) switch
        {
            < 50 => 1,
            < 75 => 3,
            < 90 => 6,
            _ => 12,
        };
        c[19] = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        c[20] = first.AddMonths(2 * interval).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Five records broken on purpose, at fixed positions spread through the book.</summary>
    private static void Break(int i, int count, string[] c)
    {
        var step = count / 5;
        if (i % step != step / 2 || i / step > 4)
        {
            return;
        }

        switch (i / step)
        {
            case 0: c[13] = string.Empty; break;          // creditImpaired missing: invalid after only
            case 1: c[4] = string.Empty; break;           // purposeChanged missing: invalid before only
            case 2: c[14] = "1.20"; break;                // eclToCarrying above its maximum 1: invalid after only
            case 3: c[18] = "good"; break;                // priorCategory not one of the five: invalid after only
            default: c[2] = "abc"; break;                 // overdueDays is text: invalid on both sides
        }
    }

    private static string Flag(Random rng, int percent) => rng.Next(100) < percent ? "true" : "false";

    private static string Rate(int hundredths) => (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static long LogUniform(Random rng, long low, long high) =>
        (long)Math.Round(Math.Exp(Math.Log(low) + (rng.NextDouble() * (Math.Log(high) - Math.Log(low)))));
}
