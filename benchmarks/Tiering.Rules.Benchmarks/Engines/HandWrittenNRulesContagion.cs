using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using NRules.RuleModel;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// 第七条's contagion written by hand as an NRules fluent rule, the way an NRules user who already has the translated
/// <c>loan-risk-regulatory</c> writes it: the baseline of <c>loan-risk-portfolio</c> on the NRules backend
/// (<see cref="PortfolioOnNRules"/>), with the same result per loan (status, grade, fired rule ids).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each loan's own category is decided in the session by the translated <c>loan-risk-regulatory</c> (the loan type is
/// bound to it, so loans are inserted natively and a <see cref="PolicyDecision"/> follows each): what the user composes
/// with, not written again.</item>
/// <item>One fluent rule per debtor: the regulatory decisions grouped by debtor (<c>Query(…).GroupBy(…)</c>), the
/// debtor's non-performing share and constant <c>nonRetail</c> computed with <c>Let</c>, and <c>Having</c> the share over
/// 0.10 for a non-retail debtor; its action floors every loan of the debtor at substandard. A second rule marks debtors
/// whose loans disagree on <c>nonRetail</c>, which make every loan of the debtor invalid (as the policy's constant field).</item>
/// <item>Sessions of about a thousand loans made of whole debtors (a group must be complete before its share means
/// anything); the result per loan is read back after <c>Fire</c>: the own category (rule <c>OWN-*</c>) and the contagion (<c>ART7-CONTAGION</c>).</item>
/// </list>
/// Invalid loans (failing <c>loan-risk-regulatory</c>'s validation) are not counted, as the policy says; the benchmark's
/// book has none, and the agreement check in <see cref="PortfolioOnNRules"/> compares every loan with the policy.
/// </remarks>
public static class HandWrittenNRulesContagion
{
    private static readonly string[] Grades = ["normal", "special_mention", "substandard", "doubtful", "loss"];
    private static readonly string?[] OwnRule = [null, "OWN-SM", "OWN-SUB", "OWN-DBT", "OWN-LOSS"];

    /// <summary>
    /// The translated regulatory rules (only <c>loan-risk-regulatory</c>'s versions, loaded from
    /// <paramref name="rulesDirectory"/>; loans bound natively) and the hand-written rules, compiled into one factory.
    /// </summary>
    public static ISessionFactory Compile(string rulesDirectory, DateOnly asOf)
    {
        var regulatory = PolicySet.LoadFiles(Directory.GetFiles(rulesDirectory, "loan-risk-regulatory-*.yaml"));
        var translated = NRulesPolicySet.Create(regulatory, o =>
        {
            o.Bind<PortfolioLoan>("loan-risk-regulatory");
            o.AsOf = asOf;
        });
        var repository = new RuleRepository();
        repository.Load(spec => spec.From(typeof(DebtorContagion), typeof(DebtorDisagrees)).NestedTypes(true));
        foreach (var set in translated.RuleSets)
        {
            repository.Add(set);
        }

        return new RuleCompiler().Compile(repository.GetRuleSets());
    }

    /// <summary>
    /// Decides the book in sessions of about <see cref="SessionSize"/> loans made of whole debtors (a debtor's share needs
    /// all its loans in one session; NRules' cost per fact grows with the session, so a careful user does not put a whole
    /// book in one); the outcomes, in input order.
    /// </summary>
    public static Outcome[] Decide(ISessionFactory factory, PortfolioLoan[] book)
    {
        var outcomes = new Outcome[book.Length];
        var byDebtor = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var debtorsInOrder = new List<List<int>>();
        for (var i = 0; i < book.Length; i++)
        {
            if (!byDebtor.TryGetValue(book[i].DebtorId, out var loans))
            {
                loans = [];
                byDebtor[book[i].DebtorId] = loans;
                debtorsInOrder.Add(loans);
            }

            loans.Add(i);
        }

        var chunk = new List<int>(SessionSize + 32);
        foreach (var loans in debtorsInOrder)
        {
            chunk.AddRange(loans);
            if (chunk.Count >= SessionSize)
            {
                DecideChunk(factory, book, chunk, outcomes);
                chunk.Clear();
            }
        }

        DecideChunk(factory, book, chunk, outcomes);
        return outcomes;
    }

