using static Tiering.Rules.Tests.Support.Policies;

namespace Tiering.Rules.Tests;

/// <summary>collect as a list: every fired rule's outputs in rule order, and aggregates over one output (DESIGN §4).</summary>
public sealed class CollectListTests
{
    private const string Fees = """
        policy: fees
        version: "1"
        fields: { amount: { type: decimal, min: 0 }, foreign: { type: boolean }, express: { type: boolean } }
        grades:
          - { id: charged, outputs: { currency: CNY } }
        hitPolicy: collect
        default: charged
        aggregate:
          total: { sum: fee }
          lowest: { min: fee }
          highest: { max: fee }
          items: { count: fee }
        rules:
          - { id: F-BASE, when: "true", outputs: { fee: "2.50", label: base } }
          - { id: F-FOREIGN, when: foreign, outputs: { fee: "=round(amount * 0.015, 2)" } }
          - { id: F-EXPRESS, when: express, outputs: { fee: "10", speed: fast } }
        """;

    [Fact]
    public void Decide_SeveralRulesFire_ListInRuleOrderAndAggregates()
    {
        var decision = Load(Fees).Decide("fees", Fact(("amount", 1000m), ("foreign", true), ("express", true)));

        decision.FiredRules.Select(r => (r.Id, r.Outputs["fee"])).Should().Equal(("F-BASE", "2.50"), ("F-FOREIGN", "15.00"), ("F-EXPRESS", "10"));
        decision.Outputs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["currency"] = "CNY",
            ["label"] = "base",
            ["speed"] = "fast",
            ["total"] = "27.50",
            ["lowest"] = "2.50",
            ["highest"] = "15.00",
            ["items"] = "3",
        });
    }

    [Fact]
    public void Decide_OneRuleFires_AggregatesOfOne()
    {
        var outputs = Load(Fees).Decide("fees", Fact(("amount", 1000m), ("foreign", false), ("express", false))).Outputs;

        outputs["total"].Should().Be("2.50");
        outputs["items"].Should().Be("1");
        outputs.Should().NotContainKey("fee", "a folded output lives in the list, not in the merged outputs");
    }

    [Fact]
    public void Decide_CompiledTier_SameList()
    {
        var set = Load(Fees);
        var fact = Fact(("amount", 333m), ("foreign", true), ("express", false));
        var before = set.Decide("fees", fact).Outputs;

        set.Prepare();

        set.Decide("fees", fact).Outputs.Should().BeEquivalentTo(before);
        before["total"].Should().Be("7.50", "2.50 + round(4.995, 2) = 2.50 + 5.00");
    }

    [Fact]
    public void Explain_Collect_ListsEachFiredRulesOutputs()
    {
        var trace = Load(Fees).Explain("fees", Fact(("amount", 1000m), ("foreign", true), ("express", false))).ToString();

        trace.Should().Contain("Collected (rule order):\n  F-BASE: fee = 2.50, label = base\n  F-FOREIGN: fee = 15.00\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("first", "total: { sum: fee }", "'aggregate' folds the outputs of the fired rules of hitPolicy collect; this policy's hitPolicy is first")]
    [InlineData("collect", "total: { average: fee }", "aggregate 'total' must map one of sum, min, max or count to an output name, as in 'sum: fee'")]
    [InlineData("collect", "total: { sum: fe }", "aggregate 'total' reads output 'fe', which no rule sets")]
    [InlineData("collect", "total: { sum: label }", "aggregate 'total' needs numbers, but rule 'A' sets output 'label' to the text 'x'")]
    [InlineData("collect", "fee: { count: fee }", "aggregate 'fee' has the name of an output a rule or grade sets")]
    public void Load_BadAggregate_ReportsWhy(string hitPolicy, string aggregate, string message)
    {
        var result = TryLoad($$"""
            policy: bad
            version: "1"
            fields: { x: { type: decimal } }
            grades: [g]
            hitPolicy: {{hitPolicy}}
            default: g
            aggregate: { {{aggregate}} }
            rules:
              - { id: A, when: x > 0, then: g, outputs: { fee: "1", label: x } }
              - { id: B, when: x > 1, then: g, outputs: { fee: "2" } }
            """);

        result.Diagnostics.Should().Contain(d => d.Message == message, string.Join("\n", result.Diagnostics));
    }

    private const string Ranked = """
        policy: alerts
        version: "1"
        fields: { amount: { type: decimal, min: 0 }, foreign: { type: boolean }, night: { type: boolean } }
        grades: [notice, review]
        hitPolicy: collect
        default: notice
        rules:
          - { id: A-LARGE, when: amount > 1000, then: review, priority: 2, outputs: { large: "yes" } }
          - { id: A-FOREIGN, when: foreign, then: notice, priority: 1, outputs: { foreign: "=amount * 2" } }
          - { id: A-NIGHT, when: night, then: notice, priority: 2, outputs: { night: "yes" } }
          - { id: A-ANY, when: amount > 0, then: notice, priority: 3 }
        """;

    [Fact]
    public void Decide_DeclaredPriorities_CollectedInPriorityOrderWithTiesInRuleOrder()
    {
        var decision = Load(Ranked).Decide("alerts", Fact(("amount", 2000m), ("foreign", true), ("night", true)));

        decision.Collected.Select(r => (r.Id, r.Priority)).Should().Equal(("A-FOREIGN", 1), ("A-LARGE", 2), ("A-NIGHT", 2), ("A-ANY", 3));
        decision.FiredRules.Select(r => r.Id).Should().Equal(["A-LARGE", "A-FOREIGN", "A-NIGHT", "A-ANY"], "FiredRules stays in file order");
        decision.Collected[0].Outputs["foreign"].Should().Be("4000");
    }

    [Fact]
    public void Decide_NoPriorities_CollectedIsTheFiredRulesInRuleOrder()
    {
        var decision = Load(Fees).Decide("fees", Fact(("amount", 1000m), ("foreign", true), ("express", true)));

        decision.Collected.Select(r => r.Id).Should().Equal("F-BASE", "F-FOREIGN", "F-EXPRESS");
        decision.Collected.Should().OnlyContain(r => r.Priority == null);
    }

    [Fact]
    public void Explain_DeclaredPriorities_PrintsTheListInPriorityOrder()
    {
        var trace = Load(Ranked).Explain("alerts", Fact(("amount", 2000m), ("foreign", true), ("night", true))).ToString();

        trace.Should().Contain("Collected (by priority, then rule order):\n  A-FOREIGN (priority 1): foreign = 4000\n  A-LARGE (priority 2): large = yes\n  A-NIGHT (priority 2): night = yes\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("worst", "priority: 1", "priority: 2", "7:36: error TR3025: 'priority' orders the list of fired rules of hitPolicy collect; this policy's hitPolicy is worst")]
    [InlineData("collect", "priority: 0", "priority: 2", "7:46: error TR3025: the priority of rule 'A' must be a whole number from 1 up (1 is listed first, ties keep rule order), not '0'")]
    [InlineData("collect", "priority: 1.5", "priority: 2", "7:46: error TR3025: the priority of rule 'A' must be a whole number from 1 up (1 is listed first, ties keep rule order), not '1.5'")]
    [InlineData("collect", "priority: '1'", "priority: 2", "7:46: error TR3025: the priority of rule 'A' must be a whole number from 1 up (1 is listed first, ties keep rule order), not '1'")]
    [InlineData("collect", "priority: -1", "priority: 2", "7:46: error TR3025: the priority of rule 'A' must be a whole number from 1 up (1 is listed first, ties keep rule order), not '-1'")]
    [InlineData("collect", "priority: 1", "because: b", "8:5: error TR3025: rule 'B' has no priority, but this policy orders its collect list by priority (rule 'A' declares one): give every rule a priority, or none")]
    public void Load_BadPriority_ReportsWhereAndWhy(string hitPolicy, string first, string second, string expected)
    {
        var result = TryLoad($$"""
            policy: bad
            version: "1"
            fields: { x: { type: decimal } }
            grades: [g]
            hitPolicy: {{hitPolicy}}
            rules:
              - { id: A, when: x > 0, then: g, {{first}} }
              - { id: B, when: x > 1, then: g, {{second}} }
            """);

        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle(d => d.Contains("TR3025", StringComparison.Ordinal) && d.EndsWith(expected, StringComparison.Ordinal), string.Join("\n", result.Diagnostics));
        result.Diagnostics.Should().OnlyContain(d => d.Code == "TR3025", "a bad priority is reported once, as itself");
    }
}
