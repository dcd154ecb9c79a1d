using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tiering.Rules.Cli.Tests;

/// <summary>`tiering impact`: the JSON contract, that its matrix is the cross-tabulation of two classify runs, and its exit codes.</summary>
public sealed class ImpactCommandTests : IDisposable
{
    private static readonly string Rules = Path.Combine(FindRoot(), "rules");
    private readonly string _dir = Directory.CreateTempSubdirectory("tiering-impact-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Impact_RegulatoryLoans_JsonMatrixEqualsCrossTabulationOfTwoClassifyRuns()
    {
        var input = Write("loans.jsonl", Loans(800, seed: 5));
        var json = Path.Combine(_dir, "impact.json");

        var (exit, output, errors) = Run(string.Empty, "impact", "--policy", "loan-risk-regulatory", "--input", input, "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01", "--json", json);

        exit.Should().Be(0, errors);
        var before = Classify(input, "2023-06-30");
        var after = Classify(input, "2023-07-01");
        var expected = before.Zip(after).GroupBy(p => (p.First, p.Second)).ToDictionary(g => g.Key, g => (long)g.Count());
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var matrix = root.GetProperty("matrix").EnumerateArray().ToDictionary(c => (c.GetProperty("from").GetString()!, c.GetProperty("to").GetString()!), c => c.GetProperty("count").GetInt64());
        matrix.Should().Equal(expected);
        root.GetProperty("total").GetInt64().Should().Be(800);
        root.GetProperty("changed").GetInt64().Should().Be(expected.Where(e => e.Key.Item1 != e.Key.Item2).Sum(e => e.Value));
        output.Should().Contain("before \\ after").And.Contain("800 records");
    }

    [Fact]
    public void Impact_ReadmeCommandOnTheSampleBook_PrintsTheMatrixTheReadmeShows()
    {
        var root = FindRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("### Impact of a policy change", StringComparison.Ordinal)..];
        var shown = section.Split("```")[3].Trim('\n').Split('\n');
        var json = Path.Combine(_dir, "impact.json");

        var (exit, output, errors) = Run(string.Empty, "impact", "--policy", "loan-risk-regulatory", "--input", Path.Combine(root, "samples", "data", "loan-book-regulatory.csv"),
            "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01", "--weight", "balance", "--id-field", "id", "--json", json);

        exit.Should().Be(0, errors);
        var printed = output.ReplaceLineEndings("\n").Replace(" (" + Rules + ")", " (rules)", StringComparison.Ordinal);
        shown.Should().HaveCountGreaterThan(8).And.OnlyContain(line => printed.Contains(line, StringComparison.Ordinal), "the README shows what the command prints");
        var invalid = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("invalid");
        invalid.GetProperty("before").GetProperty("byField").EnumerateObject().Select(p => p.Name).Should().Equal("overdueDays", "purposeChanged");
        invalid.GetProperty("after").GetProperty("byField").EnumerateObject().Select(p => p.Name).Should().Equal("creditImpaired", "eclToCarrying", "overdueDays", "priorCategory");
    }

    [Fact]
    public void Impact_Json_HasTheContractKeys()
    {
        var input = Write("loans.jsonl", Loans(50, seed: 2));
        var json = Path.Combine(_dir, "impact.json");

        var (exit, _, errors) = Run(string.Empty, "impact", "--policy", "loan-risk-regulatory", "--input", input, "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01", "--json", json, "--weight", "balance");

        exit.Should().Be(0, errors);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Contain(["policy", "before", "after", "total", "changed", "matrix", "rules", "invalid", "examples"]);
        root.GetProperty("policy").GetString().Should().Be("loan-risk-regulatory");
        root.GetProperty("before").EnumerateObject().Select(p => p.Name).Should().Contain(["rules", "asOf", "versions"]);
        root.GetProperty("before").GetProperty("asOf").GetString().Should().Be("2023-06-30");
        root.GetProperty("before").GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal("2007");
        root.GetProperty("after").GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal("2023");
        root.GetProperty("matrix")[0].EnumerateObject().Select(p => p.Name).Should().Equal("from", "to", "count", "weight");
        root.GetProperty("matrix")[0].GetProperty("weight").ValueKind.Should().Be(JsonValueKind.Number);
        root.GetProperty("rules")[0].EnumerateObject().Select(p => p.Name).Should().StartWith(["id", "firedBefore", "firedAfter", "changedExplained"]);
        root.GetProperty("invalid").EnumerateObject().Select(p => p.Name).Should().Equal("before", "after");
        var example = root.GetProperty("examples")[0];
        example.EnumerateObject().Select(p => p.Name).Should().Contain(["index", "from", "to", "firedBefore", "firedAfter"]);
    }

