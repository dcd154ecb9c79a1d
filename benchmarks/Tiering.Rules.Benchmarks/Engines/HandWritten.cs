using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The baselines: plain C# that reproduces each shipped policy exactly (POLICIES.md P1, P2, P3 and the YAML files),
/// with the same output as the engines: status, grade id and the fired rule ids, materialised.
/// </summary>
/// <remarks>
/// Like for like: the baselines share what the engine shares. The fired-id list of a set of fired rules is made once
/// and reused (<see cref="FiredIdLists"/>; the engine's equal outcomes share one decision and its list), and a band's
/// one-id list is a static array, so a baseline allocates nothing per fact. <see cref="LoanAllocating(LoanPoco)"/> and
/// <see cref="AumAllocating"/> are the baselines as first written, making a new id array for every fact that fires a
/// rule; they are kept as a second row to show what that costs, and are not the ratio's baseline.
/// </remarks>
/// <remarks>
/// With <c>TIERING_BENCH_BREAK_BASELINE=1</c> each baseline is deliberately wrong at one band edge (overdue day 180 is
/// doubtful, AUM 50,000 is tier 1, 50 star points is quasi-star), so that the agreement check can be seen to stop a run.
/// </remarks>
public static class HandWritten
{
    /// <summary>The environment variable that breaks the baselines on purpose.</summary>
    public const string BreakVariable = "TIERING_BENCH_BREAK_BASELINE";

    /// <summary>Whether the baselines are broken on purpose (read once per process).</summary>
    public static readonly bool BreakBaseline = Environment.GetEnvironmentVariable(BreakVariable) == "1";

    // ---- loan-five-category: worst-of over SM-01..LOSS-02, default normal, in scope when amount > 5,000,000 ----

    private static readonly string[] LoanGrades = ["normal", "special_mention", "substandard", "doubtful", "loss"];

    // Rule ids in file order; bit i of the fired mask is LoanRuleIds[i]. Rules are listed least to most severe, so the
    // worst grade is the grade of the highest fired bit.
    private static readonly string[] LoanRuleIds =
    [
        "SM-01", "SM-02", "SM-03", "SM-04", "SM-05", "SM-06", "SM-07",
        "SUB-01", "SUB-02", "SUB-03", "SUB-04", "SUB-05", "SUB-06",
        "DBT-01", "DBT-02", "DBT-03", "DBT-04", "DBT-05", "DBT-06",
        "LOSS-01", "LOSS-02",
    ];

