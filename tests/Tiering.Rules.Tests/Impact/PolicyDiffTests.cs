using System.Text.RegularExpressions;
using Tiering.Rules.Impact;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Impact;

/// <summary>
/// The symbolic diff on every shipped policy pair: the two regulatory versions both ways, every policy against itself,
/// and every policy against a copy with one threshold moved. Each witness is decided again here, by the engine, under
/// both sides; it must give exactly the verdicts its region states.
/// </summary>
public sealed partial class PolicyDiffTests
{
    private const string Regulatory = "loan-risk-regulatory";

    private static readonly PolicySet Shipped = PolicySet.LoadDirectory(Repo.Rules);

    private static ImpactSide Before => new(Shipped, Regulatory, RegulatoryLoans.Before);

    private static ImpactSide After => new(Shipped, Regulatory, RegulatoryLoans.After);

    public static TheoryData<string> PolicyFiles() =>
        [.. Directory.EnumerateFiles(Repo.Rules, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => !f.EndsWith(".tests.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string Label(Decision d) => d.Status == DecisionStatus.Classified ? d.Grade!.Id : d.Status.ToSnakeCase();

    [Fact]
    public void Compare_Regulatory2007To2023_IsCompleteAndEveryWitnessDecidesAsItsRegionSays()
    {
        var diff = PolicyDiff.Compare(Before, After);

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        (diff.BeforeVersion, diff.AfterVersion).Should().Be(("2007", "2023"));
        diff.Regions.Should().HaveCountGreaterThan(20);
        AssertWitnesses(diff, Shipped, RegulatoryLoans.Before, Shipped, RegulatoryLoans.After);
    }

    [Fact]
    public void Compare_Regulatory2023To2007_EveryWitnessDecidesAsItsRegionSays()
    {
        var diff = PolicyDiff.Compare(After, Before);

        diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        AssertWitnesses(diff, Shipped, RegulatoryLoans.After, Shipped, RegulatoryLoans.Before);
    }

    [Fact]
    public void Compare_Regulatory2007To2023_EveryChangeSeenOnDataLiesInARegionOfThatKind()
    {
        var diff = PolicyDiff.Compare(Before, After);
        var kinds = diff.Regions.Select(r => (r.From, r.To)).ToHashSet();

        var impact = PolicyImpact.Compare(Before, After, RegulatoryLoans.Generate(5000, seed: 21));

        var seen = impact.Cells.Where(c => c.Changed && c.From != "invalid" && c.To != "invalid").Select(c => (c.From, c.To)).ToList();
        seen.Should().NotBeEmpty().And.OnlyContain(k => kinds.Contains(k), "a complete diff lists every kind of change the data shows");
    }

    [Fact]
    public void Compare_Regulatory2007To2023_DescribesRegionsInTheAuthorsTerms()
    {
        var diff = PolicyDiff.Compare(Before, After);

        diff.Regions.Should().Contain(r => r.From == "substandard" && r.To == "special_mention" && r.Description.Contains("restructured", StringComparison.Ordinal)
            && r.Description.Contains("priorCategory in ('normal', 'special_mention')", StringComparison.Ordinal));
        diff.Regions.Should().Contain(r => r.From == "special_mention" && r.To == "substandard" && r.Description.Contains("overdueDays in [91, ", StringComparison.Ordinal));
        diff.Regions.Should().OnlyContain(r => r.Complete && r.Verified && r.Undecided.Count == 0);
    }

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public void Compare_ShippedPolicyWithItself_ListsNoRegion(string file)
    {
        var (id, asOf) = IdAndDate(file);

        var diff = PolicyDiff.Compare(new ImpactSide(Shipped, id, asOf), new ImpactSide(Shipped, id, asOf));

        diff.Regions.Should().BeEmpty();
        if (id == "credit-scorecard-example")
        {
            diff.Complete.Should().BeFalse("a scorecard's sum of points is beyond the box analysis, and the diff must say so");
            diff.Reasons.Should().ContainMatch("*scorecard*");
        }
        else if (Shipped.IsGroupPolicy(id))
        {
            diff.Complete.Should().BeFalse("a group policy's verdicts depend on many facts at once, and the diff must say so");
            diff.Reasons.Should().ContainMatch("*beyond a diff of one*");
        }
        else
        {
            diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
        }
    }

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public void Compare_ShippedPolicyWithAThresholdMoved_EveryWitnessDecidesAsItsRegionSays(string file)
    {
        var (id, asOf) = IdAndDate(file);
        var text = File.ReadAllText(Path.Combine(Repo.Rules, file));
        if (Shipped.IsGroupPolicy(id) && Shipped.Policies.Last(p => p.Id == id).DecidesEachGroup)
        {
            // Its thresholds are the policy it names (decideWith), which this theory moves in its own file.
            text.Should().Contain("decideWith:");
            return;
        }

        var moved = MoveFirstThreshold(text);
        moved.Should().NotBe(text, $"{file} has a numeric threshold to move");
        var others = Directory.EnumerateFiles(Repo.Rules, "*.yaml").Where(f => !f.EndsWith(".tests.yaml", StringComparison.Ordinal) && Path.GetFileName(f) != file)
            .Select(f => new PolicySource(f, File.ReadAllText(f)));
        var edited = PolicyLoader.LoadSources([.. others, new PolicySource(Path.Combine(Repo.Rules, file), moved)]);
        if (edited.PolicySet is not { } after)
        {
            // Moving the threshold made the file invalid (a band now overlaps its neighbour): nothing to diff.
            edited.Diagnostics.Should().Contain(d => d.Severity == Tiering.Rules.Diagnostics.DiagnosticSeverity.Error);
            return;
        }

        var diff = PolicyDiff.Compare(new ImpactSide(Shipped, id, asOf), new ImpactSide(after, id, asOf));

        if (Shipped.IsGroupPolicy(id))
        {
            diff.Complete.Should().BeFalse("a group policy's verdicts depend on many facts at once");
        }
        else if (id != "credit-scorecard-example")
        {
            diff.Complete.Should().BeTrue(string.Join("; ", diff.Reasons));
            diff.Regions.Should().NotBeEmpty($"moving a threshold of {file} changes some verdict");
        }

        AssertWitnesses(diff, Shipped, asOf, after, asOf);
    }

    [Fact]
    public void Compare_ConditionBeyondTheAnalysis_IsIncompleteAndSaysWhichRuleWhere()
    {
        var before = Policies.Load(TwoFields("a > b"));
        var after = Policies.Load(TwoFields("a > 5"));

        var diff = PolicyDiff.Compare(new ImpactSide(before, "p"), new ImpactSide(after, "p"));

        diff.Complete.Should().BeFalse();
        diff.Reasons.Should().ContainMatch("before rule R1 is beyond the analysis*two fields*");
        diff.Regions.Should().OnlyContain(r => !r.Complete && r.Undecided.Any(u => u.StartsWith("before R1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compare_PolicyMissingOnOneSide_ThrowsNamingTheSide()
    {
        var other = Policies.Load(TwoFields("a > 5").Replace("policy: p", "policy: q", StringComparison.Ordinal));

        var act = () => PolicyDiff.Compare(new ImpactSide(Shipped, Regulatory, RegulatoryLoans.Before), new ImpactSide(other, Regulatory));

        act.Should().Throw<ArgumentException>().WithMessage("the after side*");
    }

    private static string TwoFields(string condition) => $$"""
        policy: p
        version: "1"
        fields: { a: { type: integer, min: 0, max: 10 }, b: { type: integer, min: 0, max: 10 } }
        grades: [low, high]
        hitPolicy: worst
        default: low
        rules:
          - { id: R1, when: "{{condition}}", then: high }
        """;

    private static void AssertWitnesses(PolicyDiffResult diff, PolicySet beforeSet, DateOnly? beforeAsOf, PolicySet afterSet, DateOnly? afterAsOf)
    {
        foreach (var region in diff.Regions)
        {
            Label(beforeSet.Decide(diff.PolicyId, region.Witness, beforeAsOf)).Should().Be(region.From, $"the witness of '{region.Description}' before");
            Label(afterSet.Decide(diff.PolicyId, region.Witness, afterAsOf)).Should().Be(region.To, $"the witness of '{region.Description}' after");
            region.Verified.Should().BeTrue();
        }
    }

    private static (string Id, DateOnly? AsOf) IdAndDate(string file)
    {
        var id = PolicyLine().Match(File.ReadAllText(Path.Combine(Repo.Rules, file))).Groups[1].Value;
        DateOnly? asOf = file switch
        {
            "loan-risk-regulatory-2007.yaml" => RegulatoryLoans.Before,
            "loan-risk-regulatory-2023.yaml" => RegulatoryLoans.After,
            _ => null,
        };
        return (id, asOf);
    }

    /// <summary>
    /// Adds one to the first number compared in a condition, or to the first band edge; where there is none (conditions
    /// on categories only), gives the first rule the grade of the next rule that gives another.
    /// </summary>
    private static string MoveFirstThreshold(string yaml)
    {
        var match = Threshold().Match(yaml);
        if (!match.Success)
        {
            var thens = Then().Matches(yaml);
            var other = thens.Skip(1).FirstOrDefault(t => t.Groups["g"].Value != thens[0].Groups["g"].Value);
            if (other is null)
            {
                return yaml;
            }

            var g = thens[0].Groups["g"];
            return yaml[..g.Index] + other.Groups["g"].Value + yaml[(g.Index + g.Length)..];
        }

        var number = match.Groups["n"];
        var value = decimal.Parse(number.Value.Replace("_", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var next = value < 1 && value > 0 ? value + 0.05m : value + 1;
        return yaml[..number.Index] + next.ToString(System.Globalization.CultureInfo.InvariantCulture) + yaml[(number.Index + number.Length)..];
    }

    [GeneratedRegex(@"^policy:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex PolicyLine();

    [GeneratedRegex(@"(?:^\s*(?:-\s*)?when:\s*[^#\n]*?(?:>=|<=|>|<|=|between)\s*|(?:^\s*(?:-\s*)?|[{,]\s*)(?:from|to):\s*)(?<n>\d[\d_]*(?:\.\d+)?)(?![\d.-])", RegexOptions.Multiline)]
    private static partial Regex Threshold();

    [GeneratedRegex(@"^\s*then:\s*(?<g>[\w-]+)", RegexOptions.Multiline)]
    private static partial Regex Then();
}
