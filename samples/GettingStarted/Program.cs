// The README quick start, a complete program: load the shipped policies, decide a few facts, print what came out and
// why. The README's C# block is the part between the markers, and a test compiles and runs it as pasted into a new
// console app on net8.0 and net10.0 (Tiering.Rules.Tests, ReadmeTests).
//
//   dotnet run --project samples/GettingStarted [-- <rules directory>]     (from the repository root: rules/)
//
// <quickstart>
using System.Text;
using System.Text.Json;
using Tiering.Rules;

Console.OutputEncoding = Encoding.UTF8;   // grade labels and citations are Chinese

// Load every policy in a directory once (the rules/ folder beside you, or args[0]); PolicySet is immutable and
// thread-safe. A bad policy file throws PolicyLoadException carrying every diagnostic (namespace
// Tiering.Rules.Diagnostics); PolicyLoader.LoadDirectory returns the diagnostics without throwing.
PolicySet policies = PolicySet.LoadDirectory(args.Length > 0 ? args[0] : "rules");

// 1. A fact as a dictionary. Every declared field is required: a missing flag is an error, never false.
var loan = new Dictionary<string, object?>
{
    ["amount"] = 12_000_000m,
    ["overdueDays"] = 95,
    ["expectedLossRate"] = 0.10m,
    ["financialIndicatorsDeteriorating"] = false, ["contingentLiabilitiesRising"] = false,
    ["loanNotUsedAsAgreed"] = false, ["poorRepaymentWillingness"] = false,
    ["collateralValueDeclined"] = false, ["guarantorFinancesQuestionable"] = false,
    ["netCashFlowNegative"] = false, ["operatingLoss"] = false, ["hasSupplementarySource"] = false,
    ["defaultOnOtherLenders"] = false, ["repayingByCollateralSale"] = false,
    ["productionHalted"] = false, ["insolvent"] = false, ["bankSued"] = false,
    ["restructuredStillOverdue"] = false, ["borrowerDissolved"] = false,
};
Print("loan as a dictionary", policies.Decide("loan-five-category", loan));

// 2. The same policy with your own type: properties match the policy's fields by name, ignoring case.
var poco = new Loan(
    Amount: 30_000_000m, OverdueDays: 200, ExpectedLossRate: 0.45m,
    FinancialIndicatorsDeteriorating: false, ContingentLiabilitiesRising: false, LoanNotUsedAsAgreed: false,
    PoorRepaymentWillingness: true, CollateralValueDeclined: false, GuarantorFinancesQuestionable: false,
    NetCashFlowNegative: false, OperatingLoss: false, HasSupplementarySource: true, DefaultOnOtherLenders: false,
    RepayingByCollateralSale: false, ProductionHalted: false, Insolvent: false, BankSued: true,
    RestructuredStillOverdue: false, BorrowerDissolved: false);
Print("loan as a record", policies.Decide("loan-five-category", poco));

// 3. JSON straight from a file, a queue or an HTTP body; fields the policy does not declare (id) are ignored.
using JsonDocument json = JsonDocument.Parse("""{ "id": "C-1024", "aum": 1280000.50 }""");
JsonElement customer = json.RootElement;
Print("retail customer as JSON", policies.Decide("retail-aum-tier", customer));

// 4. Bad data never throws: the decision is Invalid and each error names its field.
var incomplete = new Dictionary<string, object?>(loan);
incomplete.Remove("overdueDays");
Print("loan without overdueDays", policies.Decide("loan-five-category", incomplete));

// 5. Why, with the values each rule read: Explain decides again and keeps every value (for people, not for bulk).
DecisionTrace trace = policies.Explain("loan-five-category", poco);
Console.WriteLine(trace);

static void Print(string title, Decision decision)
{
    Console.WriteLine($"{title} -> {decision.PolicyId} version {decision.PolicyVersion}");
    Console.WriteLine($"  status:   {decision.Status}");
    if (decision.Grade is { } grade)
    {
        Console.WriteLine($"  grade:    {grade.Id} ({grade.Label})");
    }

    if (decision.FiredRuleIds.Count > 0)
    {
        Console.WriteLine($"  fired:    {string.Join(", ", decision.FiredRuleIds)}");
    }

    foreach (FiredRule rule in decision.FiredRules)   // each fired rule with its grade, citation and the fields it reads
    {
        Console.WriteLine($"    {rule.Id} -> {rule.Grade?.Id}, because {rule.Because}");
        Console.WriteLine($"      reads: {string.Join(", ", rule.Reads)}");
    }

    foreach (var (name, value) in decision.Outputs)
    {
        Console.WriteLine($"  output:   {name} = {value}");
    }

    foreach (FieldError error in decision.Errors)
    {
        Console.WriteLine($"  error:    {error.Field} ({error.Kind}): {error.Message}");
    }

    Console.WriteLine();
}

/// <summary>A loan as your application might already have it.</summary>
sealed record Loan(
    decimal Amount, int OverdueDays, decimal ExpectedLossRate,
    bool FinancialIndicatorsDeteriorating, bool ContingentLiabilitiesRising, bool LoanNotUsedAsAgreed,
    bool PoorRepaymentWillingness, bool CollateralValueDeclined, bool GuarantorFinancesQuestionable,
    bool NetCashFlowNegative, bool OperatingLoss, bool HasSupplementarySource, bool DefaultOnOtherLenders,
    bool RepayingByCollateralSale, bool ProductionHalted, bool Insolvent, bool BankSued,
    bool RestructuredStillOverdue, bool BorrowerDissolved);
// </quickstart>
