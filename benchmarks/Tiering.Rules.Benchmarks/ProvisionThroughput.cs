using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Tiering.Rules.Benchmarks;

/// <summary>One loan of <c>loan-loss-provision</c>: the category, the balance and an optional adjustment.</summary>
public sealed class ProvisionLoan
{
    public string Category { get; init; } = "normal";

    public decimal Balance { get; init; }

    public decimal? Adjustment { get; init; }
}

/// <summary>
/// <c>loan-loss-provision</c> (issue 24's target: a policy with computed outputs costs no more than the output
/// expressions themselves, ≤ 1.5x hand-written): validation, the cross-field check, the rule, and two computed outputs
/// read as text, against C# doing the same. Each fact's outcome is its status, grade, fired id, and the two outputs as
/// the engine prints them, folded into a checksum; setup checks that both agree on every fact.
/// </summary>
[MemoryDiagnoser]
public class ProvisionThroughput
{
    private static readonly string[] Categories = ["normal", "special_mention", "substandard", "doubtful", "loss"];
    private static readonly decimal[] BaseRates = [0m, 0.02m, 0.25m, 0.50m, 1.00m];
    private static readonly string[] RuleIds = ["LLP-NORMAL", "LLP-SM", "LLP-SUB", "LLP-DBT", "LLP-LOSS"];

    private ProvisionLoan[] _facts = [];
    private PolicySet _policies = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(24);
        _facts = [.. Enumerable.Range(0, Workloads.Size).Select(_ =>
        {
            var category = random.Next(5);
            var adjustable = category is 2 or 3 && random.Next(2) == 0;
            return new ProvisionLoan
            {
                Category = Categories[category],
                Balance = random.Next(0, 100_000_000) / 100m,
                Adjustment = adjustable ? random.Next(-200, 201) / 1000m : random.Next(4) == 0 ? 0m : null,
            };
        })];
        _policies = PolicySet.LoadFiles([RepositoryPaths.PolicyFile("loan-loss-provision")]);
        _policies.Prepare();
        for (var i = 0; i < _facts.Length; i++)
        {
            var expected = Hand(_facts[i]);
            var decision = _policies.Decide("loan-loss-provision", _facts[i]);
            var actual = Describe(decision);
            if (expected != actual)
            {
                throw new InvalidOperationException($"fact {i}: hand-written {expected}, engine {actual}");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    public long HandWritten()
    {
        long sum = 0;
        foreach (var fact in _facts)
        {
            sum += Hand(fact).Length;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRules()
    {
        long sum = 0;
        foreach (var fact in _facts)
        {
            sum += Describe(_policies.Decide("loan-loss-provision", fact)).Length;
        }

        return sum;
    }

    /// <summary>Diagnostic: the decision alone (outputs computed, not printed), to see where the time goes.</summary>
    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    public long TieringRulesWithoutReadingOutputs()
    {
        long sum = 0;
        foreach (var fact in _facts)
        {
            sum += _policies.Decide("loan-loss-provision", fact).Grade?.Rank ?? -1;
        }

        return sum;
    }

    private static string Describe(Decision d) =>
        d.Status == DecisionStatus.Classified
            ? $"{d.Grade!.Id} {d.FiredRuleIds[0]} {d.Outputs["specificRate"]} {d.Outputs["provision"]}"
            : "invalid";

    /// <summary>The policy in C#: validate, check the adjustment's category, pick the rate, compute and print both outputs.</summary>
    private static string Hand(ProvisionLoan loan)
    {
        var category = Array.IndexOf(Categories, loan.Category);
        var adjustment = loan.Adjustment ?? 0m;
        if (category < 0 || loan.Balance < 0 || adjustment < -0.2m || adjustment > 0.2m || (adjustment != 0 && category is not (2 or 3)))
        {
            return "invalid";
        }

        var rate = BaseRates[category] * (1 + adjustment);
        var provision = decimal.Round(loan.Balance * BaseRates[category] * (1 + adjustment), 2, MidpointRounding.AwayFromZero);
        if (provision.Scale < 2)
        {
            provision += 0.00m;
        }

        return $"{Categories[category]} {RuleIds[category]} {rate.ToString(CultureInfo.InvariantCulture)} {provision.ToString(CultureInfo.InvariantCulture)}";
    }
}
