using Tiering.Rules.Compilation;
using Tiering.Rules.Fixtures;
using Tiering.Rules.Tests.Support;
using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests.Compilation;

/// <summary>
/// POCO facts of a type that has earned compiled code are decided by a typed kernel (properties read into locals,
/// binding and rules fused, no frame). It must give exactly the decision the general path gives for the same values,
/// hand every fact it cannot decide plainly (invalid, no match, conflict, arithmetic failure) to the general path,
/// and not be built for policies it cannot decide completely.
/// </summary>
public sealed class TypedKernelTests
{
    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    public sealed record AumPoco(decimal Aum);

    public sealed record Counts(long Days, decimal Score, int Visits, bool Vip);

    [Fact]
    public void Loan_TypedKernelIsBuiltAndDecidesValidFactsItself()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        var policy = set.Find("loan-five-category", null)!;

        policy.PrepareTyped(typeof(LoanPoco)).Should().BeTrue();

        var inScope = new LoanPoco { Amount = 6_000_000m, OverdueDays = 100, OperatingLoss = true };
        var typed = policy.TryDecideTyped(inScope, null);
        typed.Should().NotBeNull();
        typed!.Grade!.Id.Should().Be("substandard");
        typed.FiredRuleIds.Should().Equal("SUB-01", "SUB-03");
        policy.TryDecideTyped(new LoanPoco { Amount = 5_000_000m }, null)!.Status.Should().Be(DecisionStatus.NotApplicable);

