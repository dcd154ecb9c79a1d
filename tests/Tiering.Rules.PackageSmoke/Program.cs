using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Tiering.Rules;

// Decides one loan through the package and reports which Tiering.Rules.dll the host loaded; exits 1 on any surprise.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Tiering.Rules.PackageSmoke <rules directory>");
    return 2;
}

var policies = PolicySet.LoadFiles([Path.Combine(args[0], "loan-five-category.yaml")]);
var loan = new Loan { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.10m, HasSupplementarySource = true };
var decision = policies.Decide("loan-five-category", loan);
Console.WriteLine($"decided through the package: {decision}");
if (decision.Grade?.Id != "substandard")
{
    Console.Error.WriteLine($"error: the loan came out {decision.Grade?.Id ?? "without a grade"}, not substandard");
    return 1;
}

// The runtime identifiers the package is precompiled for (TieringReadyToRunRuntimeIdentifiers, Directory.Build.props).
var precompiledFor = typeof(Loan).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "TieringReadyToRunRuntimeIdentifiers").Value!.Split(';');
var rid = RuntimeInformation.RuntimeIdentifier;
var location = typeof(PolicySet).Assembly.Location;
using var image = new PEReader(File.OpenRead(location));
var precompiled = image.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
Console.WriteLine($"{rid} host loaded {location}: {(precompiled ? "precompiled (ReadyToRun) image" : "IL only")}");
if (precompiled != precompiledFor.Contains(rid))
{
    Console.Error.WriteLine($"error: on {rid} the package should give the {(precompiled ? "IL assembly" : "precompiled image")}");
    return 1;
}

return 0;

/// <summary>A corporate loan; the policy's other fields are flags that default to false.</summary>
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