    private static readonly int[] LoanRuleGrade = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4];

    // SUB-01 is overdue 91..180 and DBT-01 overdue >= 181 (180 stays substandard, A-P1-1); broken: 180 is doubtful.
    private static readonly int Sub01Last = BreakBaseline ? 179 : 180;
    private static readonly int Dbt01First = BreakBaseline ? 180 : 181;

    private static readonly FiredIdLists LoanFired = new(LoanRuleIds);

    /// <summary>Classifies one loan under <c>loan-five-category</c>, sharing the fired-id list of each fired set.</summary>
    public static Outcome Loan(LoanPoco loan) => Loan(loan, share: true);

    /// <summary>As <see cref="Loan(LoanPoco)"/>, but with a new fired-id array for every loan that fires a rule.</summary>
    public static Outcome LoanAllocating(LoanPoco loan) => Loan(loan, share: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Outcome Loan(LoanPoco loan, bool share) => Loan(new PocoLoan(loan), share);

    /// <summary>Classifies one loan's values, however they were read (a POCO, a dictionary, a JSON object).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Outcome Loan<TLoan>(in TLoan loan, bool share)
        where TLoan : struct, ILoanView
    {
        // Validation comes before the scope check: amount >= 0, overdueDays >= 0, expectedLossRate in [0, 1].
        var rate = loan.ExpectedLossRate;
        if (loan.Amount < 0m || loan.OverdueDays < 0 || rate < 0m || rate > 1m)
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        if (loan.Amount <= 5_000_000m)
        {
            return new Outcome(Outcome.NotApplicable, null, []);
        }

        var fired = LoanMask(loan);
        if (fired == 0)
        {
            return new Outcome(Outcome.Classified, LoanGrades[0], []);                  // default: normal
        }

        var grade = LoanGrades[LoanRuleGrade[31 - BitOperations.LeadingZeroCount(fired)]];
        return new Outcome(Outcome.Classified, grade, share ? LoanFired.Of(fired) : LoanFired.Build(fired));
    }

    /// <summary>The fired rules of an in-scope loan, bit i for <c>LoanRuleIds[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LoanMask<TLoan>(in TLoan loan)
        where TLoan : struct, ILoanView
    {
        var days = loan.OverdueDays;
        var rate = loan.ExpectedLossRate;
        var fired = 0u;
        if (days >= 1 && days <= 90) fired |= 1u << 0;                                  // SM-01
        if (loan.FinancialIndicatorsDeteriorating) fired |= 1u << 1;                    // SM-02
        if (loan.ContingentLiabilitiesRising) fired |= 1u << 2;                         // SM-03
        if (loan.LoanNotUsedAsAgreed) fired |= 1u << 3;                                 // SM-04
        if (loan.PoorRepaymentWillingness) fired |= 1u << 4;                            // SM-05
        if (loan.CollateralValueDeclined) fired |= 1u << 5;                             // SM-06
        if (loan.GuarantorFinancesQuestionable) fired |= 1u << 6;                       // SM-07
        if (days >= 91 && days <= Sub01Last) fired |= 1u << 7;                          // SUB-01
        if (loan.NetCashFlowNegative) fired |= 1u << 8;                                 // SUB-02
        if (loan.OperatingLoss && !loan.HasSupplementarySource) fired |= 1u << 9;       // SUB-03
        if (loan.DefaultOnOtherLenders) fired |= 1u << 10;                              // SUB-04
        if (loan.RepayingByCollateralSale) fired |= 1u << 11;                           // SUB-05
        if (rate > 0m && rate < 0.30m) fired |= 1u << 12;                               // SUB-06: (0, 0.30)
        if (days >= Dbt01First) fired |= 1u << 13;                                      // DBT-01
        if (loan.ProductionHalted) fired |= 1u << 14;                                   // DBT-02
        if (loan.Insolvent) fired |= 1u << 15;                                          // DBT-03
        if (loan.BankSued) fired |= 1u << 16;                                           // DBT-04
        if (loan.RestructuredStillOverdue) fired |= 1u << 17;                           // DBT-05
        if (rate >= 0.30m && rate <= 0.90m) fired |= 1u << 18;                          // DBT-06: [0.30, 0.90]
        if (loan.BorrowerDissolved) fired |= 1u << 19;                                  // LOSS-01
        if (rate > 0.90m && rate <= 1.00m) fired |= 1u << 20;                           // LOSS-02: (0.90, 1.00]

        return fired;
    }

    /// <summary>Classifies a loan given as a dictionary: its values read out (invalid when one is absent or mistyped), then as <see cref="Loan(LoanPoco)"/>.</summary>
    public static Outcome LoanFromDictionary(Dictionary<string, object?> fact) =>
        LoanValues.TryRead(fact, out var values) ? Loan(values, share: true) : new Outcome(Outcome.Invalid, null, []);

    /// <summary>Classifies a loan given as a JSON object: its values read out, then as <see cref="Loan(LoanPoco)"/>.</summary>
    public static Outcome LoanFromJson(System.Text.Json.JsonElement fact) =>
        LoanValues.TryRead(fact, out var values) ? Loan(values, share: true) : new Outcome(Outcome.Invalid, null, []);

    // ---- retail-aum-tier: first match over [from, to) bands, below 1,000 untiered ----

    // Broken: 50,000 is tier 1 (AUM-T1 upper edge inclusive) instead of tier 2.
    private static readonly decimal Tier2From = BreakBaseline ? 50_000.01m : 50_000m;

    private static readonly string[] AumT5 = ["AUM-T5"], AumT4 = ["AUM-T4"], AumT3 = ["AUM-T3"], AumT2 = ["AUM-T2"], AumT1 = ["AUM-T1"];

    /// <summary>Classifies one customer under <c>retail-aum-tier</c>, each band's fired-id list a static array.</summary>
    public static Outcome Aum(AumCustomer customer)
    {
        var aum = customer.Aum;
        if (aum < 0m)
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        if (aum >= 3_000_000m) return new Outcome(Outcome.Classified, "tier_5", AumT5);
        if (aum >= 500_000m) return new Outcome(Outcome.Classified, "tier_4", AumT4);
        if (aum >= 200_000m) return new Outcome(Outcome.Classified, "tier_3", AumT3);
        if (aum >= Tier2From) return new Outcome(Outcome.Classified, "tier_2", AumT2);
        if (aum >= 1_000m) return new Outcome(Outcome.Classified, "tier_1", AumT1);
        return new Outcome(Outcome.Classified, "untiered", []);                         // below: untiered, nothing fired
    }

    /// <summary>As <see cref="Aum"/>, but with a new one-id array for every customer in a band.</summary>
    public static Outcome AumAllocating(AumCustomer customer)
    {
        var aum = customer.Aum;
        if (aum < 0m)
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        if (aum >= 3_000_000m) return new Outcome(Outcome.Classified, "tier_5", new[] { "AUM-T5" });
        if (aum >= 500_000m) return new Outcome(Outcome.Classified, "tier_4", new[] { "AUM-T4" });
        if (aum >= 200_000m) return new Outcome(Outcome.Classified, "tier_3", new[] { "AUM-T3" });
        if (aum >= Tier2From) return new Outcome(Outcome.Classified, "tier_2", new[] { "AUM-T2" });
        if (aum >= 1_000m) return new Outcome(Outcome.Classified, "tier_1", new[] { "AUM-T1" });
        return new Outcome(Outcome.Classified, "untiered", []);
    }

    // ---- star-rating: first match over [from, to) bands, quasi-star (0, 50), 0 not rated ----

    // Broken: 50 star points is quasi-star instead of 3-star.
    private static readonly decimal ThreeStarFrom = BreakBaseline ? 50.01m : 50m;

    private static readonly string[] Star7 = ["STAR-7"], Star6 = ["STAR-6"], Star5 = ["STAR-5"], Star4 = ["STAR-4"], Star3 = ["STAR-3"], StarQ = ["STAR-Q"];

    /// <summary>Classifies one customer under <c>star-rating</c>.</summary>
    public static Outcome Star(StarCustomer customer)
    {
        var points = customer.StarPoints;
        if (points < 0m)
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        if (points >= 80_000m) return new Outcome(Outcome.Classified, "7_star", Star7);
        if (points >= 10_000m) return new Outcome(Outcome.Classified, "6_star", Star6);
        if (points >= 2_000m) return new Outcome(Outcome.Classified, "5_star", Star5);
        if (points >= 500m) return new Outcome(Outcome.Classified, "4_star", Star4);
        if (points >= ThreeStarFrom) return new Outcome(Outcome.Classified, "3_star", Star3);
        if (points > 0m) return new Outcome(Outcome.Classified, "quasi_star", StarQ);
        return new Outcome(Outcome.Classified, "not_rated", []);                        // 0: not rated, nothing fired
    }
}
