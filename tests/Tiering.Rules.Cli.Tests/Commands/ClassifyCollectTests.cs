namespace Tiering.Rules.Cli.Tests.Commands;

/// <summary>
/// `tiering classify` on a collect policy: each JSON line carries "collect" — the fired rules' own outputs as a list in
/// rule order, and the aggregates as numbers (null for a min or max over no value) — the same from either engine.
/// </summary>
public sealed class ClassifyCollectTests
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
          - { id: F-BASE, when: amount > 0, outputs: { fee: "2.50", label: base } }
          - { id: F-FOREIGN, when: foreign, outputs: { fee: "=round(amount * 0.015, 2)" } }
          - { id: F-EXPRESS, when: express, outputs: { fee: "10", speed: fast } }
        """;

    private const string Input = "id,amount,foreign,express\nT1,1000,true,true\nT2,0,false,false\nT3,-1,false,false\n";

    private static CliRun.Result Classify(string engine)
    {
        var dir = Directory.CreateTempSubdirectory("tiering-collect-");
        File.WriteAllText(Path.Combine(dir.FullName, "fees.yaml"), Fees);
        return CliRun.Run(Input, "classify", "--rules", dir.FullName, "--policy", "fees", "--input", "-", "--id-field", "id", "--engine", engine);
    }

    [Theory]
    [InlineData("compiled")]
    [InlineData("nrules")]
    public void Classify_CollectPolicy_WritesTheListInRuleOrderAndTheAggregatesAsNumbers(string engine)
    {
        var run = Classify(engine);

        run.Exit.Should().Be(0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().Be("""{"id":"T1","policy":"fees","version":"1","status":"classified","grade":"charged","fired":["F-BASE","F-FOREIGN","F-EXPRESS"],"outputs":{"currency":"CNY","highest":"15.00","items":"3","label":"base","lowest":"2.50","speed":"fast","total":"27.50"},"collect":{"rules":[{"rule":"F-BASE","outputs":{"fee":"2.50","label":"base"}},{"rule":"F-FOREIGN","outputs":{"fee":"15.00"}},{"rule":"F-EXPRESS","outputs":{"fee":"10","speed":"fast"}}],"aggregates":{"total":27.50,"lowest":2.50,"highest":15.00,"items":3}},"errors":[]}""");
        lines[1].Should().Be("""{"id":"T2","policy":"fees","version":"1","status":"classified","grade":"charged","fired":[],"outputs":{"currency":"CNY","items":"0","total":"0"},"collect":{"rules":[],"aggregates":{"total":0,"lowest":null,"highest":null,"items":0}},"errors":[]}""");
        lines[2].Should().StartWith("""{"id":"T3","policy":"fees","version":"1","status":"invalid","grade":null,"fired":[],"outputs":{},"collect":{"rules":[],"aggregates":{}},"errors":[{"field":"amount",""");
    }

    [Fact]
    public void Classify_PolicyThatIsNotCollect_WritesNoCollectKey()
    {
        var run = CliRun.ClassifyAum("id,aum\nC1,1000\n");

        run.Exit.Should().Be(0, run.Err);
        run.Lines.Should().ContainSingle().Which.TryGetProperty("collect", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("compiled")]
    [InlineData("nrules")]
    public void Classify_CollectPolicyWithPriorities_WritesTheListInPriorityOrderWithEachPriority(string engine)
    {
        var dir = Directory.CreateTempSubdirectory("tiering-collect-");
        File.WriteAllText(Path.Combine(dir.FullName, "fees.yaml"), Fees
            .Replace("when: amount > 0,", "when: amount > 0, priority: 2,", StringComparison.Ordinal)
            .Replace("when: foreign,", "when: foreign, priority: 2,", StringComparison.Ordinal)
            .Replace("when: express,", "when: express, priority: 1,", StringComparison.Ordinal));

        var run = CliRun.Run("id,amount,foreign,express\nT1,1000,true,true\n", "classify", "--rules", dir.FullName, "--policy", "fees", "--input", "-", "--id-field", "id", "--engine", engine);

        run.Exit.Should().Be(0, run.Err);
        run.Out.Should().Contain("""
            "collect":{"rules":[{"rule":"F-EXPRESS","priority":1,"outputs":{"fee":"10","speed":"fast"}},{"rule":"F-BASE","priority":2,"outputs":{"fee":"2.50","label":"base"}},{"rule":"F-FOREIGN","priority":2,"outputs":{"fee":"15.00"}}],"aggregates":{"total":27.50,"lowest":2.50,"highest":15.00,"items":3}}
            """);
    }
}
