using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// <c>loan-five-category</c> with the loan as a host that reads rows from a database or JSON has it: a
/// <c>Dictionary&lt;string, object?&gt;</c> (the workload's loans, keys as the policy names its fields) or a
/// <see cref="JsonElement"/> object (the same, serialised). Each shape has its own hand-written baseline, which reads
/// the 21 values out of the fact and classifies them as <see cref="HandWritten.Loan(LoanPoco)"/> does; ratios are within
/// a category. The POCO rows are <see cref="LoanThroughput"/>'s.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FactShapes
{
    private Dictionary<string, object?>[] _dictionaries = [];
    private JsonElement[] _json = [];
    private PolicySet _policies = null!;

    [GlobalSetup]
    public void Setup()
    {
        var loans = Workloads.Loans();
        _dictionaries = [.. loans.Select(Workloads.AsDictionary)];
        _json = [.. _dictionaries.Select(d => JsonSerializer.SerializeToElement(d))];
        _policies = PolicySet.LoadFiles([RepositoryPaths.PolicyFile(Workloads.LoanPolicy)]);

        // What is timed is what was checked: every engine row agrees with the POCO baseline on every loan.
        for (var i = 0; i < loans.Length; i++)
        {
            var expected = HandWritten.Loan(loans[i]);
            Check(i, "HandWrittenDictionary", expected, HandWritten.LoanFromDictionary(_dictionaries[i]));
            Check(i, "HandWrittenJson", expected, HandWritten.LoanFromJson(_json[i]));
            Check(i, "TieringRulesDictionary", expected, TieringOutcome.From(_policies.Decide(Workloads.LoanPolicy, _dictionaries[i])));
            Check(i, "TieringRulesJson", expected, TieringOutcome.From(_policies.Decide(Workloads.LoanPolicy, _json[i])));
        }
    }

    private static void Check(int index, string engine, Outcome expected, Outcome actual)
    {
        if (!AgreementCheck.Agree(expected, actual))
        {
            throw new AgreementException($"{Workloads.LoanPolicy}: fact #{index}: {engine} gave {actual}, HandWritten gave {expected}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    [BenchmarkCategory("Dictionary")]
    public long HandWrittenDictionary()
    {
        var sink = new OutcomeChecksum();
        var facts = _dictionaries;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, HandWritten.LoanFromDictionary(facts[i]));
        }

        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    [BenchmarkCategory("Dictionary")]
    public long TieringRulesDictionary()
    {
        var sink = new OutcomeChecksum();
        var facts = _dictionaries;
        var policies = _policies;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, TieringOutcome.From(policies.Decide(Workloads.LoanPolicy, facts[i])));
        }

        return sink.Sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.Size)]
    [BenchmarkCategory("Json")]
    public long HandWrittenJson()
    {
        var sink = new OutcomeChecksum();
        var facts = _json;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, HandWritten.LoanFromJson(facts[i]));
        }

        return sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Workloads.Size)]
    [BenchmarkCategory("Json")]
    public long TieringRulesJson()
    {
        var sink = new OutcomeChecksum();
        var facts = _json;
        var policies = _policies;
        for (var i = 0; i < facts.Length; i++)
        {
            sink.Put(i, TieringOutcome.From(policies.Decide(Workloads.LoanPolicy, facts[i])));
        }

        return sink.Sum;
    }
}
