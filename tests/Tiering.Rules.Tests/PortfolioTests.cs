using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>Group policies decided over many facts at once (<see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>).</summary>
public sealed class PortfolioTests
{
    private const string Own = """
        policy: own
        version: "1"
        fields: { overdueDays: { type: integer, min: 0 } }
        grades: [normal, special_mention, substandard]
        hitPolicy: worst
        default: normal
        rules:
          - { id: OWN-SM, when: overdueDays >= 1, then: special_mention }
          - { id: OWN-SUB, when: overdueDays > 90, then: substandard }
        """;

    private const string Book = """
        policy: book
        version: "1"
        fields:
          debtorId: { type: string }
          balance: { type: decimal, min: 0 }
          nonRetail: { type: boolean }
        group:
          by: debtorId
          decides: members
          constant: [nonRetail]
          aggregates:
            debtorBalance: { sum: balance }
            loans: { count: members }
            npShare: { share: balance, where: "decision('own').grade = 'substandard'" }
        grades: [normal, special_mention, substandard]
        hitPolicy: worst
        default: normal
        rules:
          - { id: OWN-SM, when: "decision('own').grade = 'special_mention'", then: special_mention }
          - { id: OWN-SUB, when: "decision('own').grade = 'substandard'", then: substandard }
          - { id: CONTAGION, when: nonRetail and group.npShare > 0.10, then: substandard }
        """;

    private const string Tier = """
        policy: tier
        version: "1"
        fields: { total: { type: decimal, min: 0 } }
        grades: [small, big]
        hitPolicy: first
        bands:
          on: total
          rows:
            - { id: T-SMALL, from: 0, to: 100, grade: small, outputs: { owner: desk } }
            - { id: T-BIG, from: 100, grade: big, outputs: { owner: manager } }
        """;

    private const string Customers = """
        policy: customers
        version: "1"
        fields:
          customerId: { type: string }
          balance: { type: decimal, min: 0 }
        group:
          by: customerId
          decides: groups
          aggregates:
            total: { sum: balance }
            accounts: { count: members }
          decideWith: tier
        """;

    private const string Extremes = """
        policy: extremes
        version: "1"
        fields:
          debtorId: { type: string }
          balance: { type: decimal, min: 0 }
          overdueDays: { type: integer, min: 0 }
        group:
          by: debtorId
          decides: members
          aggregates:
            smallest: { min: balance }
            largest: { max: balance }
            mean: { avg: balance }
            worstOverdue: { max: overdueDays, where: overdueDays > 0 }
            leastOverdue: { min: overdueDays, where: overdueDays > 0 }
        grades: [normal, watch]
        hitPolicy: worst
        default: normal
        rules:
          - { id: SPREAD, when: group.largest > 10 * group.smallest, then: watch }
          - { id: LATE, when: group.worstOverdue > 30, then: watch }
        """;

    private static Dictionary<string, object?> Loan(string debtor, decimal balance, int overdueDays, bool nonRetail = true) =>
        Fact(("debtorId", debtor), ("balance", balance), ("nonRetail", nonRetail), ("overdueDays", overdueDays));