        // Invalid facts go to the general path, which names the field.
        policy.TryDecideTyped(new LoanPoco { Amount = -1m }, null).Should().BeNull();
        var invalid = set.Decide("loan-five-category", new LoanPoco { Amount = 6_000_000m, ExpectedLossRate = 1.5m });
        invalid.Status.Should().Be(DecisionStatus.Invalid);
        invalid.Errors.Should().ContainSingle().Which.Field.Should().Be("expectedLossRate");
    }

    [Fact]
    public void MayThrow_KernelsOfComparisonsOnly_AreCalledWithoutTheArithmeticHandler()
    {
        // The loan policy compares and tests flags: nothing in its kernel can throw. A policy that divides can, and its
        // kernel keeps the handler that sends a division by zero to the general path (EveryHitPolicy_… relies on it).
        var loan = PolicySet.LoadDirectory(Repo.Rules).Find("loan-five-category", null)!;
        loan.PrepareTyped(typeof(LoanPoco)).Should().BeTrue();
        loan.TypedKernelFor(typeof(LoanPoco))!.MayThrow.Should().BeFalse();

        var dividing = Load(Mixed.Replace("HIT", "first", StringComparison.Ordinal)).Find("m", null)!;
        dividing.PrepareTyped(typeof(Counts)).Should().BeTrue();
        dividing.TypedKernelFor(typeof(Counts))!.MayThrow.Should().BeTrue();
        dividing.TryDecideTyped(new Counts(0, 10m, 0, false), null).Should().BeNull("R3's 10 / 0 fails in the kernel, so the general path decides");
    }

    [Fact]
    public void Loan_ThousandsOfFacts_TypedAndGeneralPathsAgree()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-five-category", null)!.PrepareTyped(typeof(LoanPoco)).Should().BeTrue();
        var random = new Random(20_261_123);
        decimal[] amounts = [5_000_000m, 5_000_000.01m, 4_999_999.99m, 12_000_000m, 0m, -0.01m];
        int[] days = [0, 1, 90, 91, 180, 181, -1, int.MaxValue];
        decimal[] rates = [0m, 0.0001m, 0.2999m, 0.30m, 0.90m, 0.9001m, 1m, 1.0001m, -0.5m];
        var statuses = new HashSet<DecisionStatus>();
        for (var i = 0; i < 4000; i++)
        {
            var loan = new LoanPoco
            {
                Amount = amounts[random.Next(amounts.Length)],
                OverdueDays = random.Next(4) == 0 ? random.Next(0, 400) : days[random.Next(days.Length)],
                ExpectedLossRate = random.Next(4) == 0 ? random.Next(0, 10_001) / 10_000m : rates[random.Next(rates.Length)],
                FinancialIndicatorsDeteriorating = random.Next(8) == 0,
                ContingentLiabilitiesRising = random.Next(8) == 0,
                LoanNotUsedAsAgreed = random.Next(8) == 0,
                PoorRepaymentWillingness = random.Next(8) == 0,
                CollateralValueDeclined = random.Next(8) == 0,
                GuarantorFinancesQuestionable = random.Next(8) == 0,
                NetCashFlowNegative = random.Next(8) == 0,
                OperatingLoss = random.Next(8) == 0,
                HasSupplementarySource = random.Next(2) == 0,
                DefaultOnOtherLenders = random.Next(8) == 0,
                RepayingByCollateralSale = random.Next(8) == 0,
                ProductionHalted = random.Next(8) == 0,
                Insolvent = random.Next(8) == 0,
                BankSued = random.Next(8) == 0,
                RestructuredStillOverdue = random.Next(8) == 0,
                BorrowerDissolved = random.Next(8) == 0,
            };

            var viaTyped = set.Decide("loan-five-category", loan);
            var viaGeneral = Shipped.Decide("loan-five-category", loan.AsGeneralDictionary());
            Describe(viaTyped).Should().Be(Describe(viaGeneral), $"loan #{i}: amount {loan.Amount}, days {loan.OverdueDays}, rate {loan.ExpectedLossRate}");
            statuses.Add(viaTyped.Status);
        }

        statuses.Should().BeEquivalentTo([DecisionStatus.Classified, DecisionStatus.NotApplicable, DecisionStatus.Invalid]);
    }

    [Fact]
    public void Loan_DictionaryFacts_TypedKernelDecidesAsTheGeneralPath()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        var policy = set.Find("loan-five-category", null)!;
        policy.PrepareTyped(typeof(Dictionary<string, object?>)).Should().BeTrue();
        var random = new Random(20_261_203);
        var statuses = new HashSet<DecisionStatus>();
        var (typedCount, generalCount) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var loan = new LoanPoco
            {
                Amount = random.Next(4) == 0 ? 5_000_000m : 6_000_000m + random.Next(0, 1000),
                OverdueDays = random.Next(-2, 300),
                ExpectedLossRate = random.Next(-10, 10_050) / 10_000m,
                Insolvent = random.Next(9) == 0,
                BankSued = random.Next(7) == 0,
                OperatingLoss = random.Next(5) == 0,
                HasSupplementarySource = random.Next(2) == 0,
            };
            var fact = loan.AsDictionary();
            switch (random.Next(16))
            {
                case 0: fact.Remove("bankSued"); break;                                   // absent: invalid, named
                case 6: fact = new(fact.Reverse()); break;                                // the keys in another order
                case 7: fact["note"] = "x"; fact["id"] = 5; break;                        // keys of no field: ignored
                case 8: fact = Renamed(fact, "amount", "Amount", StringComparer.OrdinalIgnoreCase); break; // found as the comparer finds it
                case 9: fact = Renamed(fact, "amount", "Amount", StringComparer.Ordinal); break; // not found: absent, named
                case 10: foreach (var n in Enumerable.Range(0, 60)) { fact[$"extra{n}"] = n; } break; // many more keys than fields
                case 1: fact["expectedLossRate"] = (double)loan.ExpectedLossRate; break;  // a double: the general path converts it
                case 2: fact["overdueDays"] = (long)loan.OverdueDays; break;               // a long for an integer: read directly
                case 3: fact["amount"] = "6000000"; break;                                // text for a number: wrong type
                case 4: fact["insolvent"] = null; break;                                  // null: absent
                case 5: fact["overdueDays"] = loan.OverdueDays + 0.5m; break;              // not whole: out of domain
            }

            var typed = policy.TryDecideTyped(fact, null);
            _ = typed is null ? generalCount++ : typedCount++;
            var decided = set.Decide("loan-five-category", fact);
            var reference = Shipped.Decide("loan-five-category", fact.AsReadOnly());

            Describe(decided).Should().Be(Describe(reference), $"loan #{i}: {string.Join(", ", fact.Select(p => $"{p.Key}={p.Value}"))}");
            if (typed is not null)
            {
                Describe(typed).Should().Be(Describe(reference));
            }

            statuses.Add(decided.Status);
        }

        statuses.Should().BeEquivalentTo([DecisionStatus.Classified, DecisionStatus.NotApplicable, DecisionStatus.Invalid]);
        typedCount.Should().BeGreaterThan(1500, "plainly valid dictionaries are decided by the typed kernel");
        generalCount.Should().BeGreaterThan(300, "absent, null, odd-typed and invalid values go to the general path");
    }

    [Fact]
    public void Loan_DictionaryFactsInShuffledKeyOrders_EightThreads_GiveTheGeneralPathsDecisions()
    {
        // The one-pass read guesses each entry's field from the last dictionary's order; guesses raced between threads and
        // orders that change from fact to fact may cost a lookup, never a wrong value.
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-five-category", null)!.PrepareTyped(typeof(Dictionary<string, object?>)).Should().BeTrue();
        var random = new Random(25_15);
        var facts = Enumerable.Range(0, 2000).Select(_ =>
        {
            var loan = new LoanPoco
            {
                Amount = 6_000_000m + random.Next(0, 1000),
                OverdueDays = random.Next(0, 300),
                ExpectedLossRate = random.Next(0, 10_000) / 10_000m,
                Insolvent = random.Next(5) == 0,
                BankSued = random.Next(5) == 0,
                NetCashFlowNegative = random.Next(5) == 0,
            };
            return new Dictionary<string, object?>(loan.AsDictionary().OrderBy(_ => random.Next()));
        }).ToArray();
        var expected = facts.Select(f => Describe(Shipped.Decide("loan-five-category", f.AsReadOnly()))).ToArray();

        LoanMismatchesOnEightThreads(set, facts, expected, passes: 1).Should().BeEmpty();
        expected.Distinct().Count().Should().BeGreaterThan(20, "the facts fire many different sets of rules");
    }

    private static Dictionary<string, object?> Renamed(Dictionary<string, object?> fact, string from, string to, StringComparer comparer) =>
        new(fact.Select(p => KeyValuePair.Create(p.Key == from ? to : p.Key, p.Value)), comparer);

    [Fact]
    public void Dictionary_AfterSixtyFourFacts_EarnsATypedKernel()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        var policy = set.Find("retail-aum-tier", null)!;
        policy.TypedKernelFor(typeof(Dictionary<string, object?>)).Should().BeNull();

        for (var i = 0; i < 64; i++)
        {
            set.Decide("retail-aum-tier", new Dictionary<string, object?> { ["aum"] = 1000m * i }).Status.Should().Be(DecisionStatus.Classified);
        }

        // Built on a pool thread: wait for it (bounded), then it decides.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (policy.TypedKernelFor(typeof(Dictionary<string, object?>)) is null && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        policy.TypedKernelFor(typeof(Dictionary<string, object?>)).Should().NotBeNull();
        policy.TryDecideTyped(new Dictionary<string, object?> { ["aum"] = 60_000m }, null)!.Grade!.Id.Should().Be("tier_2");
    }

    [Fact]
    public void Loan_EightThreadsThroughTheTypedKernel_GiveTheSequentialResults()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-five-category", null)!.PrepareTyped(typeof(LoanPoco)).Should().BeTrue();
        var random = new Random(7);
        var loans = Enumerable.Range(0, 3000).Select(_ => new LoanPoco
        {
            Amount = random.Next(3) == 0 ? 4_000_000m : 6_000_000m + random.Next(0, 1000),
            OverdueDays = random.Next(-1, 300),
            ExpectedLossRate = random.Next(0, 10_050) / 10_000m,
            Insolvent = random.Next(9) == 0,
            BankSued = random.Next(7) == 0,
            OperatingLoss = random.Next(5) == 0,
        }).ToArray();
        var expected = loans.Select(l => Describe(Shipped.Decide("loan-five-category", l.AsGeneralDictionary()))).ToArray();

        LoanMismatchesOnEightThreads(set, loans, expected, passes: 3).Should().BeEmpty();
    }

    /// <summary>
    /// Decides <paramref name="facts"/> under <c>loan-five-category</c> on eight threads at once, each starting at another
    /// place, <paramref name="passes"/> times over; every decision that differs from <paramref name="expected"/>.
    /// </summary>
    private static IReadOnlyCollection<string> LoanMismatchesOnEightThreads<TFact>(PolicySet set, TFact[] facts, string[] expected, int passes)
        where TFact : notnull
    {
        var mismatches = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var pass = 0; pass < passes; pass++)
            {
                for (var n = 0; n < facts.Length; n++)
                {
                    var i = (n + (t * 373)) % facts.Length;
                    var actual = Describe(set.Decide("loan-five-category", facts[i]));
                    if (actual != expected[i])
                    {
                        mismatches.Enqueue($"#{i}: {actual} instead of {expected[i]}");
                    }
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return mismatches;
    }

    [Fact]
    public void SpanAndStreamingBatches_OfThePocoTypeAndOfMixedFacts_DecideAsDecideDoes()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-five-category", null)!.PrepareTyped(typeof(LoanPoco)).Should().BeTrue();
        LoanPoco[] loans =
        [
            new() { Amount = 6_000_000m, OverdueDays = 95 },
            new() { Amount = 6_000_000m, ExpectedLossRate = 2m },
            new() { Amount = 1m },
            new() { Amount = 9_000_000m, Insolvent = true, OverdueDays = 10 },
        ];
        object[] mixed = [loans[0], loans[1].AsDictionary(), loans[2], loans[3].AsDictionary()];

        var typedResults = new Decision[loans.Length];
        set.DecideMany("loan-five-category", new ReadOnlySpan<LoanPoco>(loans), typedResults);
        var mixedResults = new Decision[mixed.Length];
        set.DecideMany("loan-five-category", new ReadOnlySpan<object>(mixed), mixedResults);

        var streamedTyped = new Decision[loans.Length];
        set.DecideMany("loan-five-category", new ReadOnlySpan<LoanPoco>(loans), (i, d) => streamedTyped[i] = d);
        var streamedMixed = new Decision[mixed.Length];
        set.DecideMany("loan-five-category", new ReadOnlySpan<object>(mixed), (i, d) => streamedMixed[i] = d);

        typedResults.Select(Describe).Should().Equal(loans.Select(l => Describe(Shipped.Decide("loan-five-category", l.AsGeneralDictionary()))));
        mixedResults.Select(Describe).Should().Equal(typedResults.Select(Describe));
        streamedTyped.Select(Describe).Should().Equal(typedResults.Select(Describe));
        streamedMixed.Select(Describe).Should().Equal(typedResults.Select(Describe));
        typedResults[1].Status.Should().Be(DecisionStatus.Invalid);
        typedResults[3].FiredRuleIds.Should().Equal("SM-01", "DBT-03");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999.99)]
    [InlineData(1000)]
    [InlineData(49_999.99)]
    [InlineData(50_000)]
    [InlineData(2_999_999.99)]
    [InlineData(3_000_000)]
    [InlineData(-0.01)]
    public void Aum_BandsAndBelow_TypedAndGeneralPathsAgree(double aum)
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("retail-aum-tier", null)!.PrepareTyped(typeof(AumPoco)).Should().BeTrue();
        var value = (decimal)aum;

        Describe(set.Decide("retail-aum-tier", new AumPoco(value)))
            .Should().Be(Describe(Shipped.Decide("retail-aum-tier", Fact(("aum", value)))));
    }

    private const string Mixed = """
        policy: m
        version: "1"
        fields:
          days: { type: integer, min: 0 }
          score: { type: decimal, min: -100, max: 100 }
          visits: { type: decimal }
          vip: { type: boolean }
        grades: [low, mid, high]
        hitPolicy: HIT
        appliesWhen: visits < 1000
        rules:
          - { id: R1, when: "days between 1 and 30 and not vip", then: mid }
          - { id: R2, when: "score >= 50", then: high }
          - { id: R3, when: "score / visits > 2", then: mid }
          - { id: R4, when: "vip or days > 30", then: low }
        """;

    [Theory]
    [InlineData("first", "")]
    [InlineData("first", "default: low")]
    [InlineData("worst", "")]
    [InlineData("best", "default: mid")]
    [InlineData("collect", "")]
    [InlineData("unique", "default: low")]
    public void EveryHitPolicy_TypedAndGeneralPathsAgree(string hitPolicy, string extra)
    {
        var yaml = Mixed.Replace("HIT", hitPolicy, StringComparison.Ordinal) + "\n" + extra;
        if (hitPolicy == "unique")
        {
            // Rules the analysis can see do not overlap; R3 is beyond it, so conflicts happen at run time.
            yaml = yaml.Replace("days between 1 and 30 and not vip", "days between 1 and 30", StringComparison.Ordinal)
                .Replace("score >= 50", "days > 30 and score >= 50", StringComparison.Ordinal)
                .Replace("vip or days > 30", "days = 0 and vip", StringComparison.Ordinal);
        }

        var typed = Load(yaml);
        var general = Load(yaml);
        typed.Find("m", null)!.PrepareTyped(typeof(Counts)).Should().BeTrue();
        var random = new Random(hitPolicy.Length * 31 + extra.Length);
        int[] visits = [-20, -10, 0, 10, 20, 1000, 1500];
        var statuses = new HashSet<DecisionStatus>();
        var decidedTyped = 0;
        for (var i = 0; i < 2000; i++)
        {
            // visits = 0 makes R3 divide by zero: the typed kernel hands that fact to the general path.
            var fact = new Counts(random.Next(-1, 40), random.Next(-120, 120), visits[random.Next(visits.Length)], random.Next(3) == 0);
            var expected = general.Decide("m", Fact(("days", fact.Days), ("score", fact.Score), ("visits", fact.Visits), ("vip", fact.Vip)));
            Describe(typed.Decide("m", fact)).Should().Be(Describe(expected), fact.ToString());
            statuses.Add(expected.Status);
            decidedTyped += typed.Find("m", null)!.TryDecideTyped(fact, null) is null ? 0 : 1;
        }

        decidedTyped.Should().BeGreaterThan(500, "valid facts with a plain outcome are decided by the typed kernel");
        statuses.Should().Contain([DecisionStatus.Classified, DecisionStatus.NotApplicable, DecisionStatus.Invalid]);
        if (hitPolicy == "unique")
        {
            statuses.Should().Contain(DecisionStatus.Conflict);
        }

        if (extra.Length == 0 && hitPolicy != "collect")
        {
            statuses.Should().Contain(DecisionStatus.Unclassified);
        }
    }

    public sealed record X(decimal Value);

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(17)]
    [InlineData(29.99)]
    [InlineData(40)]
    public void OverlappingBandsWithBelow_TypedAndGeneralPathsAgree(double x)
    {
        // Overlapping rows get no binary search, so the kernel checks them as rules; 'below' still needs the value.
        var yaml = BandsWithBelow("[15, 30)");
        var typed = Load(yaml);
        typed.Find("bb", null)!.PrepareTyped(typeof(X)).Should().BeTrue();
        var value = (decimal)x;

        Describe(typed.Decide("bb", new X(value))).Should().Be(Describe(Load(yaml).Decide("bb", Fact(("value", value)))));
    }

    /// <summary>A band table on a decimal with 'below' and no default: [10, 20) mid, then <paramref name="high"/> high.</summary>
    private static string BandsWithBelow(string high) => """
        policy: bb
        version: "1"
        fields:
          value: { type: decimal }
        grades: [low, mid, high]
        hitPolicy: first
        bands:
          on: value
          rows:
            - { id: MID, range: "[10, 20)", grade: mid }
            - { id: HIGH, range: "HIGH", grade: high }
          below: low
        """.Replace("HIGH\"", high + "\"", StringComparison.Ordinal);

    [Fact]
    public void NoRuleFired_BelowAndAboveEveryBandInTurn_EachFactGetsItsOwnOutcome()
    {
        // With no rule fired, 'below' makes the outcome depend on the value, not only on the fired rules: decisions
        // the typed kernel keeps by fired rules must not hand the 'below' grade to a value above every band.
        var yaml = BandsWithBelow("[20, 30)");
        var typed = Load(yaml);
        typed.Find("bb", null)!.PrepareTyped(typeof(X)).Should().BeTrue();
        var general = Load(yaml);

        foreach (var value in new[] { 5m, 40m, 5m, 15m, 40m, 9.99m, 30m, 5m, 25m, 40m })
        {
            Describe(typed.Decide("bb", new X(value))).Should().Be(Describe(general.Decide("bb", Fact(("value", value)))), $"value {value}");
        }

        typed.Decide("bb", new X(5m)).Grade!.Id.Should().Be("low");
        typed.Decide("bb", new X(40m)).Status.Should().Be(DecisionStatus.Unclassified);
    }

    [Theory]
    [InlineData("[10, 20)")]
    [InlineData("(10, 20)")]
    public void DisjointBandsWithBelow_ValuesUnderTheLowestBand_TheKernelGivesTheBelowGradeItself(string lowest)
    {
        // A band search tells 'under every band' from 'in no band' (the tree's leftmost end), so the typed kernel decides
        // 'below' without the general path, and the same as it: at the lowest edge only when the lowest band excludes it.
        var yaml = BandsWithBelow("[20, 30)").Replace("\"[10, 20)\"", $"\"{lowest}\"", StringComparison.Ordinal);
        var typed = Load(yaml);
        var policy = typed.Find("bb", null)!;
        policy.PrepareTyped(typeof(X)).Should().BeTrue();
        var general = Load(yaml);

        foreach (var value in new[] { -5m, 0m, 9.9999999999999999999m, 10m, 10.000000000000000000001m, 15m, 30m, 45m })
        {
            var expected = general.Decide("bb", Fact(("value", value)));
            Describe(typed.Decide("bb", new X(value))).Should().Be(Describe(expected), $"value {value}");
            var result = default(TypedResult);
            var code = policy.TypedKernelFor(typeof(X))!.Run(new X(value), ref result);
            (code == TypedKernel.Below).Should().Be(expected.Grade?.Id == "low", $"the kernel says 'below' itself, and only then (value {value}, code {code})");
        }

        typed.Decide("bb", new X(10m)).Grade!.Id.Should().Be(lowest.StartsWith('[') ? "mid" : "low");
        typed.Decide("bb", new X(3m)).Should().BeSameAs(typed.Decide("bb", new X(4m)), "'below' decisions are shared like any other");
    }

    private readonly record struct PrivateAum(decimal Aum);

    [Fact]
    public void PrivateStructFacts_TypedKernelDecidesThemToo()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        var policy = set.Find("retail-aum-tier", null)!;

        policy.PrepareTyped(typeof(PrivateAum)).Should().BeTrue();
        policy.TryDecideTyped(new PrivateAum(60_000m), null)!.Grade!.Id.Should().Be("tier_2");
        set.Decide("retail-aum-tier", new PrivateAum(-1m)).Errors.Should().ContainSingle().Which.Field.Should().Be("aum");
    }

    [Fact]
    public void PoliciesItCannotDecideCompletely_GetNoTypedKernel()
    {
        var optional = Load("""
            policy: o
            version: "1"
            fields:
              x: { type: decimal }
              y: { type: decimal, optional: true }
            grades: [a, b]
            hitPolicy: first
            default: a
            rules:
              - { id: B, when: "x > 1", then: b }
            """);

        optional.Find("o", null)!.PrepareTyped(typeof(Counts)).Should().BeFalse("Counts has no x, and y is optional");
        Shipped.Find("loan-five-category", null)!.PrepareTyped(typeof(AumPoco)).Should().BeFalse("the properties do not cover the fields");
        TypedKernel.CanBuild(Shipped.Find("credit-scorecard-example", null)!.Definition, typeof(Counts)).Should().BeFalse("scorecards keep a per-fact score");
    }

    /// <summary>A loan of <c>loan-loss-provision</c> as a host holds it: the category as text, an optional adjustment.</summary>
    public sealed record ProvisionPoco(string? Category, decimal Balance, decimal? Adjustment);

    public static TheoryData<string?, double, double?> ProvisionFacts => new()
    {
        // Every category, with and without an adjustment.
        { "normal", 1000, null },
        { "special_mention", 1000, null },
        { "substandard", 1000, null },
        { "doubtful", 1000, null },
        { "loss", 1000, null },
        { "normal", 1000, 0 },
        { "loss", 1234.56, 0.000 },
        // Both limits of the adjustment on the two categories that take one, and just beyond them.
        { "substandard", 1000, 0.2 },
        { "substandard", 1000, -0.2 },
        { "doubtful", 1000, 0.2 },
        { "doubtful", 1000, -0.2 },
        { "doubtful", 1000, 0.2001 },
        { "substandard", 1000, -0.2001 },
        // x.xx5 rounds half away from zero: 0.25 × 0.02 = 0.005 → 0.01; 0.01 × 0.5 = 0.005; 0.05 × 0.25 × 1.2 = 0.015.
        { "special_mention", 0.25, null },
        { "doubtful", 0.01, null },
        { "substandard", 0.05, 0.2 },
        { "substandard", 12345.67, 0.1 },
        { "loss", 0.005, null },
        // A zero balance, a negative one.
        { "loss", 0, null },
        { "substandard", 0, -0.2 },
        { "normal", -0.01, null },
        // An unknown category, no category, the wrong case.
        { "write_off", 1000, null },
        { null, 1000, null },
        { "Loss", 1000, null },
        // A non-zero adjustment on a category that does not take one: the require: check.
        { "normal", 1000, 0.1 },
        { "special_mention", 1000, -0.05 },
        { "loss", 1000, 0.2 },
    };

    [Theory]
    [MemberData(nameof(ProvisionFacts))]
    public void Provision_TypedKernelAndGeneralPath_GiveTheSameDecisionFieldByField(string? category, double balance, double? adjustment)
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        var policy = set.Find("loan-loss-provision", null)!;
        policy.PrepareTyped(typeof(ProvisionPoco)).Should().BeTrue("an enum from text, an optional decimal with whenMissing, a check and formulas");
        var fact = new ProvisionPoco(category, (decimal)balance, adjustment is { } a ? (decimal)a : null);
        var general = new Dictionary<string, object?> { ["category"] = category, ["balance"] = fact.Balance };
        if (fact.Adjustment is { } given)
        {
            general["adjustment"] = given;
        }

        var expected = Shipped.Decide("loan-loss-provision", general.AsReadOnly());

        DescribeFully(set.Decide("loan-loss-provision", fact)).Should().Be(DescribeFully(expected));
        var typed = policy.TryDecideTyped(fact, null);
        if (expected.Status == DecisionStatus.Classified)
        {
            typed.Should().NotBeNull("a valid provision fact is decided by the kernel itself");
            DescribeFully(typed!).Should().Be(DescribeFully(expected));
        }
        else
        {
            typed.Should().BeNull("an invalid fact goes to the general path, which names the field");
        }
    }

    [Fact]
    public void Provision_ExactOutputs_AreTheFormulasOfTheCategory()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-loss-provision", null)!.PrepareTyped(typeof(ProvisionPoco)).Should().BeTrue();

        var sub = set.Decide("loan-loss-provision", new ProvisionPoco("substandard", 0.05m, 0.2m));
        sub.Outputs.Should().Equal(new Dictionary<string, string> { ["specificRate"] = "0.300", ["provision"] = "0.02" });
        var sm = set.Decide("loan-loss-provision", new ProvisionPoco("special_mention", 0.25m, null));
        sm.Outputs["provision"].Should().Be("0.01", "0.005 rounds half away from zero");
        sm.Outputs["specificRate"].Should().Be("0.02", "an absent adjustment is whenMissing's 0, so the rate keeps the base rate's scale");
        var rejected = set.Decide("loan-loss-provision", new ProvisionPoco("normal", 1000m, 0.1m));
        rejected.Status.Should().Be(DecisionStatus.Invalid);
        rejected.Errors.Should().ContainSingle().Which.Field.Should().Be("adjustment");
        set.Decide("loan-loss-provision", new ProvisionPoco("write_off", 1000m, null)).Errors.Should().ContainSingle()
            .Which.Message.Should().Contain("not one of: normal, special_mention, substandard, doubtful, loss");
    }

    [Fact]
    public void Provision_ThousandsOfFacts_EachOfItsOwnDecisionAndOutputs()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-loss-provision", null)!.PrepareTyped(typeof(ProvisionPoco)).Should().BeTrue();
        string?[] categories = ["normal", "special_mention", "substandard", "doubtful", "loss", "LOSS", null];
        var random = new Random(20_261_203);
        var statuses = new HashSet<DecisionStatus>();
        for (var i = 0; i < 3000; i++)
        {
            var fact = new ProvisionPoco(
                categories[random.Next(categories.Length)],
                random.Next(-10, 100_000_000) / 100m,
                random.Next(3) == 0 ? null : random.Next(-230, 231) / 1000m);
            var general = new Dictionary<string, object?> { ["category"] = fact.Category, ["balance"] = fact.Balance, ["adjustment"] = fact.Adjustment };
            var typed = set.Decide("loan-loss-provision", fact);
            var expected = Shipped.Decide("loan-loss-provision", general.AsReadOnly());
            DescribeFully(typed).Should().Be(DescribeFully(expected), fact.ToString());
            statuses.Add(typed.Status);
        }

        statuses.Should().BeEquivalentTo([DecisionStatus.Classified, DecisionStatus.Invalid]);
    }

    [Fact]
    public void Provision_BatchesWithAndWithoutAsOf_EachDecisionItsOwnOutputs()
    {
        var set = PolicySet.LoadDirectory(Repo.Rules);
        set.Find("loan-loss-provision", null)!.PrepareTyped(typeof(ProvisionPoco)).Should().BeTrue();
        ProvisionPoco[] loans =
        [
            new("substandard", 1000m, 0.2m),
            new("substandard", 2000m, -0.2m),
            new("normal", 5m, 0.1m),
            new("doubtful", 0.01m, null),
            new("substandard", 1000m, 0.2m),
        ];
        var asOf = new DateOnly(2026, 12, 3);

        foreach (var date in new DateOnly?[] { null, asOf })
        {
            var results = new Decision[loans.Length];
            set.DecideMany("loan-loss-provision", new ReadOnlySpan<ProvisionPoco>(loans), results, date);
            var expected = loans.Select(l => Shipped.Decide("loan-loss-provision", new Dictionary<string, object?> { ["category"] = l.Category, ["balance"] = l.Balance, ["adjustment"] = l.Adjustment }.AsReadOnly(), date));

            results.Select(DescribeFully).Should().Equal(expected.Select(DescribeFully));
            results.Select(d => d.Outputs.GetValueOrDefault("provision")).Should().Equal("300.00", "400.00", null, "0.01", "300.00");
            results[0].Should().NotBeSameAs(results[4], "decisions with computed outputs are per fact");
            results[0].AsOf.Should().Be(date);
        }
    }

    [Fact]
    public void Provision_ArithmeticOverflowInAFormula_GoesToTheGeneralPathWhichReportsIt()
    {
        var yaml = """
            policy: big
            version: "1"
            fields:
              kind: { type: enum, values: [a, b] }
              x: { type: decimal }
            grades: [low, high]
            hitPolicy: unique
            rules:
              - { id: A, when: "kind = 'a'", then: low, outputs: { y: "=x * x" } }
              - { id: B, when: "kind = 'b'", then: high }
            """;
        var set = Load(yaml);
        var policy = set.Find("big", null)!;
        policy.PrepareTyped(typeof(EnumAndNumber)).Should().BeTrue();
        var huge = new EnumAndNumber("a", decimal.MaxValue);

        policy.TryDecideTyped(huge, null).Should().BeNull("the overflow is the general path's to report");
        DescribeFully(set.Decide("big", huge)).Should().Be(DescribeFully(Load(yaml).Decide("big", Fact(("kind", "a"), ("x", decimal.MaxValue)))));
        set.Decide("big", huge).Status.Should().Be(DecisionStatus.Invalid);
        policy.TryDecideTyped(new EnumAndNumber("a", 3m), null)!.Outputs["y"].Should().Be("9");
        var b = policy.TryDecideTyped(new EnumAndNumber("b", 3m), null)!;
        b.Outputs.Should().BeEmpty("rule B has no formula, so its decision is shared");
        policy.TryDecideTyped(new EnumAndNumber("b", 4m), null).Should().BeSameAs(b);
    }

    public sealed record EnumAndNumber(string Kind, decimal X);

    public sealed record Substitutes(string? Tier, bool? Vip, decimal? Count, decimal? Limit, decimal Rate);

    [Theory]
    [InlineData(null, null, null, 10.0, 0.5)]
    [InlineData("gold", true, 3.0, 10.0, 0.5)]
    [InlineData("silver", false, 4.0, 10.0, 0.125)]
    [InlineData(null, true, null, 10.0, 0.25)]
    [InlineData("bronze", null, 2.5, 10.0, 0.5)]
    [InlineData("gold", null, 200.0, 10.0, 0.5)]
    [InlineData("gold", null, 2.0, null, 0.5)]
    [InlineData("platinum", null, 2.0, 10.0, 0.5)]
    [InlineData("gold", null, 2.0, 10.0, 5.0)]
    public void WhenMissingOfEveryKind_TypedAndGeneralPathsAgree(string? tier, bool? vip, double? count, double? limit, double rate)
    {
        // An enum, a flag and an integer, each optional with a substitute and read from a nullable property, and a
        // required number from a nullable one (null is missing: the general path names it).
        var yaml = """
            policy: w
            version: "1"
            fields:
              tier: { type: enum, values: [bronze, silver, gold], optional: true, whenMissing: silver }
              vip: { type: boolean, optional: true, whenMissing: false }
              count: { type: integer, min: 0, max: 100, optional: true, whenMissing: 7 }
              limit: { type: decimal }
              rate: { type: decimal, max: 1 }
            require:
              - that: "count < 50 or vip"
                fields: [count]
                message: more than 50 needs vip
            grades: [low, mid, high]
            hitPolicy: first
            default: low
            rules:
              - { id: G, when: "tier = 'gold' or vip", then: high, outputs: { cap: "=limit * rate + count", note: "=tier", flag: "=not vip" } }
              - { id: S, when: "tier in ('silver')", then: mid, outputs: { cap: "=limit * rate" } }
            """;
        var typed = Load(yaml);
        typed.Find("w", null)!.PrepareTyped(typeof(Substitutes)).Should().BeTrue();
        var fact = new Substitutes(tier, vip, (decimal?)count, (decimal?)limit, (decimal)rate);
        var general = new Dictionary<string, object?> { ["tier"] = tier, ["vip"] = vip, ["count"] = fact.Count, ["limit"] = fact.Limit, ["rate"] = fact.Rate };

        var expected = Load(yaml).Decide("w", general.AsReadOnly());

        DescribeFully(typed.Decide("w", fact)).Should().Be(DescribeFully(expected));
        (typed.Find("w", null)!.TryDecideTyped(fact, null) is not null).Should().Be(expected.Status == DecisionStatus.Classified, "valid facts are the kernel's, others the general path's");
    }

    public sealed record Scored(decimal Score, bool Flag);

    [Theory]
    [InlineData("first")]
    [InlineData("unique")]
    public void ComputedOutputs_ThePickedRulesGradeAndFormulas_AgreeWithTheGeneralPath(string hitPolicy)
    {
        // The kernel names the deciding rule of first and unique itself: a rule's own formula, a rule that inherits its
        // grade's, one whose plain output overrides it (no formula applies), the default's formula when none fires.
        var yaml = $$"""
            policy: p
            version: "1"
            fields:
              score: { type: decimal }
              flag: { type: boolean }
            grades:
              - { id: low, outputs: { fee: "=score * 2" } }
              - { id: mid, outputs: { fee: "=score + 1" } }
              - { id: high }
            hitPolicy: {{hitPolicy}}
            default: low
            rules:
              - { id: H, when: "score >= 100", then: high, outputs: { fee: "=score / 4" } }
              - { id: M, when: "score >= 50 and score < 100", then: mid }
              - { id: P, when: "score >= 20 and score < 50 and flag", then: mid, outputs: { fee: "0" } }
              - { id: F, when: "flag and score < 20", then: low }
            """;
        var typed = Load(yaml);
        typed.Find("p", null)!.PrepareTyped(typeof(Scored)).Should().BeTrue();
        var general = Load(yaml);
        var kernelDecided = 0;
        foreach (var score in new[] { 0m, 19.5m, 20m, 49.99m, 50m, 89m, 90m, 99.99m, 100m, 250.5m })
        {
            foreach (var flag in new[] { false, true })
            {
                var fact = new Scored(score, flag);
                var expected = general.Decide("p", new Dictionary<string, object?> { ["score"] = score, ["flag"] = flag }.AsReadOnly());
                DescribeFully(typed.Decide("p", fact)).Should().Be(DescribeFully(expected), $"score {score}, flag {flag}");
                kernelDecided += typed.Find("p", null)!.TryDecideTyped(fact, null) is not null ? 1 : 0;
            }
        }

        kernelDecided.Should().Be(20, "every fact is valid and decided by one rule or the default");
    }

    [Fact]
    public void WhenMissingSubstitutes_AreTheDeclaredValuesWithTheirScale()
    {
        var yaml = """
            policy: s
            version: "1"
            fields:
              kind: { type: enum, values: [a, b], optional: true, whenMissing: b }
              share: { type: decimal, optional: true, whenMissing: 0.50 }
            grades: [x, y]
            hitPolicy: unique
            rules:
              - { id: A, when: "kind = 'a'", then: x, outputs: { half: "=share * 2" } }
              - { id: B, when: "kind = 'b'", then: y, outputs: { half: "=share * 2" } }
            """;
        var set = Load(yaml);
        var policy = set.Find("s", null)!;
        policy.PrepareTyped(typeof(KindAndShare)).Should().BeTrue();

        var absent = policy.TryDecideTyped(new KindAndShare(null, null), null)!;
        absent.Grade!.Id.Should().Be("y", "an absent kind is whenMissing's b");
        absent.Outputs["half"].Should().Be("1.00", "an absent share is whenMissing's 0.50, scale and all");
        policy.TryDecideTyped(new KindAndShare("a", 0.1m), null)!.Outputs["half"].Should().Be("0.2");
        policy.TryDecideTyped(new KindAndShare("c", 0.1m), null).Should().BeNull("an undeclared value is the general path's to report");
    }

    public sealed record KindAndShare(string? Kind, decimal? Share);

    /// <summary>Everything a decision reports, outputs in their own order, fired rules with their own outputs.</summary>
    private static string DescribeFully(Decision d) =>
        $"{d.PolicyId}@{d.PolicyVersion} {d.Status} {d.Grade?.Id ?? "-"}/{d.Grade?.Rank} by {d.DecidingRuleId ?? "-"} asOf {d.AsOf} score {d.Score} "
        + $"[{string.Join(",", d.FiredRules.Select(r => $"{r.Id}:{r.Grade?.Id}:{string.Join("+", r.Outputs.Select(o => o.Key + "=" + o.Value))}"))}] "
        + $"outputs {string.Join(",", d.Outputs.Select(o => o.Key + "=" + o.Value))} "
        + $"errors {string.Join(";", d.Errors.Select(e => $"{e.Field}:{e.Kind}:{e.Message}"))}";

    private static string Describe(Decision d) =>
        $"{d.Status} {d.Grade?.Id ?? "-"} by {d.DecidingRuleId ?? "-"} [{string.Join(",", d.FiredRuleIds)}] "
        + $"outputs {string.Join(",", d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + "=" + o.Value))} "
        + $"errors {string.Join(";", d.Errors.Select(e => $"{e.Field}:{e.Kind}:{e.Message}"))}";
}