    [Fact]
    public void Impact_WeightColumnInCsv_SumsExactly()
    {
        var csv = """
            overdueDays,restructured,technicalOverdue,creditImpaired,eclToCarrying,nonRetail,npShareAtThisBank,overdue90ShareAllBanks,priorCategory,refinancedToRepay,purposeChanged,otherDebtNonPerforming,issuedInBreachOfLaw,evasionSuspected,interestNonAccrual,evasionByMergerOrSplit,stillUnableToRepay,balance
            100,false,false,false,0,false,0,0,normal,false,false,false,false,false,false,false,false,0.10
            120,false,false,false,0,false,0,0,normal,false,false,false,false,false,false,false,false,0.20
            0,false,false,false,0,false,0,0,normal,false,false,false,false,false,false,false,false,5
            """;
        var input = Write("loans.csv", csv);
        var json = Path.Combine(_dir, "impact.json");

        var (exit, _, errors) = Run(string.Empty, "impact", "--policy", "loan-risk-regulatory", "--input", input, "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01", "--json", json, "--weight", "balance");

        exit.Should().Be(0, errors);
        var matrix = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("matrix").EnumerateArray().ToList();
        var moved = matrix.Single(c => c.GetProperty("from").GetString() == "special_mention");
        moved.GetProperty("to").GetString().Should().Be("substandard");
        moved.GetProperty("count").GetInt64().Should().Be(2);
        moved.GetProperty("weight").GetRawText().Should().Be("0.30");
    }

