using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using NRules.RuleModel;
using Tiering.Rules.Fixtures;
using Tiering.Rules.NRules.Tests.HostRules;
using Tiering.Rules.NRules.Tests.Support;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>
/// The translated rule sets in a host's own NRules session, next to its fluent rules: decisions arrive as facts the
/// host's rules match; bound host types are admitted natively; bad facts and run-time failures become decisions.
/// </summary>
public sealed class ComposeTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    [Fact]
    public void HostRule_MatchesALossDecisionOfATranslatedPolicy_FiresForThatLoanOnly()
    {
        var translated = NRulesPolicySet.Create(Shipped);
        var session = HostSession(translated, typeof(EscalateLoss));
        var lost = Loan(overdueDays: 400, expectedLossRate: 0.95m);
        var healthy = Loan(overdueDays: 0);

        translated.Insert(session, "loan-five-category", lost);
        translated.Insert(session, "loan-five-category", healthy);
        session.Fire();

        session.Query<Escalation>().Select(e => e.Loan).Should().ContainSingle().Which.Should().BeSameAs(lost);
        var decisions = session.Query<PolicyDecision>().ToList();
        decisions.Should().HaveCount(2);
        decisions.Single(d => ReferenceEquals(d.Fact, lost)).GradeId.Should().Be("loss");
        decisions.Single(d => ReferenceEquals(d.Fact, healthy)).GradeId.Should().Be("normal");
    }

    [Fact]
    public void BoundType_InsertedNatively_IsAdmittedDecidedAndMatchedByTheHostRule()
    {
        var translated = NRulesPolicySet.Create(Shipped, o => o.Bind<LoanPoco>("loan-five-category"));
        var session = HostSession(translated, typeof(EscalateLoss));
        var lost = Loan(overdueDays: 400, expectedLossRate: 0.95m);

        session.InsertAll(new object[] { lost, Loan(overdueDays: 100), Loan(overdueDays: 0) });
        session.Fire();

        var decisions = session.Query<PolicyDecision>().ToList();
        decisions.Select(d => d.GradeId).Should().BeEquivalentTo(["loss", "substandard", "normal"]);
        decisions.Should().OnlyContain(d => Same.Describe(d.Decision) == Same.Describe(Shipped.Decide("loan-five-category", (LoanPoco)d.Fact, null)));
        session.Query<Escalation>().Should().ContainSingle().Which.Loan.Should().BeSameAs(lost);
    }

    [Fact]
    public void BoundType_InvalidFact_IsDecidedInvalidNamingTheFieldAndNeverReachesTheRules()
    {
        var translated = NRulesPolicySet.Create(Shipped, o => o.Bind<LoanPoco>("loan-five-category"));
        var session = translated.SessionFactory.CreateSession();
        var fired = new List<string>();
        session.Events.RuleFiredEvent += (_, e) => fired.Add(e.Rule.Name);

        session.Insert(Loan(overdueDays: -5));
        session.Fire();

        var decision = session.Query<PolicyDecision>().Should().ContainSingle().Subject;
        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Decision.Errors.Should().ContainSingle().Which.Field.Should().Be("overdueDays");
        session.Query<PolicyFact>().Should().BeEmpty();
        fired.Should().Equal("intake LoanPoco");
    }

    [Fact]
    public void RuleFiredEvents_NameTheAuthorsRuleIds()
    {
        var translated = NRulesPolicySet.Create(Shipped);
        var session = translated.SessionFactory.CreateSession();
        var fired = new List<string>();
        session.Events.RuleFiredEvent += (_, e) => fired.Add(e.Rule.Name);

        translated.Insert(session, "loan-five-category", Loan(overdueDays: 100));
        session.Fire();

        var decision = session.Query<PolicyDecision>().Single().Decision;
        decision.FiredRuleIds.Should().NotBeEmpty();
        fired.Should().BeEquivalentTo([.. decision.FiredRuleIds, "loan-five-category: decide"]);
    }

    [Fact]
    public void Decide_UniqueViolatedInTheSession_IsAConflictDecisionNotAnException()
    {
        var policies = Policies.Load("""
            policy: u
            version: "1"
            fields: { n: { type: integer } }
            grades: [a, b]
            hitPolicy: unique
            accept:
              - { code: TR4002, reason: the overlap is the point of this test }
              - { code: TR4001, reason: n = 1 is not the point }
            rules:
              - { id: U-1, when: n > 1, then: a }
              - { id: U-2, when: n > 2, then: b }
            """);
        var translated = NRulesPolicySet.Create(policies);

        var decision = translated.Decide("u", Policies.Fact(("n", 5)));

        decision.Status.Should().Be(DecisionStatus.Conflict);
        decision.Errors.Should().ContainSingle().Which.Message.Should().Contain("U-1, U-2");
        Same.Describe(decision).Should().Be(Same.Describe(policies.Decide("u", Policies.Fact(("n", 5)))));
    }

    [Fact]
    public void Decide_DivisionByZeroInAScoreItem_IsAnInvalidDecisionNamingTheFailure()
    {
        var policies = Policies.Load("""
            policy: s
            version: "1"
            fields: { a: { type: decimal }, b: { type: decimal } }
            grades: [good, bad]
            hitPolicy: scorecard
            score:
              - { id: S-RATIO, points: "a / b" }
            grading:
              on: score
              edges: lower-inclusive
              rows:
                - { id: G-GOOD, from: 1, grade: good }
                - { id: G-BAD, to: 1, grade: bad }
            """);
        var translated = NRulesPolicySet.Create(policies);
        var fact = Policies.Fact(("a", 1m), ("b", 0m));

        var decision = translated.Decide("s", fact);

        decision.Status.Should().Be(DecisionStatus.Invalid);
        decision.Errors.Should().ContainSingle().Which.Kind.Should().Be(FieldErrorKind.Evaluation);
        Same.Describe(decision).Should().Be(Same.Describe(policies.Decide("s", fact)));
    }

    [Fact]
    public void Explain_OnNRules_GivesTheCompiledEnginesTrace()
    {
        var translated = NRulesPolicySet.Create(Shipped);
        var loan = Loan(overdueDays: 100);

        var onNRules = translated.Explain("loan-five-category", loan);
        var compiled = Shipped.Explain("loan-five-category", loan);

        onNRules.ToString().Should().Be(compiled.ToString());
        onNRules.ToString().Should().Contain("SUB-01");
    }

    [Fact]
    public void Create_BindingAnUnknownPolicy_FailsWithTheDidYouMeanMessage()
    {
        var create = () => NRulesPolicySet.Create(Shipped, o => o.Bind<LoanPoco>("loan-five-categry"));

        create.Should().Throw<KeyNotFoundException>().WithMessage("*loan-five-category*");
    }

    private static ISession HostSession(NRulesPolicySet translated, params Type[] hostRules)
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(hostRules));
        foreach (var set in translated.RuleSets)
        {
            repository.Add(set);
        }

        return new RuleCompiler().Compile(repository.GetRuleSets()).CreateSession();
    }

    private static LoanPoco Loan(int overdueDays, decimal expectedLossRate = 0m) => new() { Amount = 10_000_000m, OverdueDays = overdueDays, ExpectedLossRate = expectedLossRate };
}
