using Tiering.Rules.Fixtures;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests;

/// <summary>
/// A null element in a batch (<c>PolicySet.DecideMany</c>, all three forms) is the host's mistake, not a fact to report as
/// invalid: it fails the batch with an <see cref="ArgumentNullException"/> naming <c>facts</c> and the element's index, as
/// a portfolio and the NRules backend's batch fail; the span forms check before deciding anything.
/// </summary>
public sealed class BatchTests
{
    private const string LoanPolicy = "loan-five-category";

    private static readonly LoanPoco[] WithNullAtTwo =
    [
        new() { Amount = 6_000_000m, OverdueDays = 95 },
        new() { Amount = 9_000_000m, Insolvent = true },
        null!,
        new() { Amount = 7_000_000m },
    ];

    private static PolicySet Loans(bool typedKernel)
    {
        var set = PolicySet.LoadFiles([Path.Combine(Repo.Rules, $"{LoanPolicy}.yaml")]);
        if (typedKernel)
        {
            set.Find(LoanPolicy, null)!.PrepareTyped(typeof(LoanPoco)).Should().BeTrue();
        }

        return set;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpanBatch_NullElement_ThrowsNamingItsIndex_BeforeWritingAnyDecision(bool typedKernel)
    {
        var set = Loans(typedKernel);
        var results = new Decision[WithNullAtTwo.Length];

        var act = () => set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(WithNullAtTwo), results);

        ShouldFailNaming(act, index: 2);
        results.Should().AllSatisfy(d => d.Should().BeNull());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StreamingBatch_NullElement_ThrowsNamingItsIndex_BeforeHandingOverAnyDecision(bool typedKernel)
    {
        var set = Loans(typedKernel);
        var handedOver = new List<int>();

        var act = () => set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(WithNullAtTwo), (i, _) => handedOver.Add(i));

        ShouldFailNaming(act, index: 2);
        handedOver.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(1000)]
    [InlineData(1022)]
    public void SpanBatches_LongBatchWithOneNull_ThrowNamingItsIndex(int index)
    {
        // The search for null goes by vectors of references, then the rest one by one: a null in every part of it.
        var set = Loans(typedKernel: true);
        var facts = Enumerable.Range(0, 1023).Select(_ => WithNullAtTwo[0]).ToArray();
        facts[index] = null!;
        var results = new Decision[facts.Length];
        var handedOver = 0;

        ShouldFailNaming(() => set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(facts), results), index);
        ShouldFailNaming(() => set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(facts), (_, _) => handedOver++), index);
        results.Should().AllSatisfy(d => d.Should().BeNull());
        handedOver.Should().Be(0);
    }

    [Fact]
    public void SpanBatches_WithoutNulls_DecideEveryFact()
    {
        var set = Loans(typedKernel: true);
        LoanPoco[] facts = [WithNullAtTwo[0], WithNullAtTwo[1], WithNullAtTwo[3]];
        var results = new Decision[facts.Length];
        var handedOver = new List<string?>();

        set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(facts), results);
        set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(facts), (_, d) => handedOver.Add(d.Grade?.Id));

        results.Select(d => d.Grade?.Id).Should().Equal("substandard", "doubtful", "normal");
        handedOver.Should().Equal("substandard", "doubtful", "normal");
    }

    [Fact]
    public void SpanAndStreamingBatches_FactsForTheGeneralPathAnywhere_DecideAsEachFactAlone()
    {
        // The typed loop stops at a fact it cannot decide plainly (invalid here) and goes on after it: such facts first,
        // last, in a row and scattered, among in-scope and out-of-scope loans and fired sets seen for the first time.
        var set = Loans(typedKernel: true);
        var random = new Random(25);
        var loans = Enumerable.Range(0, 400).Select(i => RandomLoan(random, invalid: i is 0 or 1 or 399 || random.Next(9) == 0)).ToArray();
        var expected = loans.Select(l => Describe(set.Decide(LoanPolicy, l.AsGeneralDictionary()))).ToList();
        var results = new Decision[loans.Length + 1];
        var handedOver = new List<(int Index, Decision Decision)>();

        set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(loans), results);
        set.DecideMany(LoanPolicy, new ReadOnlySpan<LoanPoco>(loans), (i, d) => handedOver.Add((i, d)));

        results[..loans.Length].Select(Describe).Should().Equal(expected);
        results[^1].Should().BeNull("nothing is written past the facts");
        handedOver.Select(h => h.Index).Should().Equal(Enumerable.Range(0, loans.Length));
        handedOver.Select(h => Describe(h.Decision)).Should().Equal(expected);
        expected.Should().Contain(e => e.StartsWith("Invalid", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("NotApplicable", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("Classified", StringComparison.Ordinal));
    }

    [Fact]
    public void ListBatch_NullElement_ThrowsNamingItsIndex()
    {
        Action act = () => Loans(typedKernel: false).DecideMany(LoanPolicy, WithNullAtTwo.AsEnumerable());

        ShouldFailNaming(act, index: 2);
    }

    [Fact]
    public void Batches_NullElementWhereNoVersionCanDecide_StillThrow()
    {
        // Two versions and no as-of date: every fact's decision is the same invalid one, made without reading the facts.
        var set = Policies.Load(Version("1", "until: 2023-07-01"), Version("2", "from: 2023-07-01"));
        object[] facts = [new Dictionary<string, object?> { ["overdueDays"] = 3 }, null!];
        var results = new Decision[facts.Length];
        var handedOver = new List<Decision>();

        var span = () => set.DecideMany("reg", new ReadOnlySpan<object>(facts), results);
        var streaming = () => set.DecideMany("reg", new ReadOnlySpan<object>(facts), (_, d) => handedOver.Add(d));

        ShouldFailNaming(span, index: 1);
        ShouldFailNaming(streaming, index: 1);
        results.Should().AllSatisfy(d => d.Should().BeNull());
        handedOver.Should().BeEmpty();
    }

    private static LoanPoco RandomLoan(Random random, bool invalid) => new()
    {
        Amount = random.Next(3) == 0 ? 4_000_000m : 6_000_000m + random.Next(1_000_000),
        OverdueDays = invalid && random.Next(2) == 0 ? -1 : random.Next(400),
        ExpectedLossRate = invalid ? 1.5m : random.Next(101) / 100m,
        Insolvent = random.Next(4) == 0,
        OperatingLoss = random.Next(4) == 0,
        BankSued = random.Next(5) == 0,
        CollateralValueDeclined = random.Next(3) == 0,
    };

    private static string Describe(Decision d) =>
        $"{d.Status} {d.Grade?.Id ?? "-"} by {d.DecidingRuleId ?? "-"} [{string.Join(",", d.FiredRuleIds)}] "
        + $"errors {string.Join(";", d.Errors.Select(e => $"{e.Field}:{e.Kind}:{e.Message}"))}";

    private static void ShouldFailNaming(Action act, int index) =>
        act.Should().Throw<ArgumentNullException>().Which.Should().Match<ArgumentNullException>(
            e => e.ParamName == "facts" && e.Message.StartsWith($"facts[{index}] is null", StringComparison.Ordinal));

    private static string Version(string version, string effective) => $$"""
        policy: reg
        version: "{{version}}"
        effective: { {{effective}} }
        fields: { overdueDays: { type: integer, min: 0 } }
        grades: [normal, special_mention]
        hitPolicy: worst
        default: normal
        rules:
          - { id: R{{version}}, when: overdueDays >= 1, then: special_mention }
        """;
}
