namespace Tiering.Rules.ColdPath;

/// <summary>The loan the first decision is made for: substandard (overdue 95 days) under <c>loan-five-category</c>.</summary>
internal static class Loans
{
    public const string PolicyId = "loan-five-category";

    public static Loan Poco() => new() { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.10m, HasSupplementarySource = true };

    /// <summary>The same loan as a dictionary fact, read by name.</summary>
    public static Dictionary<string, object?> Dictionary()
    {
        var fact = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["amount"] = 12_000_000m,
            ["overdueDays"] = 95,
            ["expectedLossRate"] = 0.10m,
            ["hasSupplementarySource"] = true,
        };
        foreach (var flag in (string[])["financialIndicatorsDeteriorating", "contingentLiabilitiesRising", "loanNotUsedAsAgreed",
            "poorRepaymentWillingness", "collateralValueDeclined", "guarantorFinancesQuestionable", "netCashFlowNegative",
            "operatingLoss", "defaultOnOtherLenders", "repayingByCollateralSale", "productionHalted", "insolvent", "bankSued",
            "restructuredStillOverdue", "borrowerDissolved"])
        {
            fact[flag] = false;
        }

        return fact;
    }
}

/// <summary>A loan as a host declares it: the 19 fields of <c>loan-five-category</c>.</summary>
internal sealed class Loan
{
    public decimal Amount { get; init; }
    public int OverdueDays { get; init; }
    public decimal ExpectedLossRate { get; init; }
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