    [Theory]
    [InlineData("book", 1, 2)]
    [InlineData("book", 12, 20)]
    [InlineData("own", 1, 2)]
    public void DecidePortfolio_NullElement_ThrowsNamingItsIndex(string policy, int nullAt, int count)
    {
        var set = Load(Own, Book);
        var facts = Enumerable.Range(0, count).Select(i => i == nullAt ? null! : Loan($"D{i % 3}", 100, i)).ToArray();

        Action decide = () => set.DecidePortfolio(policy, facts);
        Action explain = () => set.ExplainPortfolio(policy, facts);

        foreach (var act in new[] { decide, explain })
        {
            act.Should().Throw<ArgumentNullException>().Which.Should().Match<ArgumentNullException>(
                e => e.ParamName == "facts" && e.Message.StartsWith($"facts[{nullAt}] is null", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DecidePortfolio_ShareExactlyTenPercent_DoesNotSpread()
    {
        var set = Load(Own, Book);

        var decisions = set.DecidePortfolio("book", [Loan("D1", 100, 91), Loan("D1", 900, 0)]);

        decisions.Select(d => d.Grade!.Id).Should().Equal("substandard", "normal");
        decisions[1].Group!.Aggregate("npShare")!.Value.Should().Be(0.1m);
        decisions[1].Outputs["npShare"].Should().Be("0.1");
        decisions[1].Outputs["debtorBalance"].Should().Be("1000");
    }

    [Fact]
    public void DecidePortfolio_ShareJustOverTenPercent_MakesEveryLoanSubstandard()
    {
        var set = Load(Own, Book);

        var decisions = set.DecidePortfolio("book", [Loan("D1", 100.01m, 91), Loan("D1", 899.99m, 0), Loan("D1", 0, 5)]);

        decisions.Select(d => d.Grade!.Id).Should().Equal("substandard", "substandard", "substandard");
        decisions[1].FiredRuleIds.Should().Equal("CONTAGION");
        decisions[2].FiredRuleIds.Should().Equal("OWN-SM", "CONTAGION");
        decisions[1].Group!.Aggregate("npShare")!.RuleIds.Should().Equal("OWN-SM", "OWN-SUB");
        decisions[1].Group!.Aggregate("npShare")!.Part.Should().Be(100.01m);
        decisions[1].Group!.Aggregate("npShare")!.Whole.Should().Be(1000m);
    }

    [Fact]
    public void DecidePortfolio_MinMaxAvg_AreEachGroupsOwnAndMissingOverNoMember()
    {
        var set = Load(Extremes);
        object[] facts =
        [
            Fact(("debtorId", "A"), ("balance", 50m), ("overdueDays", 0)),
            Fact(("debtorId", "B"), ("balance", 7m), ("overdueDays", 0)),
            Fact(("debtorId", "A"), ("balance", 400m), ("overdueDays", 45)),
            Fact(("debtorId", "A"), ("balance", 30m), ("overdueDays", 3)),
            Fact(("debtorId", "B"), ("balance", 8m), ("overdueDays", 0)),
        ];

        var decisions = set.DecidePortfolio("extremes", facts);

        var a = decisions[0].Group!;
        a.Aggregate("smallest")!.Value.Should().Be(30m);
        a.Aggregate("largest")!.Value.Should().Be(400m);
        a.Aggregate("mean")!.Value.Should().Be(160m);
        a.Aggregate("worstOverdue")!.Value.Should().Be(45m);
        a.Aggregate("leastOverdue")!.Value.Should().Be(3m);
        a.Aggregate("leastOverdue")!.Counted.Should().Be(2);
        var b = decisions[1].Group!;
        b.Aggregate("smallest")!.Value.Should().Be(7m);
        b.Aggregate("largest")!.Value.Should().Be(8m);
        b.Aggregate("mean")!.Value.Should().Be(7.5m);
        b.Aggregate("worstOverdue")!.Value.Should().BeNull();
        b.Aggregate("worstOverdue")!.WhyMissing.Should().Be("no member meets the condition, so max is missing");
        decisions.Select(d => d.Grade!.Id).Should().Equal("watch", "normal", "watch", "watch", "normal");
        decisions[0].FiredRuleIds.Should().Equal("SPREAD", "LATE");
        decisions[1].FiredRuleIds.Should().BeEmpty();
    }

    [Fact]
    public void DecidePortfolio_StreamedInput_IsReadOnceAndDecidedAsAList()
    {
        var set = Load(Own, Book);
        var book = new[]
        {
            Loan("D2", 100, 0), Loan("D1", 100.01m, 91), Loan("D2", 50, 200), Loan("D1", 899.99m, 0), Loan("D3", 10, 0, nonRetail: false),
        };
        var reads = 0;
        IEnumerable<Dictionary<string, object?>> Stream()
        {
            foreach (var loan in book)
            {
                reads++;
                yield return loan;
            }
        }

        var streamed = set.DecidePortfolio("book", Stream());
        var listed = set.DecidePortfolio("book", book);

        reads.Should().Be(book.Length);
        static string Describe(Decision d) =>
            $"{d.Status} {d.Grade?.Id} [{string.Join(",", d.FiredRuleIds)}] {d.Group} {string.Join(",", d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))}";
        streamed.Select(Describe).Should().Equal(listed.Select(Describe));
        streamed.Select(d => d.Grade!.Id).Should().Equal("substandard", "substandard", "substandard", "substandard", "normal");
    }

    [Fact]
    public void DecidePortfolio_RetailDebtorOverTenPercent_DoesNotSpread()
    {
        var set = Load(Own, Book);

        var decisions = set.DecidePortfolio("book", [Loan("R1", 500, 100, nonRetail: false), Loan("R1", 500, 0, nonRetail: false)]);

        decisions.Select(d => d.Grade!.Id).Should().Equal("substandard", "normal");
        decisions[1].Group!.Aggregate("npShare")!.Value.Should().Be(0.5m);
    }

    [Fact]
    public void DecidePortfolio_ZeroTotalBalance_ShareIsMissingAndContagionDoesNotFire()
    {
        var set = Load(Own, Book);

        var decisions = set.DecidePortfolio("book", [Loan("Z", 0, 100), Loan("Z", 0, 0)]);

        decisions.Select(d => d.Status).Should().Equal(DecisionStatus.Classified, DecisionStatus.Classified);
        decisions.Select(d => d.Grade!.Id).Should().Equal("substandard", "normal");
        var share = decisions[1].Group!.Aggregate("npShare")!;
        share.Value.Should().BeNull();
        share.WhyMissing.Should().Contain("total balance of the group is 0");
        decisions[1].Outputs.Should().NotContainKey("npShare");
    }

    [Fact]
    public void DecidePortfolio_InvalidMember_IsInvalidExcludedAndCounted()
    {
        var set = Load(Own, Book);
        var bad = Loan("D1", -5, 0);

        var decisions = set.DecidePortfolio("book", [Loan("D1", 100, 91), bad, Loan("D1", 100, 0)]);

        decisions[1].Status.Should().Be(DecisionStatus.Invalid);
        decisions[1].Errors.Should().ContainSingle(e => e.Field == "balance");
        decisions[0].Group!.Excluded.Should().Be(1);
        decisions[0].Group!.Members.Should().Be(2);
        decisions[2].Group!.Aggregate("debtorBalance")!.Value.Should().Be(200m);
        decisions[2].Group!.Aggregate("loans")!.Value.Should().Be(2m);
        decisions[2].Grade!.Id.Should().Be("substandard", "half the debtor's valid balance is non-performing");
    }

    [Fact]
    public void DecidePortfolio_ConstantFieldDisagrees_EveryMemberInvalidNamingFieldAndKey()
    {
        var set = Load(Own, Book);

        var decisions = set.DecidePortfolio("book", [Loan("D1", 100, 0), Loan("D2", 100, 0), Loan("D1", 100, 0, nonRetail: false)]);

        decisions[0].Status.Should().Be(DecisionStatus.Invalid);
        decisions[2].Status.Should().Be(DecisionStatus.Invalid);
        decisions[0].Errors.Should().ContainSingle().Which.Message.Should().Contain("nonRetail").And.Contain("debtorId = D1");
        decisions[0].Errors[0].Kind.Should().Be(FieldErrorKind.ConstantConflict);
        decisions[1].Status.Should().Be(DecisionStatus.Classified);
    }

    [Fact]
    public void DecidePortfolio_MembersOfSeveralGroups_InInputOrderWithTheirKey()
    {
        var set = Load(Own, Book);

        var decisions = set.DecidePortfolio("book", [Loan("B", 10, 0), Loan("A", 10, 0), Loan("B", 10, 100), Loan("A", 90, 0)]);

        decisions.Select(d => d.Group!.Key).Should().Equal("B", "A", "B", "A");
        decisions.Select(d => d.Grade!.Id).Should().Equal("substandard", "normal", "substandard", "normal");
        decisions.Should().OnlyContain(d => d.PolicyId == "book");
    }

    [Fact]
    public void DecidePortfolio_GroupDeciding_OneDecisionPerKeyInFirstAppearanceOrder()
    {
        var set = Load(Tier, Customers);
        var account = (string c, decimal b) => Fact(("customerId", c), ("balance", b));

        var decisions = set.DecidePortfolio("customers", [account("C2", 60), account("C1", 10), account("C2", 40), account("C1", 5)]);

        decisions.Select(d => (d.Group!.Key, d.Grade!.Id, d.Group.Members)).Should().Equal(("C2", "big", 2), ("C1", "small", 2));
        decisions[0].PolicyId.Should().Be("customers");
        decisions[0].FiredRuleIds.Should().Equal("T-BIG");
        decisions[0].Outputs.Should().Contain("owner", "manager").And.Contain("total", "100").And.Contain("accounts", "2");
    }

    [Fact]
    public void DecidePortfolio_GroupDecidingWithInvalidMember_ItsOwnDecisionAtItsPlaceAndTheGroupSaysExcluded()
    {
        var set = Load(Tier, Customers);

        var decisions = set.DecidePortfolio("customers", [Fact(("customerId", "C1"), ("balance", 150m)), Fact(("customerId", "C1"))]);

        decisions.Should().HaveCount(2);
        decisions[0].Grade!.Id.Should().Be("big");
        decisions[0].Group!.Excluded.Should().Be(1);
        decisions[1].Status.Should().Be(DecisionStatus.Invalid);
        decisions[1].Errors.Should().ContainSingle(e => e.Field == "balance");
        decisions[1].Group!.Key.Should().Be("C1");
    }

    [Fact]
    public void DecidePortfolio_SortedInputOutOfOrder_ThrowsNamingTheRecord()
    {
        var set = Load(Own, Book);
        var seen = new List<Decision>();

        var act = () => set.DecidePortfolio("book", new[] { Loan("A", 10, 0), Loan("B", 10, 0), Loan("A", 10, 0) }, seen.Add, sortedByKey: true);

        act.Should().Throw<InvalidDataException>().WithMessage("record 3: key debtorId = A comes after debtorId = B*");
        seen.Should().HaveCount(1, "group A was complete when B started");
    }

    [Fact]
    public void DecidePortfolio_SortedInput_SameDecisionsAsUnsorted()
    {
        var set = Load(Own, Book);
        var facts = new[] { Loan("A", 10, 100), Loan("A", 10, 0), Loan("B", 10, 0), Loan("C", 0, 0), Loan("C", 1, 400) };
        var streamed = new List<Decision>();

        set.DecidePortfolio("book", facts, streamed.Add, sortedByKey: true);

        streamed.Select(d => d.ToString()).Should().Equal(set.DecidePortfolio("book", facts).Select(d => d.ToString()));
        streamed.Select(d => d.Grade!.Id).Should().Equal("substandard", "substandard", "normal", "substandard", "substandard");
    }

    [Fact]
    public void DecidePortfolio_ShuffledBook_SameDecisionsAsExplainAndSortedStreaming()
    {
        // A shuffled book reaches its groups in another order than the explaining run and sorted streaming do (the run
        // numbers groups after pass one and decides them group by group): every decision must still be the same.
        var set = Load(Own, Book);
        var random = new Random(7);
        var facts = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 600; i++)
        {
            var debtor = $"D{random.Next(90):00}";
            var loan = Loan(debtor, random.Next(20) == 0 ? -1 : random.Next(1000), random.Next(10) == 0 ? 120 : random.Next(3) == 0 ? 10 : 0, nonRetail: debtor != "D07" || random.Next(2) == 0);
            if (random.Next(50) == 0)
            {
                loan.Remove("debtorId");
            }

            facts.Add(loan);
        }

        var decided = set.DecidePortfolio("book", facts);
        var explained = set.ExplainPortfolio("book", facts).Traces.Select(t => t.Decision).ToList();
        var order = Enumerable.Range(0, facts.Count).Where(i => facts[i].ContainsKey("debtorId")).OrderBy(i => (string)facts[i]["debtorId"]!, StringComparer.Ordinal).ToList();
        var streamed = new List<Decision>();
        set.DecidePortfolio("book", order.Select(i => facts[i]), streamed.Add, sortedByKey: true);

        decided.Select(Describe).Should().Equal(explained.Select(Describe));
        order.Select(i => Describe(decided[i])).Should().Equal(streamed.Select(Describe));
        decided.Should().Contain(d => d.Status == DecisionStatus.Invalid && d.Errors.Any(e => e.Field == "nonRetail"), "debtor D07's loans disagree on nonRetail");
        decided.Should().Contain(d => d.Status == DecisionStatus.Invalid && d.Group == null, "a loan without a debtor is invalid on its own");
        decided.Should().Contain(d => d.FiredRuleIds.Contains("CONTAGION") && d.Group!.Excluded > 0);

        static string Describe(Decision d) =>
            $"{d} {string.Join("; ", d.Errors.Select(e => $"{e.Field}: {e.Message}"))} | {d.Group} | "
            + string.Join("; ", d.Group?.Aggregates.Select(a => $"{a} {a.Counted} {a.Part} {a.Whole} [{string.Join(",", a.RuleIds)}]") ?? [])
            + " | " + string.Join(", ", d.Outputs.Select(o => $"{o.Key}={o.Value}"));
    }

    [Fact]
    public void DecidePortfolio_ShuffledPocoArray_SameDecisionsAsStreamedInput()
    {
        // An array or list of POCOs is read ahead (each fact and its key's text asked for a few records early); a streamed
        // enumerable is not. Facts made debtor by debtor and then shuffled lie in memory in another order than the input.
        var set = Load(Own, Book);
        var random = new Random(11);
        var facts = new List<BookLoan>();
        for (var d = 0; d < 60; d++)
        {
            var nonRetail = random.Next(3) != 0;
            for (var n = 1 + random.Next(6); n > 0; n--)
            {
                facts.Add(new BookLoan { DebtorId = d == 5 && n == 1 ? null : $"D{d:00}", Balance = random.Next(15) == 0 ? -1 : random.Next(1000), NonRetail = nonRetail, OverdueDays = random.Next(8) == 0 ? 120 : 0 });
            }
        }

        var shuffled = facts.OrderBy(_ => random.Next()).ToArray();

        var fromArray = set.DecidePortfolio("book", shuffled);
        var fromList = set.DecidePortfolio("book", shuffled.ToList());
        var streamed = set.DecidePortfolio("book", shuffled.Select(f => f));

        fromArray.Select(d => $"{d} | {d.Group}").Should().Equal(streamed.Select(d => $"{d} | {d.Group}"));
        fromList.Select(d => $"{d} | {d.Group}").Should().Equal(streamed.Select(d => $"{d} | {d.Group}"));
        fromArray.Should().Contain(d => d.FiredRuleIds.Contains("CONTAGION"));
        fromArray.Should().Contain(d => d.Status == DecisionStatus.Invalid && d.Group == null, "a loan without a debtor is invalid on its own");
    }

    [Fact]
    public void DecidePortfolio_KeyGetterThrowsInArray_SameAsStreamedInput()
    {
        // Reading ahead calls the key's getter early; one that throws must not change what the run does with that fact.
        var set = Load(Own, Book);
        var facts = Enumerable.Range(0, 40).Select(i => new ThrowingKeyLoan(i == 25) { Balance = 10 * i }).ToArray();

        var streamed = Record(() => set.DecidePortfolio("book", facts.Select(f => f)));
        var fromArray = Record(() => set.DecidePortfolio("book", facts));

        fromArray.Should().Be(streamed);
        streamed.Should().Contain("no debtor", "the binder meets the getter's exception at record 26, read ahead or not");

        static string Record(Func<IReadOnlyList<Decision>> decide)
        {
            try
            {
                return string.Join("\n", decide().Select(d => $"{d} | {d.Group} | {string.Join(";", d.Errors.Select(e => e.Field))}"));
            }
            catch (Exception ex)
            {
                return $"{ex.GetType().Name}: {ex.GetBaseException().Message}";
            }
        }
    }

    [Fact]
    public void DecidePortfolio_ConstantsOfEveryKind_CountedFromSnapshotsAsFromFrames()
    {
        // The run counts a shuffled book's members from their snapshots, not from frames put back: constants of every
        // storage kind (text, number, date, enum, flag) must agree or conflict, and aggregates read numbers, as from frames.
        var set = Load("""
            policy: kinds
            version: "1"
            fields:
              debtorId: { type: string }
              balance: { type: decimal, min: 0 }
              overdueDays: { type: integer, min: 0 }
              region: { type: string }
              rate: { type: decimal }
              opened: { type: date }
              size: { type: enum, values: [small, large] }
              nonRetail: { type: boolean }
            group:
              by: debtorId
              decides: members
              constant: [region, rate, opened, size, nonRetail]
              aggregates:
                total: { sum: balance }
                worst: { max: overdueDays }
                least: { min: balance, where: overdueDays > 0 }
            grades: [normal, watch]
            hitPolicy: worst
            default: normal
            rules:
              - { id: LATE, when: group.worst > 30 and group.total > 100, then: watch }
            """);
        var random = new Random(3);
        var facts = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 300; i++)
        {
            var d = random.Next(40);
            var odd = random.Next(60) == 0; // now and then one member disagrees on one constant
            facts.Add(Fact(
                ("debtorId", $"D{d:00}"),
                ("balance", (decimal)random.Next(200)),
                ("overdueDays", random.Next(5) == 0 ? 45 : 0),
                ("region", odd && d % 5 == 0 ? "north" : $"R{d % 3}"),
                ("rate", odd && d % 5 == 1 ? 0.5m : 0.25m),
                ("opened", odd && d % 5 == 2 ? "2020-01-02" : "2020-01-01"),
                ("size", odd && d % 5 == 3 ? "large" : d % 2 == 0 ? "small" : "large"),
                ("nonRetail", odd && d % 5 == 4 ? d % 2 == 0 : d % 2 == 1)));
        }

        var decided = set.DecidePortfolio("kinds", facts);
        var explained = set.ExplainPortfolio("kinds", facts).Traces.Select(t => t.Decision).ToList();

        decided.Select(Describe).Should().Equal(explained.Select(Describe));
        decided.Where(d => d.Status == DecisionStatus.Invalid).SelectMany(d => d.Errors.Select(e => e.Field)).Distinct()
            .Should().BeSubsetOf(["region", "rate", "opened", "size", "nonRetail"]).And.HaveCountGreaterThan(1);
        decided.Should().Contain(d => d.FiredRuleIds.Contains("LATE"));

        static string Describe(Decision d) =>
            $"{d} {string.Join("; ", d.Errors.Select(e => $"{e.Field}: {e.Message}"))} | {d.Group} | "
            + string.Join("; ", d.Group?.Aggregates.Select(a => $"{a} {a.Counted}") ?? []);
    }

    [Fact]
    public void DecidePortfolio_MembersByShareOfWholeInput_SameAsExplainWithAggregatesMadeWhenRead()
    {
        // A shuffled run gives each group's description its aggregates from the run's table when first read (here after
        // the run, from several threads at once), and its members' frames the same values from one reused array.
        var set = Load("""
            policy: shares
            version: "1"
            fields:
              debtorId: { type: string }
              balance: { type: decimal, min: 0 }
            group:
              by: debtorId
              decides: members
              aggregates:
                ofBook: { share: balance, over: input }
                own: { sum: balance }
                smallest: { min: balance, where: balance > 0 }
            grades: [normal, big]
            hitPolicy: worst
            default: normal
            rules:
              - { id: BIG, when: group.ofBook > 0.04, then: big }
            """);
        var random = new Random(5);
        var facts = Enumerable.Range(0, 400)
            .Select(i => Fact(("debtorId", $"D{random.Next(30):00}"), ("balance", random.Next(25) == 0 ? -5m : random.Next(3) == 0 ? 0m : random.Next(900))))
            .Append(Fact(("debtorId", "ZERO"), ("balance", 0m)))
            .Append(Fact(("debtorId", "BAD"), ("balance", -1m)))
            .ToList();

        var decided = set.DecidePortfolio("shares", facts);
        var explained = set.ExplainPortfolio("shares", facts).Traces.Select(t => t.Decision).ToList();
        var readInParallel = new string[decided.Count];
        Parallel.For(0, decided.Count, i => readInParallel[i] = Describe(decided[i]));

        readInParallel.Should().Equal(explained.Select(Describe));
        decided.Should().Contain(d => d.FiredRuleIds.Contains("BIG"));
        decided.Single(d => d.Group?.Key == "ZERO").Group!.Aggregate("smallest")!.WhyMissing.Should().NotBeNull("no member of ZERO has a balance over 0");
        decided.Single(d => d.Group?.Key == "BAD").Group!.Members.Should().Be(0);

        static string Describe(Decision d) =>
            $"{d} | {d.Group} | " + string.Join("; ", d.Group?.Aggregates.Select(a => $"{a} {a.Counted} {a.Part} {a.Whole} {a.WhyMissing}") ?? [])
            + " | " + string.Join(", ", d.Outputs.Select(o => $"{o.Key}={o.Value}"));
    }

    /// <summary>A loan as a host's class: the key is a property the run reads ahead.</summary>
    private sealed class BookLoan
    {
        public string? DebtorId { get; init; }

        public decimal Balance { get; init; }

        public bool NonRetail { get; init; }

        public int OverdueDays { get; init; }
    }

    /// <summary>A loan whose key getter throws for one record.</summary>
    private sealed class ThrowingKeyLoan(bool throws)
    {
        public string DebtorId => throws ? throw new InvalidOperationException("no debtor") : "D1";

        public decimal Balance { get; init; }

        public bool NonRetail => true;

        public int OverdueDays => 0;
    }

    [Fact]
    public void Decide_GroupPolicyOnOneFact_IsAGroupOfOne()
    {
        var set = Load(Own, Book);

        var decision = set.Decide("book", Loan("A", 10, 100));

        decision.Group!.Members.Should().Be(1);
        decision.Group.Aggregate("npShare")!.Value.Should().Be(1m);
        decision.FiredRuleIds.Should().Equal("OWN-SUB", "CONTAGION");
    }
}
