// The one declaration of the 19-field loan fact, shared as a linked source file (<Compile Include="…" Link="…" />) by
// the unit tests, the Native AOT smoke program and the benchmarks: each compiles it into its own assembly, so no test
// project depends on another and a cold-start measurement loads no extra assembly. Samples keep their own types, written
// out where a reader sees them.
using System.Globalization;
using System.Text;

namespace Tiering.Rules.Fixtures;

/// <summary>
/// A corporate loan for <c>rules/loan-five-category.yaml</c> as a host holds it: a POCO with one property per policy
/// field, named as the field in PascalCase (fields match properties case-insensitively), the overdue days as an
/// <see cref="int"/>. Settable, so that workloads can be generated characteristic by characteristic.
/// </summary>
public sealed class LoanPoco
{
    public decimal Amount { get; set; }

    public int OverdueDays { get; set; }

    public decimal ExpectedLossRate { get; set; }

    public bool FinancialIndicatorsDeteriorating { get; set; }

    public bool ContingentLiabilitiesRising { get; set; }

    public bool LoanNotUsedAsAgreed { get; set; }

    public bool PoorRepaymentWillingness { get; set; }

    public bool CollateralValueDeclined { get; set; }

    public bool GuarantorFinancesQuestionable { get; set; }

    public bool NetCashFlowNegative { get; set; }

    public bool OperatingLoss { get; set; }

    public bool HasSupplementarySource { get; set; }

    public bool DefaultOnOtherLenders { get; set; }

    public bool RepayingByCollateralSale { get; set; }

    public bool ProductionHalted { get; set; }

    public bool Insolvent { get; set; }

    public bool BankSued { get; set; }

    public bool RestructuredStillOverdue { get; set; }

    public bool BorrowerDissolved { get; set; }

    /// <summary>The same loan as a dictionary fact, keyed by the policy's field names, in the policy's order (no reflection, so it survives trimming).</summary>
    /// <summary>
    /// The loan as a read-only dictionary of another type than <see cref="AsDictionary"/>: decided only by the general
    /// (frame) path, since typed kernels read <c>Dictionary&lt;string, object?&gt;</c> alone; the reference in tests that
    /// compare a typed kernel with the general path.
    /// </summary>
    public System.Collections.ObjectModel.ReadOnlyDictionary<string, object?> AsGeneralDictionary() => new(AsDictionary());

    public Dictionary<string, object?> AsDictionary() => new()
    {
        ["amount"] = Amount,
        ["overdueDays"] = OverdueDays,
        ["expectedLossRate"] = ExpectedLossRate,
        ["financialIndicatorsDeteriorating"] = FinancialIndicatorsDeteriorating,
        ["contingentLiabilitiesRising"] = ContingentLiabilitiesRising,
        ["loanNotUsedAsAgreed"] = LoanNotUsedAsAgreed,
        ["poorRepaymentWillingness"] = PoorRepaymentWillingness,
        ["collateralValueDeclined"] = CollateralValueDeclined,
        ["guarantorFinancesQuestionable"] = GuarantorFinancesQuestionable,
        ["netCashFlowNegative"] = NetCashFlowNegative,
        ["operatingLoss"] = OperatingLoss,
        ["hasSupplementarySource"] = HasSupplementarySource,
        ["defaultOnOtherLenders"] = DefaultOnOtherLenders,
        ["repayingByCollateralSale"] = RepayingByCollateralSale,
        ["productionHalted"] = ProductionHalted,
        ["insolvent"] = Insolvent,
        ["bankSued"] = BankSued,
        ["restructuredStillOverdue"] = RestructuredStillOverdue,
        ["borrowerDissolved"] = BorrowerDissolved,
    };

    /// <summary>The numbers and the flags that are set, for disagreement messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"amount={Amount} overdueDays={OverdueDays} expectedLossRate={ExpectedLossRate}"));
        foreach (var (name, value) in AsDictionary())
        {
            if (value is true)
            {
                text.Append(' ').Append(name);
            }
        }

        return text.ToString();
    }
}
