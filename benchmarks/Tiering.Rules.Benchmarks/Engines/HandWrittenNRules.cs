using System.Numerics;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// <c>loan-five-category</c> written by hand as NRules fluent rules, the way a careful NRules user writes it: the baseline
/// of the translated policy on NRules (<c>NRules</c>, <c>NRulesBatch</c>), with the same output per loan (status, grade,
/// fired rule ids in file order).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The loan is validated in C# before it reaches a session (amount ≥ 0, overdue days ≥ 0, expected loss rate in
/// [0, 1]), as the translated path validates before it inserts; an invalid loan is decided there.</item>
/// <item>Each loan goes into the session as a <see cref="LoanCase"/>: the loan and its accumulator (a fired-rule mask), so
/// no rule joins anything on the loan and nothing is collected or grouped (NRULES-NOTES: a <c>Collect</c> joined on the
/// fact blows up; a <c>GroupBy</c> over hit facts costs 5–7x).</item>
/// <item>One rule class per policy rule, named by the rule's id: the scope (<c>amount &gt; 5,000,000</c>, the same
/// expression in every rule, so one shared alpha node) and the rule's condition; its action sets the rule's bit.</item>
/// <item>A conclude rule below every hit rule in priority, once per loan: the worst grade among the fired rules (or
/// normal, or not applicable out of scope), inserted as a <see cref="LoanClassification"/> fact, so the decision is a fact
/// in the session as the translated rules make it; the caller reads it back from the case after <c>Fire</c>.</item>
/// </list>
/// </remarks>
public static class HandWrittenNRules
{
    /// <summary>Rule ids in file order; bit i of <see cref="LoanCase.Fired"/> is <c>RuleIds[i]</c>.</summary>
    internal static readonly string[] RuleIds =
    [
        "SM-01", "SM-02", "SM-03", "SM-04", "SM-05", "SM-06", "SM-07",
        "SUB-01", "SUB-02", "SUB-03", "SUB-04", "SUB-05", "SUB-06",
        "DBT-01", "DBT-02", "DBT-03", "DBT-04", "DBT-05", "DBT-06",
        "LOSS-01", "LOSS-02",
    ];

    /// <summary>The fired-id list of each fired set, made once and shared (like for like with the engine).</summary>
    private static readonly FiredIdLists FiredIds = new(RuleIds);

