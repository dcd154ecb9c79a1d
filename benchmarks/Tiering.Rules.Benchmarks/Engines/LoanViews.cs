using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// A loan's values as the hand-written classifier reads them. Implemented by structs, so the JIT specialises the
/// classifier for each and a POCO's properties are read as directly as before.
/// </summary>
public interface ILoanView
{
    decimal Amount { get; }
    int OverdueDays { get; }
    decimal ExpectedLossRate { get; }
    bool FinancialIndicatorsDeteriorating { get; }
    bool ContingentLiabilitiesRising { get; }
    bool LoanNotUsedAsAgreed { get; }
    bool PoorRepaymentWillingness { get; }
    bool CollateralValueDeclined { get; }
    bool GuarantorFinancesQuestionable { get; }
    bool NetCashFlowNegative { get; }
    bool OperatingLoss { get; }
    bool HasSupplementarySource { get; }
    bool DefaultOnOtherLenders { get; }
    bool RepayingByCollateralSale { get; }
    bool ProductionHalted { get; }
    bool Insolvent { get; }
    bool BankSued { get; }
    bool RestructuredStillOverdue { get; }
    bool BorrowerDissolved { get; }
}

/// <summary>A POCO loan, read property by property.</summary>
public readonly struct PocoLoan(LoanPoco loan) : ILoanView
{
    public decimal Amount => loan.Amount;
    public int OverdueDays => loan.OverdueDays;
    public decimal ExpectedLossRate => loan.ExpectedLossRate;
    public bool FinancialIndicatorsDeteriorating => loan.FinancialIndicatorsDeteriorating;
    public bool ContingentLiabilitiesRising => loan.ContingentLiabilitiesRising;
    public bool LoanNotUsedAsAgreed => loan.LoanNotUsedAsAgreed;
    public bool PoorRepaymentWillingness => loan.PoorRepaymentWillingness;
    public bool CollateralValueDeclined => loan.CollateralValueDeclined;
    public bool GuarantorFinancesQuestionable => loan.GuarantorFinancesQuestionable;
    public bool NetCashFlowNegative => loan.NetCashFlowNegative;
    public bool OperatingLoss => loan.OperatingLoss;
    public bool HasSupplementarySource => loan.HasSupplementarySource;
    public bool DefaultOnOtherLenders => loan.DefaultOnOtherLenders;
    public bool RepayingByCollateralSale => loan.RepayingByCollateralSale;
    public bool ProductionHalted => loan.ProductionHalted;
    public bool Insolvent => loan.Insolvent;
    public bool BankSued => loan.BankSued;
    public bool RestructuredStillOverdue => loan.RestructuredStillOverdue;
    public bool BorrowerDissolved => loan.BorrowerDissolved;
}

/// <summary>
/// A loan read out of a string-keyed dictionary or a JSON object into fields, once, as a careful host does: every key
/// looked up by its exact name, every value of the exact expected type, or the read fails (the loan is invalid).
/// </summary>
public struct LoanValues : ILoanView
{
    public decimal Amount { get; private set; }
    public int OverdueDays { get; private set; }
    public decimal ExpectedLossRate { get; private set; }
    public bool FinancialIndicatorsDeteriorating { get; private set; }
    public bool ContingentLiabilitiesRising { get; private set; }
    public bool LoanNotUsedAsAgreed { get; private set; }
    public bool PoorRepaymentWillingness { get; private set; }
    public bool CollateralValueDeclined { get; private set; }
    public bool GuarantorFinancesQuestionable { get; private set; }
    public bool NetCashFlowNegative { get; private set; }
    public bool OperatingLoss { get; private set; }
    public bool HasSupplementarySource { get; private set; }
    public bool DefaultOnOtherLenders { get; private set; }
    public bool RepayingByCollateralSale { get; private set; }
    public bool ProductionHalted { get; private set; }
    public bool Insolvent { get; private set; }
    public bool BankSued { get; private set; }
    public bool RestructuredStillOverdue { get; private set; }
    public bool BorrowerDissolved { get; private set; }

