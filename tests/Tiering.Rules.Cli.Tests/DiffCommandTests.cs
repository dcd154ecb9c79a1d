using System.Text.Json;

namespace Tiering.Rules.Cli.Tests;

/// <summary>`tiering diff`: every witness, classified under both sides by `tiering classify`, gives the stated grades; identical sides list nothing.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private static readonly string Rules = Path.Combine(FindRoot(), "rules");
    private readonly string _dir = Directory.CreateTempSubdirectory("tiering-diff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Diff_Regulatory2007To2023_EveryWitnessClassifiedUnderBothSidesGivesTheStatedGrades()
    {
        var (exit, output, errors) = Run("diff", "--policy", "loan-risk-regulatory", "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01", "--json");

        exit.Should().Be(0, errors);
        var root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("complete").GetBoolean().Should().BeTrue();
        var regions = root.GetProperty("regions").EnumerateArray().ToList();
        regions.Should().HaveCountGreaterThan(20);
        var witnesses = Path.Combine(_dir, "witnesses.jsonl");
        File.WriteAllLines(witnesses, regions.Select(r => r.GetProperty("witness").GetRawText().ReplaceLineEndings(" ")));
        var before = Classify(witnesses, "2023-06-30");
        var after = Classify(witnesses, "2023-07-01");
        before.Should().Equal(regions.Select(r => r.GetProperty("from").GetString()));
        after.Should().Equal(regions.Select(r => r.GetProperty("to").GetString()));
        regions.Should().OnlyContain(r => r.GetProperty("description").GetString()!.Length > 0 && r.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public void Diff_SameVersionOnBothSides_ListsNoRegion()
    {
        var (exit, output, errors) = Run("diff", "--policy", "loan-risk-regulatory", "--before", Rules, "--before-as-of", "2023-07-01", "--after", Rules, "--after-as-of", "2023-07-01");

        exit.Should().Be(0, errors);
        output.Should().Contain("no region of the input space changes verdict");
    }

    [Fact]
    public void Diff_Text_GroupsRegionsByChangeWithAWitnessToExplain()
    {
        var (exit, output, _) = Run("diff", "--policy", "loan-risk-regulatory", "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01");

        exit.Should().Be(0);
        output.Should().Contain("substandard -> special_mention (").And.Contain("    witness: {\"overdueDays\":");
    }

    [Fact]
    public void Diff_PolicyMissingOnTheBeforeSide_Exits1NamingTheSide()
    {
        var other = Directory.CreateDirectory(Path.Combine(_dir, "other")).FullName;
        File.Copy(Path.Combine(Rules, "star-rating.yaml"), Path.Combine(other, "star-rating.yaml"));

        var (exit, _, errors) = Run("diff", "--policy", "retail-aum-tier", "--before", other, "--after", Rules);

        exit.Should().Be(1);
        errors.Should().Contain("the before side");
    }

    [Fact]
    public void Diff_ScorecardAgainstItself_SaysItIsIncomplete()
    {
        var (exit, output, _) = Run("diff", "--policy", "credit-scorecard-example", "--before", Rules, "--after", Rules, "--json");

        exit.Should().Be(0);
        var root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("complete").GetBoolean().Should().BeFalse("a scorecard is beyond the box analysis");
        root.GetProperty("reasons")[0].GetString().Should().Contain("scorecard");
    }

    private static List<string?> Classify(string input, string asOf)
    {
        var (exit, output, errors) = Run("classify", "--rules", Rules, "--policy", "loan-risk-regulatory", "--as-of", asOf, "--input", input);
        exit.Should().Be(0, errors);
        return [.. output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).Select(d => d.GetProperty("grade").GetString() ?? d.GetProperty("status").GetString())];
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, new StringReader(string.Empty));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