    /// <summary>Loans per session, about: as the translated path's and the single-loan hand-written baseline's batches.</summary>
    private const int SessionSize = 1_024;

    private static void DecideChunk(ISessionFactory factory, PortfolioLoan[] book, List<int> chunk, Outcome[] outcomes)
    {
        var session = factory.CreateSession();
        var debtors = new Debtors();
        session.Insert(debtors);
        foreach (var i in chunk)
        {
            session.Insert(book[i]);
        }

        session.Fire();

        var own = new Dictionary<PortfolioLoan, Decision>(chunk.Count, ReferenceEqualityComparer.Instance);
        foreach (var decision in session.Query<PolicyDecision>())
        {
            own[(PortfolioLoan)decision.Fact] = decision.Decision;
        }

        foreach (var i in chunk)
        {
            var loan = book[i];
            var decision = own[loan];
            if (decision.Status != DecisionStatus.Classified || debtors.Disagreeing.Contains(loan.DebtorId))
            {
                outcomes[i] = new Outcome(Outcome.Invalid, null, []);
                continue;
            }

            var grade = decision.Grade!.Rank;
            var fired = new List<string>(2);
            if (OwnRule[grade] is { } rule)
            {
                fired.Add(rule);
            }

            if (debtors.Contagious.Contains(loan.DebtorId))
            {
                fired.Add("ART7-CONTAGION");
                grade = Math.Max(grade, 2);
            }

            outcomes[i] = new Outcome(Outcome.Classified, Grades[grade], fired);
        }
    }

    /// <summary>What the rules found per debtor (a fact in the session, so the actions can reach it).</summary>
    public sealed class Debtors
    {
        public HashSet<string> Contagious { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Disagreeing { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The share of a debtor's valid balance whose own category is substandard, doubtful or loss (0 for a zero total: no share).</summary>
    public static decimal NpShare(IEnumerable<PolicyDecision> loans)
    {
        decimal part = 0, whole = 0;
        foreach (var d in loans)
        {
            var balance = ((PortfolioLoan)d.Fact).Balance;
            whole += balance;
            if (d.Decision.Grade!.Rank >= 2)
            {
                part += balance;
            }
        }

        return whole == 0 ? 0 : part / whole;
    }

    /// <summary>Below every translated rule (the decide rules are at -1,000,000), so each debtor's group is complete when it fires.</summary>
    private const int AfterDecisions = -2_000_000;

    [Name("ART7-CONTAGION")]
    [Priority(AfterDecisions)]
    public sealed class DebtorContagion : Rule
    {
        public override void Define()
        {
            Debtors debtors = null!;
            IGrouping<string, PolicyDecision> loans = null!;
            decimal share = 0;
            When()
                .Match(() => debtors)
                .Query(() => loans, q => q
                    .Match<PolicyDecision>(d => d.PolicyId == "loan-risk-regulatory", d => d.Status == DecisionStatus.Classified)
                    .GroupBy(d => ((PortfolioLoan)d.Fact).DebtorId))
                .Let(() => share, () => NpShare(loans))
                .Having(() => share > 0.10m && loans.All(d => ((PortfolioLoan)d.Fact).NonRetail));
            Then().Do(_ => debtors.Contagious.Add(loans.Key));
        }
    }

    [Name("NONRETAIL-CONSTANT")]
    [Priority(AfterDecisions)]
    public sealed class DebtorDisagrees : Rule
    {
        public override void Define()
        {
            Debtors debtors = null!;
            IGrouping<string, PolicyDecision> loans = null!;
            When()
                .Match(() => debtors)
                .Query(() => loans, q => q
                    .Match<PolicyDecision>(d => d.PolicyId == "loan-risk-regulatory", d => d.Status == DecisionStatus.Classified)
                    .GroupBy(d => ((PortfolioLoan)d.Fact).DebtorId)
                    .Where(g => g.Any(d => ((PortfolioLoan)d.Fact).NonRetail) && g.Any(d => !((PortfolioLoan)d.Fact).NonRetail)));
            Then().Do(_ => debtors.Disagreeing.Add(loans.Key));
        }
    }
}