    /// <summary>The grade of each rule (index into <see cref="Grades"/>); rules are listed least to most severe.</summary>
    private static readonly int[] RuleGrade = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4];

    private static readonly string[] Grades = ["normal", "special_mention", "substandard", "doubtful", "loss"];

    /// <summary>The rule classes: one per policy rule, then the conclude rule.</summary>
    private static readonly Type[] RuleTypes =
    [
        typeof(Sm01), typeof(Sm02), typeof(Sm03), typeof(Sm04), typeof(Sm05), typeof(Sm06), typeof(Sm07),
        typeof(Sub01), typeof(Sub02), typeof(Sub03), typeof(Sub04), typeof(Sub05), typeof(Sub06),
        typeof(Dbt01), typeof(Dbt02), typeof(Dbt03), typeof(Dbt04), typeof(Dbt05), typeof(Dbt06),
        typeof(Loss01), typeof(Loss02), typeof(Conclude),
    ];

    /// <summary>Loads the rule classes into a repository and compiles them into a session factory (thread-safe).</summary>
    public static ISessionFactory Compile()
    {
        var repository = new RuleRepository();
        repository.Load(spec => spec.From(RuleTypes).NestedTypes(true));
        var rules = repository.GetRules().ToArray();
        if (rules.Length != RuleTypes.Length)
        {
            throw new InvalidOperationException($"loaded {rules.Length} hand-written NRules rules, expected {RuleTypes.Length}");
        }

        return new RuleCompiler().Compile(rules);
    }

    /// <summary>One loan in a session of its own.</summary>
    public static Outcome Decide(ISessionFactory factory, LoanPoco loan)
    {
        if (!IsValid(loan))
        {
            return new Outcome(Outcome.Invalid, null, []);
        }

        var loanCase = new LoanCase(loan);
        var session = factory.CreateSession();
        session.Insert(loanCase);
        session.Fire();
        return loanCase.Result!.ToOutcome();
    }

    /// <summary>
    /// Every loan in one session: the valid ones inserted together and fired once, then each classification read back in
    /// input order and handed to <paramref name="sink"/>.
    /// </summary>
    public static void DecideMany<TSink>(ISessionFactory factory, LoanPoco[] loans, ref TSink sink)
        where TSink : struct, IOutcomeSink
    {
        // Sessions of SessionSize loans, as NRulesPolicySet.DecideMany decides a batch: NRules' cost per fact grows with
        // the session, so a careful user fills, fires and drops sessions of about a thousand facts.
        var cases = new LoanCase?[loans.Length];
        var toInsert = new List<LoanCase>(SessionSize);
        for (var start = 0; start < loans.Length; start += SessionSize)
        {
            var end = Math.Min(start + SessionSize, loans.Length);
            for (var i = start; i < end; i++)
            {
                if (IsValid(loans[i]))
                {
                    var loanCase = new LoanCase(loans[i]);
                    cases[i] = loanCase;
                    toInsert.Add(loanCase);
                }
            }

            var session = factory.CreateSession();
            session.InsertAll(toInsert);
            session.Fire();
            toInsert.Clear();
        }

        for (var i = 0; i < cases.Length; i++)
        {
            sink.Put(i, cases[i] is { } loanCase ? loanCase.Result!.ToOutcome() : new Outcome(Outcome.Invalid, null, []));
        }
    }

    /// <summary>Loans per session in <see cref="DecideMany"/>: the same as the translated path's batch sessions.</summary>
    private const int SessionSize = 1_024;

    private static bool IsValid(LoanPoco loan) =>
        loan.Amount >= 0m && loan.OverdueDays >= 0 && loan.ExpectedLossRate >= 0m && loan.ExpectedLossRate <= 1m;

    /// <summary>One loan in a session, with its accumulator: the rules that fired on it, and its classification once made.</summary>
    public sealed class LoanCase(LoanPoco loan)
    {
        public LoanPoco Loan { get; } = loan;

        /// <summary>Bit i: rule <c>RuleIds[i]</c> fired.</summary>
        public uint Fired { get; private set; }

        /// <summary>The classification, once the conclude rule has fired.</summary>
        public LoanClassification? Result { get; private set; }

        public void Hit(int rule) => Fired |= 1u << rule;

        /// <summary>The worst grade among the fired rules (normal when none fired; not applicable out of scope).</summary>
        public LoanClassification Classify()
        {
            Result = Loan.Amount <= 5_000_000m
                ? new LoanClassification(this, Outcome.NotApplicable, null, 0)
                : Fired == 0
                    ? new LoanClassification(this, Outcome.Classified, Grades[0], 0)
                    : new LoanClassification(this, Outcome.Classified, Grades[RuleGrade[31 - BitOperations.LeadingZeroCount(Fired)]], Fired);
            return Result;
        }
    }

    /// <summary>The decision about one loan, a fact in the session (a host's rules could match it).</summary>
    public sealed class LoanClassification(LoanCase loanCase, string status, string? grade, uint fired)
    {
        public LoanCase Case { get; } = loanCase;

        public string Status { get; } = status;

        public string? Grade { get; } = grade;

        public uint Fired { get; } = fired;

        /// <summary>The benchmark's outcome, the fired ids shared per fired set (as <see cref="HandWritten.Loan(LoanPoco)"/> does).</summary>
        public Outcome ToOutcome() => new(Status, Grade, FiredIds.Of(Fired));
    }

    // ---- The rules: scope first (the same expression everywhere, one alpha node), then the rule's own condition. ----

    [Name("SM-01")]
    public sealed class Sm01 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.OverdueDays >= 1 && x.Loan.OverdueDays <= 90);
            Then().Do(_ => c.Hit(0));
        }
    }

    [Name("SM-02")]
    public sealed class Sm02 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.FinancialIndicatorsDeteriorating);
            Then().Do(_ => c.Hit(1));
        }
    }

    [Name("SM-03")]
    public sealed class Sm03 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.ContingentLiabilitiesRising);
            Then().Do(_ => c.Hit(2));
        }
    }

    [Name("SM-04")]
    public sealed class Sm04 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.LoanNotUsedAsAgreed);
            Then().Do(_ => c.Hit(3));
        }
    }

    [Name("SM-05")]
    public sealed class Sm05 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.PoorRepaymentWillingness);
            Then().Do(_ => c.Hit(4));
        }
    }

    [Name("SM-06")]
    public sealed class Sm06 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.CollateralValueDeclined);
            Then().Do(_ => c.Hit(5));
        }
    }

    [Name("SM-07")]
    public sealed class Sm07 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.GuarantorFinancesQuestionable);
            Then().Do(_ => c.Hit(6));
        }
    }

    [Name("SUB-01")]
    public sealed class Sub01 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.OverdueDays >= 91 && x.Loan.OverdueDays <= 180);
            Then().Do(_ => c.Hit(7));
        }
    }

    [Name("SUB-02")]
    public sealed class Sub02 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.NetCashFlowNegative);
            Then().Do(_ => c.Hit(8));
        }
    }

    [Name("SUB-03")]
    public sealed class Sub03 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.OperatingLoss && !x.Loan.HasSupplementarySource);
            Then().Do(_ => c.Hit(9));
        }
    }

    [Name("SUB-04")]
    public sealed class Sub04 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.DefaultOnOtherLenders);
            Then().Do(_ => c.Hit(10));
        }
    }

    [Name("SUB-05")]
    public sealed class Sub05 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.RepayingByCollateralSale);
            Then().Do(_ => c.Hit(11));
        }
    }

    [Name("SUB-06")]
    public sealed class Sub06 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.ExpectedLossRate > 0m && x.Loan.ExpectedLossRate < 0.30m);
            Then().Do(_ => c.Hit(12));
        }
    }

    [Name("DBT-01")]
    public sealed class Dbt01 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.OverdueDays >= 181);
            Then().Do(_ => c.Hit(13));
        }
    }

    [Name("DBT-02")]
    public sealed class Dbt02 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.ProductionHalted);
            Then().Do(_ => c.Hit(14));
        }
    }

    [Name("DBT-03")]
    public sealed class Dbt03 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.Insolvent);
            Then().Do(_ => c.Hit(15));
        }
    }

    [Name("DBT-04")]
    public sealed class Dbt04 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.BankSued);
            Then().Do(_ => c.Hit(16));
        }
    }

    [Name("DBT-05")]
    public sealed class Dbt05 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.RestructuredStillOverdue);
            Then().Do(_ => c.Hit(17));
        }
    }

    [Name("DBT-06")]
    public sealed class Dbt06 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.ExpectedLossRate >= 0.30m && x.Loan.ExpectedLossRate <= 0.90m);
            Then().Do(_ => c.Hit(18));
        }
    }

    [Name("LOSS-01")]
    public sealed class Loss01 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.BorrowerDissolved);
            Then().Do(_ => c.Hit(19));
        }
    }

    [Name("LOSS-02")]
    public sealed class Loss02 : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c, x => x.Loan.Amount > 5_000_000m, x => x.Loan.ExpectedLossRate > 0.90m && x.Loan.ExpectedLossRate <= 1.00m);
            Then().Do(_ => c.Hit(20));
        }
    }

    /// <summary>Once per loan, after every hit rule (lower priority): the worst grade, inserted as the decision fact.</summary>
    [Name("loan-five-category: conclude")]
    [Priority(-1_000_000)]
    public sealed class Conclude : Rule
    {
        public override void Define()
        {
            LoanCase c = null!;
            When().Match(() => c);
            Then().Do(ctx => ctx.Insert(c.Classify()));
        }
    }
}