    [Fact]
    public void Impact_SameDirectoryAndDate_NothingChanges()
    {
        var input = Write("loans.jsonl", Loans(100, seed: 9));
        var json = Path.Combine(_dir, "impact.json");

        var (exit, _, errors) = Run(string.Empty, "impact", "--policy", "loan-risk-regulatory", "--input", input, "--before", Rules, "--before-as-of", "2023-07-01", "--after", Rules, "--after-as-of", "2023-07-01", "--json", json);

        exit.Should().Be(0, errors);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        root.GetProperty("changed").GetInt64().Should().Be(0);
        root.GetProperty("examples").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Impact_UnreadableLine_IsCountedAsInvalidOnBothSides()
    {
        var lines = Loans(3, seed: 4) + "not json\n";
        var json = Path.Combine(_dir, "impact.json");

        var (exit, _, errors) = Run(lines, "impact", "--policy", "loan-risk-regulatory", "--input", "-", "--before", Rules, "--before-as-of", "2023-06-30", "--after", Rules, "--after-as-of", "2023-07-01", "--json", json);

        exit.Should().Be(0, errors);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        root.GetProperty("total").GetInt64().Should().Be(4, "records read == records compared");
        root.GetProperty("invalid").GetProperty("before").GetProperty("byField").GetProperty("(input)").GetInt64().Should().Be(1);
        root.GetProperty("invalid").GetProperty("after").GetProperty("records").GetInt64().Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void Impact_PolicyMissingOnTheAfterSide_Exits1NamingTheSide()
    {
        var other = Directory.CreateDirectory(Path.Combine(_dir, "other")).FullName;
        File.Copy(Path.Combine(Rules, "retail-aum-tier.yaml"), Path.Combine(other, "retail-aum-tier.yaml"));

        var (exit, _, errors) = Run("{}", "impact", "--policy", "loan-risk-regulatory", "--input", "-", "--before", Rules, "--before-as-of", "2023-06-30", "--after", other);

        exit.Should().Be(1);
        errors.Should().Contain("the after side").And.Contain("no policy 'loan-risk-regulatory'");
    }

    [Fact]
    public void Impact_BeforeSideDoesNotLoad_Exits1()
    {
        var (exit, _, errors) = Run("{}", "impact", "--policy", "loan-risk-regulatory", "--input", "-", "--before", Path.Combine(_dir, "missing"), "--after", Rules, "--after-as-of", "2023-07-01");

        exit.Should().Be(1);
        errors.Should().Contain("the before side's policies");
    }

    [Fact]
    public void Impact_SeveralVersionsWithoutAsOf_IsAUsageErrorListingThem()
    {
        var (exit, _, errors) = Run("{}", "impact", "--policy", "loan-risk-regulatory", "--input", "-", "--before", Rules, "--after", Rules, "--after-as-of", "2023-07-01");

        exit.Should().Be(2);
        errors.Should().Contain("--before-as-of").And.Contain("2007").And.Contain("2023");
    }

    [Fact]
    public void Impact_BadDate_IsAUsageError()
    {
        var (exit, _, errors) = Run("{}", "impact", "--policy", "loan-risk-regulatory", "--input", "-", "--before", Rules, "--before-as-of", "30/06/2023", "--after", Rules, "--after-as-of", "2023-07-01");

        exit.Should().Be(2);
        errors.Should().Contain("--before-as-of '30/06/2023' is not a date");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    private static List<string> Classify(string input, string asOf)
    {
        var (exit, output, errors) = Run(string.Empty, "classify", "--rules", Rules, "--policy", "loan-risk-regulatory", "--as-of", asOf, "--input", input);
        exit.Should().Be(0, errors);
        return output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).Select(d => d.GetProperty("grade").GetString() ?? d.GetProperty("status").GetString()!).ToList();
    }

    /// <summary>Random loans with the fields of both versions; about one in twenty lacks a field of one version.</summary>
    private static string Loans(int count, int seed)
    {
        var rng = new Random(seed);
        var categories = new[] { "normal", "special_mention", "substandard", "doubtful", "loss" };
        var flags = new[] { "refinancedToRepay", "purposeChanged", "otherDebtNonPerforming", "issuedInBreachOfLaw", "evasionSuspected", "interestNonAccrual", "evasionByMergerOrSplit", "stillUnableToRepay", "restructured", "technicalOverdue", "creditImpaired", "nonRetail" };
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var fields = new List<string>
            {
                $"\"id\":\"L{i}\"",
                $"\"balance\":{(rng.Next(1, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture)}",
                $"\"overdueDays\":{(rng.Next(3) == 0 ? rng.Next(0, 400) : 0)}",
                $"\"eclToCarrying\":{(rng.Next(0, 101) / 100m).ToString(CultureInfo.InvariantCulture)}",
                $"\"npShareAtThisBank\":{(rng.Next(0, 30) / 100m).ToString(CultureInfo.InvariantCulture)}",
                $"\"overdue90ShareAllBanks\":{(rng.Next(0, 40) / 100m).ToString(CultureInfo.InvariantCulture)}",
                $"\"priorCategory\":\"{categories[rng.Next(5)]}\"",
            };
            foreach (var flag in flags)
            {
                fields.Add($"\"{flag}\":{(rng.Next(8) == 0 ? "true" : "false")}");
            }

            if (rng.Next(20) == 0)
            {
                fields.RemoveAt(rng.Next(2, fields.Count));
            }

            text.Append('{').AppendJoin(',', fields).Append("}\n");
        }

        return text.ToString();
    }

    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, new StringReader(stdin));
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
