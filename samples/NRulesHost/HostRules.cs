using NRules.Fluent.Dsl;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Samples.NRulesHost;

/// <summary>
/// The host's loan, as its core system holds it: one property per policy field (matched case-insensitively), the
/// sixteen qualitative flags false unless set. The policy reads only the fields it declares; <see cref="Id"/> is the
/// host's own.
/// </summary>
public sealed record Loan(string Id, decimal Amount, int OverdueDays, decimal ExpectedLossRate)
{
    public bool FinancialIndicatorsDeteriorating { get; init; }
    public bool ContingentLiabilitiesRising { get; init; }
    public bool LoanNotUsedAsAgreed { get; init; }
    public bool PoorRepaymentWillingness { get; init; }
    public bool CollateralValueDeclined { get; init; }
    public bool GuarantorFinancesQuestionable { get; init; }
    public bool NetCashFlowNegative { get; init; }
    public bool OperatingLoss { get; init; }
    public bool HasSupplementarySource { get; init; }
    public bool DefaultOnOtherLenders { get; init; }
    public bool RepayingByCollateralSale { get; init; }
    public bool ProductionHalted { get; init; }
    public bool Insolvent { get; init; }
    public bool BankSued { get; init; }
    public bool RestructuredStillOverdue { get; init; }
    public bool BorrowerDissolved { get; init; }
}

/// <summary>What the host's rule decides to do: a fact of its own.</summary>
public sealed record CreditLineFrozen(Loan Loan, string Reason);

/// <summary>The host's own C# rule: a loan the YAML policy classifies as a loss gets its credit line frozen.</summary>
public sealed class FreezeCreditLineOnLoss : Rule
{
    public override void Define()
    {
        PolicyDecision decision = null!;
        When().Match(() => decision, d => d.PolicyId == "loan-five-category" && d.GradeId == "loss");
        Then().Do(ctx => ctx.Insert(new CreditLineFrozen((Loan)decision.Fact, $"classified loss by {string.Join(", ", decision.Decision.FiredRuleIds)}")));
    }
}
