namespace Tiering.Rules.Tests.Support;

/// <summary>Builders for facts used across tests.</summary>
internal static class FactBuilders
{
    public static readonly string[] LoanFlags =
    [
        "financialIndicatorsDeteriorating", "contingentLiabilitiesRising", "loanNotUsedAsAgreed", "poorRepaymentWillingness",
        "collateralValueDeclined", "guarantorFinancesQuestionable", "netCashFlowNegative", "operatingLoss",
        "hasSupplementarySource", "defaultOnOtherLenders", "repayingByCollateralSale", "productionHalted", "insolvent",
        "bankSued", "restructuredStillOverdue", "borrowerDissolved",
    ];

    /// <summary>A healthy in-scope loan with every flag false; override with <paramref name="changes"/>.</summary>
    public static Dictionary<string, object?> Loan(params (string Key, object? Value)[] changes)
    {
        var fact = new Dictionary<string, object?>
        {
            ["amount"] = 10_000_000m,
            ["overdueDays"] = 0,
            ["expectedLossRate"] = 0m,
        };
        foreach (var flag in LoanFlags)
        {
            fact[flag] = false;
        }

        foreach (var (key, value) in changes)
        {
            fact[key] = value;
        }

        return fact;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> fact, string key)
    {
        var copy = new Dictionary<string, object?>(fact);
        copy.Remove(key);
        return copy;
    }
}
