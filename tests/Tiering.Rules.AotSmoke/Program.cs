// The engine under Native AOT: everything a host does with it must work without a JIT and after trimming, with the
// same results as under the JIT. Exit code 0 when every check passed, 1 otherwise (each failure is printed).
//
//   dotnet publish tests/Tiering.Rules.AotSmoke -c Release -o <dir> && <dir>/Tiering.Rules.AotSmoke <rules directory>
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Tiering.Rules;
using Tiering.Rules.Fixtures;
using Tiering.Rules.Testing;

var rules = args.Length > 0 ? args[0] : "rules";
var failures = new List<string>();
void Check(bool ok, string what)
{
    if (!ok)
    {
        failures.Add(what);
        Console.Error.WriteLine($"FAIL {what}");
    }
}

Console.WriteLine($"generated code: {(RuntimeFeature.IsDynamicCodeCompiled ? "compiled (JIT)" : "none (Native AOT, or PublishAot under dotnet run)")}");

// 1. The loan policy from nothing to its first decision (the cold start a host sees), then the whole directory.
var clock = Stopwatch.StartNew();
var loanOnly = PolicySet.LoadFiles([Path.Combine(rules, "loan-five-category.yaml")]);
var first = Facts.DecideOne(loanOnly, Facts.Loan(1));
Console.WriteLine($"loan policy loaded and first fact decided in {clock.Elapsed.TotalMilliseconds:F1} ms ({first})");

var load = PolicyLoader.LoadDirectory(rules);
Check(load.Succeeded, $"loading {rules}: {string.Join("; ", load.Errors)}");
if (load.PolicySet is not { } policies)
{
    return 1;
}

Console.WriteLine($"{policies.Policies.Count} policies loaded from {rules}");

// 2. Every policy test case shipped with the rules.
var run = PolicyTestRunner.Run(policies, PolicyTestFile.Find(rules));
var results = run.Results;
foreach (var diagnostic in run.Diagnostics)
{
    Check(diagnostic.Severity != Tiering.Rules.Diagnostics.DiagnosticSeverity.Error, $"test file: {diagnostic}");
}

foreach (var result in results.Where(r => !r.Passed))
{
    Check(false, $"{result.Case}: {string.Join("; ", result.Failures)}");
}

Check(results.Count > 0, "no policy test case was found");
Console.WriteLine($"{results.Count(r => r.Passed)} of {results.Count} policy test cases passed");

// 3. POCO facts (their properties kept by the generic Decide/DecideMany, read through typed getter delegates) decide
//    exactly as the same facts as dictionaries do; so do JSON facts; Explain agrees with Decide.
const int Count = 2_000;
var failedBefore = failures.Count;
var loans = Enumerable.Range(0, Count).Select(Facts.Loan).ToList();
var asDictionaries = loans.Select(loan => loan.AsDictionary()).ToList();
var batch = policies.DecideMany("loan-five-category", loans);
for (var i = 0; i < Count; i++)
{
    var expected = policies.Decide("loan-five-category", asDictionaries[i]).ToString();
    Check(batch[i].ToString() == expected, $"loan {i}: DecideMany of the POCO gave {batch[i]}, the dictionary {expected}");
    var single = Facts.DecideOne(policies, loans[i]);
    Check(single.ToString() == expected, $"loan {i}: Decide of the POCO gave {single}, the dictionary {expected}");
    var json = policies.Decide("loan-five-category", JsonSerializer.SerializeToElement(asDictionaries[i], FactJson.Default.DictionaryStringObject));
    Check(json.ToString() == expected, $"loan {i}: the JSON fact gave {json}, the dictionary {expected}");
}

var trace = policies.Explain("loan-five-category", asDictionaries[7]);
Check(trace.Decision.ToString() == policies.Decide("loan-five-category", asDictionaries[7]).ToString(), "Explain disagrees with Decide");
Console.WriteLine($"{Count} loans as POCOs (single and batch), dictionaries and JSON: {failures.Count - failedBefore} disagreements");

// 4. A POCO passed as object: nothing tells the trimmer to keep its properties, so they are gone, and the decision
//    must say so by field name (invalid), never decide on defaults. Without trimming its three properties are read
//    and the sixteen flags it lacks are reported missing instead. Either way: invalid, each error naming a field.
object untyped = new UnkeptLoan { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.1m };
var unkept = policies.Decide("loan-five-category", untyped);
var declared = policies.Policies.First(p => p.Id == "loan-five-category").Fields.Select(f => f.Name).ToHashSet();
var trimmed = unkept.Errors.Any(e => e.Field == "amount");
Check(
    unkept.Status == DecisionStatus.Invalid && unkept.Grade is null && unkept.Errors.Count == (trimmed ? 19 : 16) && unkept.Errors.All(e => declared.Contains(e.Field)),
    $"a fact passed as object gave {unkept} ({string.Join("; ", unkept.Errors.Select(e => e.Message))})");
Console.WriteLine($"fact passed as object: {unkept.Status}, {unkept.Errors.Count} fields reported missing ({(trimmed ? "its properties were trimmed" : "its properties are there")})");

Console.WriteLine(failures.Count == 0 ? "all checks passed" : $"{failures.Count} checks failed");
return failures.Count == 0 ? 0 : 1;

/// <summary>A fact type only ever passed as object: nothing preserves its properties, so trimming removes them.</summary>
internal sealed class UnkeptLoan
{
    public decimal Amount { get; init; }
    public int OverdueDays { get; init; }
    public decimal ExpectedLossRate { get; init; }
}

internal static class Facts
{
    private static readonly int[] OverdueEdges = [0, 1, 90, 91, 180, 181, 400];
    private static readonly decimal[] RateEdges = [0m, 0.2999m, 0.30m, 0.90m, 0.9001m, 1.00m];

    /// <summary>Deciding one POCO: <c>Decide&lt;LoanPoco&gt;</c> tells the trimmer to keep its properties, nothing else is needed.</summary>
    public static Decision DecideOne(PolicySet policies, LoanPoco loan) => policies.Decide("loan-five-category", loan);

    /// <summary>Loan <paramref name="i"/> of a fixed sequence: band edges, flags and amounts on both sides of the scope.</summary>
    public static LoanPoco Loan(int i)
    {
        var bits = (uint)(i * 2_654_435_761u);
        return new LoanPoco
        {
            Amount = i % 10 == 0 ? 5_000_000m : 5_000_000m + (i % 7) * 1_250_000.5m,
            OverdueDays = OverdueEdges[i % OverdueEdges.Length] + (i % 13 == 0 ? 3 : 0),
            ExpectedLossRate = RateEdges[(i / 7) % RateEdges.Length],
            FinancialIndicatorsDeteriorating = (bits & 1) != 0 && i % 5 == 0,
            ContingentLiabilitiesRising = (bits & 2) != 0 && i % 9 == 0,
            LoanNotUsedAsAgreed = i % 17 == 0,
            PoorRepaymentWillingness = i % 19 == 0,
            CollateralValueDeclined = i % 23 == 0,
            GuarantorFinancesQuestionable = i % 29 == 0,
            NetCashFlowNegative = i % 31 == 0,
            OperatingLoss = i % 37 == 0,
            HasSupplementarySource = (bits & 4) != 0,
            DefaultOnOtherLenders = i % 41 == 0,
            RepayingByCollateralSale = i % 43 == 0,
            ProductionHalted = i % 47 == 0,
            Insolvent = i % 53 == 0,
            BankSued = i % 59 == 0,
            RestructuredStillOverdue = i % 61 == 0,
            BorrowerDissolved = i % 67 == 0,
        };
    }
}