    /// <summary>Reads a dictionary with <c>TryGetValue</c> and a type test per key.</summary>
    public static bool TryRead(Dictionary<string, object?> d, out LoanValues v)
    {
        v = default;
        var ok = true;
        v.Amount = Number(d, "amount", ref ok);
        v.OverdueDays = Whole(d, "overdueDays", ref ok);
        v.ExpectedLossRate = Number(d, "expectedLossRate", ref ok);
        v.FinancialIndicatorsDeteriorating = Flag(d, "financialIndicatorsDeteriorating", ref ok);
        v.ContingentLiabilitiesRising = Flag(d, "contingentLiabilitiesRising", ref ok);
        v.LoanNotUsedAsAgreed = Flag(d, "loanNotUsedAsAgreed", ref ok);
        v.PoorRepaymentWillingness = Flag(d, "poorRepaymentWillingness", ref ok);
        v.CollateralValueDeclined = Flag(d, "collateralValueDeclined", ref ok);
        v.GuarantorFinancesQuestionable = Flag(d, "guarantorFinancesQuestionable", ref ok);
        v.NetCashFlowNegative = Flag(d, "netCashFlowNegative", ref ok);
        v.OperatingLoss = Flag(d, "operatingLoss", ref ok);
        v.HasSupplementarySource = Flag(d, "hasSupplementarySource", ref ok);
        v.DefaultOnOtherLenders = Flag(d, "defaultOnOtherLenders", ref ok);
        v.RepayingByCollateralSale = Flag(d, "repayingByCollateralSale", ref ok);
        v.ProductionHalted = Flag(d, "productionHalted", ref ok);
        v.Insolvent = Flag(d, "insolvent", ref ok);
        v.BankSued = Flag(d, "bankSued", ref ok);
        v.RestructuredStillOverdue = Flag(d, "restructuredStillOverdue", ref ok);
        v.BorrowerDissolved = Flag(d, "borrowerDissolved", ref ok);
        return ok;
    }

    /// <summary>
    /// Reads a JSON object with <c>TryGetProperty</c> per field (as System.Text.Json's documentation shows it), the
    /// numbers with <c>TryGetDecimal</c>/<c>TryGetInt32</c>, the flags by their kind.
    /// </summary>
    public static bool TryRead(JsonElement o, out LoanValues v)
    {
        v = default;
        var ok = o.ValueKind == JsonValueKind.Object;
        if (!ok)
        {
            return false;
        }

        v.Amount = Number(o, "amount", ref ok);
        v.OverdueDays = Whole(o, "overdueDays", ref ok);
        v.ExpectedLossRate = Number(o, "expectedLossRate", ref ok);
        v.FinancialIndicatorsDeteriorating = Flag(o, "financialIndicatorsDeteriorating", ref ok);
        v.ContingentLiabilitiesRising = Flag(o, "contingentLiabilitiesRising", ref ok);
        v.LoanNotUsedAsAgreed = Flag(o, "loanNotUsedAsAgreed", ref ok);
        v.PoorRepaymentWillingness = Flag(o, "poorRepaymentWillingness", ref ok);
        v.CollateralValueDeclined = Flag(o, "collateralValueDeclined", ref ok);
        v.GuarantorFinancesQuestionable = Flag(o, "guarantorFinancesQuestionable", ref ok);
        v.NetCashFlowNegative = Flag(o, "netCashFlowNegative", ref ok);
        v.OperatingLoss = Flag(o, "operatingLoss", ref ok);
        v.HasSupplementarySource = Flag(o, "hasSupplementarySource", ref ok);
        v.DefaultOnOtherLenders = Flag(o, "defaultOnOtherLenders", ref ok);
        v.RepayingByCollateralSale = Flag(o, "repayingByCollateralSale", ref ok);
        v.ProductionHalted = Flag(o, "productionHalted", ref ok);
        v.Insolvent = Flag(o, "insolvent", ref ok);
        v.BankSued = Flag(o, "bankSued", ref ok);
        v.RestructuredStillOverdue = Flag(o, "restructuredStillOverdue", ref ok);
        v.BorrowerDissolved = Flag(o, "borrowerDissolved", ref ok);
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static decimal Number(Dictionary<string, object?> d, string key, ref bool ok)
    {
        if (d.TryGetValue(key, out var raw) && raw is decimal value)
        {
            return value;
        }

        ok = false;
        return 0m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Whole(Dictionary<string, object?> d, string key, ref bool ok)
    {
        if (d.TryGetValue(key, out var raw) && raw is int value)
        {
            return value;
        }

        ok = false;
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Flag(Dictionary<string, object?> d, string key, ref bool ok)
    {
        if (d.TryGetValue(key, out var raw) && raw is bool value)
        {
            return value;
        }

        ok = false;
        return false;
    }

    private static decimal Number(JsonElement o, string key, ref bool ok)
    {
        if (o.TryGetProperty(key, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDecimal(out var value))
        {
            return value;
        }

        ok = false;
        return 0m;
    }

    private static int Whole(JsonElement o, string key, ref bool ok)
    {
        if (o.TryGetProperty(key, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var value))
        {
            return value;
        }

        ok = false;
        return 0;
    }

    private static bool Flag(JsonElement o, string key, ref bool ok)
    {
        if (o.TryGetProperty(key, out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return p.ValueKind == JsonValueKind.True;
        }

        ok = false;
        return false;
    }
}
