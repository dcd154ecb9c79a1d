using System.Text.Json;

namespace Tiering.Rules.Cli.Tests;

/// <summary>The `tiering` commands run in-process against the shipped rules: output format, exit codes, bad input.</summary>
public sealed class CliTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Rules = Path.Combine(Root, "rules");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, new StringReader(stdin));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Classify_CsvWithBadCells_EachBadRecordIsInvalidNamingTheColumn_AndTheRunGoesOn()
    {
        const string csv = """
            id,aum
            A,1000
            B,lots
            C,
            D,-5
            E,3000000
            """;

        var (exit, output, errors) = Run(csv, "classify", "--rules", Rules, "--policy", "retail-aum-tier", "--input", "-", "--format", "csv", "--id-field", "id");

        exit.Should().Be(0, "invalid records are data, not failures");
        var lines = output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.GetProperty("id").GetString()).Should().Equal("A", "B", "C", "D", "E");
        lines.Select(l => l.GetProperty("status").GetString()).Should().Equal("classified", "invalid", "invalid", "invalid", "classified");
        lines[0].GetProperty("grade").GetString().Should().Be("tier_1");
        lines[0].GetProperty("fired").EnumerateArray().Select(f => f.GetString()).Should().Equal("AUM-T1");
        lines[0].GetProperty("outputs").GetProperty("owner").GetString().Should().Be("高柜柜员");
        lines.Skip(1).Take(3).Should().OnlyContain(l => l.GetProperty("errors")[0].GetProperty("field").GetString() == "aum");
        errors.Should().Contain("invalid").And.Contain("total");
    }

    [Fact]
    public void Classify_JsonLines_WritesTheContractKeysInInputOrder()
    {
        const string jsonl = """
            {"starPoints": 0}
            {"starPoints": 80000}
            not json
            """;

        var (exit, output, _) = Run(jsonl, "classify", "--rules", Rules, "--policy", "star-rating", "--input", "-");

        exit.Should().Be(0);
        var lines = output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines[0].EnumerateObject().Select(p => p.Name).Should().Equal("policy", "version", "status", "grade", "fired", "outputs", "errors");
        lines[0].GetProperty("grade").GetString().Should().Be("not_rated");
        lines[1].GetProperty("grade").GetString().Should().Be("7_star");
        lines[2].GetProperty("status").GetString().Should().Be("invalid");
        lines[2].GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("line 3");
    }

    [Fact]
    public void Classify_UnknownPolicy_IsAUsageError()
    {
        var (exit, _, errors) = Run("{}", "classify", "--rules", Rules, "--policy", "no-such-policy", "--input", "-");

        exit.Should().Be(2);
        errors.Should().Contain("no policy 'no-such-policy'").And.Contain("loan-five-category");
    }

    [Fact]
    public void ClassifyAndExplain_MisspelledPolicy_SuggestTheClosestId()
    {
        var (classifyExit, _, classifyErrors) = Run("{}", "classify", "--rules", Rules, "--policy", "loan-five-categroy", "--input", "-");
        var (explainExit, _, explainErrors) = Run(string.Empty, "explain", "--rules", Rules, "--policy", "retail-aum-teir", "--fact", "{}");

        classifyExit.Should().Be(2);
        classifyErrors.Should().Contain("did you mean 'loan-five-category'?");
        explainExit.Should().Be(2);
        explainErrors.Should().Contain("did you mean 'retail-aum-tier'?");
    }

    [Fact]
    public void Classify_PoliciesThatDoNotLoad_ExitOneWithThePosition()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "p.yaml"), "policy: p\nversion: \"1\"\nfields: { x: { type: decimal } }\ngrades: [a]\nhitPolicy: first\nrules:\n  - { id: R, when: y > 1, then: a }\n");

        var (exit, _, errors) = Run("{}", "classify", "--rules", dir.FullName, "--policy", "p", "--input", "-");

        exit.Should().Be(1);
        errors.Should().Contain("p.yaml:7:20: error TR2003: unknown field 'y'");
    }

    [Fact]
    public void Validate_ShippedRules_AreCleanUnderWarningsAsErrors()
    {
        var (exit, output, _) = Run(string.Empty, "validate", "--warnings-as-errors", Rules);

        exit.Should().Be(0);
        output.Should().NotContain("warning").And.NotContain("error");
    }

    [Fact]
    public void Validate_RulesOptionAsTheOtherCommandsTakeIt_ChecksThatDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-validate-");
        File.WriteAllText(Path.Combine(dir.FullName, "p.yaml"), """
            policy: p
            version: "1"
            fields: { n: { type: integer } }
            grades: [a]
            hitPolicy: first
            rules:
              - { id: R1, wehn: "n > 1", then: a }
            """);

        var (exit, output, _) = Run(string.Empty, "validate", "--rules", dir.FullName);
        var (bareExit, _, bareErrors) = Run(string.Empty, "validate");

        exit.Should().Be(1);
        output.Should().Contain("p.yaml:7:").And.Contain("'wehn'");
        bareExit.Should().Be(2);
        bareErrors.Should().Contain("tiering validate rules");
    }

    [Fact]
    public void Validate_Verbose_NamesEachFileLeftToYamlDotNet_WithWhereAndWhy()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-validate-");
        var loan = File.ReadAllText(Path.Combine(Rules, "loan-five-category.yaml"));
        File.WriteAllText(Path.Combine(dir.FullName, "loan-five-category.yaml"), loan);
        // A valid policy outside the subset: its grades as a flow sequence over two lines.
        File.WriteAllText(Path.Combine(dir.FullName, "p.yaml"), """
            policy: p
            version: "1"
            fields: { n: { type: integer } }
            grades: [a,
              b]
            hitPolicy: first
            default: a
            rules:
              - { id: R1, when: "n > 1", then: b }
            """);

        var (exit, output, errors) = Run(string.Empty, "validate", "--verbose", dir.FullName);
        var (_, _, quietErrors) = Run(string.Empty, "validate", dir.FullName);

        exit.Should().Be(0);
        output.Should().NotContain("YamlDotNet", "stdout holds diagnostics only");
        errors.Should().Contain("p.yaml:4:").And.Contain("read by YamlDotNet, not the subset YAML reader: a flow collection that does not close on its line");
        errors.Should().NotContain("loan-five-category.yaml:", "the shipped policy is in the subset");
        errors.Should().Contain("1 of 2 file(s) left by the subset YAML reader to YamlDotNet");
        quietErrors.Should().NotContain("YamlDotNet", "only --verbose lists them");
    }

    [Fact]
    public void Test_WrongExpectation_FailsWithTheCaseLineAndTheSummaryLast()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.Copy(Path.Combine(Rules, "star-rating.yaml"), Path.Combine(dir.FullName, "star-rating.yaml"));
        File.WriteAllText(Path.Combine(dir.FullName, "star-rating.tests.yaml"), "policy: star-rating\ncases:\n  - { name: ok, facts: { starPoints: 50 }, expect: { grade: 3_star } }\n  - name: wrong\n    facts: { starPoints: 50 }\n    expect: { grade: 4_star }\n");

        var (exit, output, _) = Run(string.Empty, "test", dir.FullName);

        exit.Should().Be(1);
        output.Should().Contain("star-rating.tests.yaml:4: FAIL star-rating: wrong").And.Contain("grade: expected 4_star, got 3_star");
        output.TrimEnd().Split('\n')[^1].Should().Be("1 passed, 1 failed");
    }

    [Fact]
    public void Explain_PrintsTheVersionEachRuleAndTheResult()
    {
        var (exit, output, _) = Run(string.Empty, "explain", "--rules", Rules, "--policy", "retail-aum-tier", "--fact", """{"aum": 250000}""");

        exit.Should().Be(0);
        output.Should().Contain("version: the only version loaded")
            .And.Contain("✓ fired   AUM-T3")
            .And.Contain("· skipped AUM-T2")
            .And.Contain("Result: classified — tier_3 (20-50万), decided by AUM-T3")
            .And.Contain("output owner = 客户经理+大堂经理");
    }

    [Fact]
    public void Explain_VersionedPolicy_SaysWhichVersionTheDateChose()
    {
        var (exit, output, _) = Run(string.Empty, "explain", "--rules", Rules, "--policy", "loan-risk-regulatory", "--as-of", "2023-06-30",
            "--fact", """{"overdueDays": 10}""");

        exit.Should().Be(0);
        output.Should().Contain("Policy loan-risk-regulatory version 2007").And.Contain("covers the as-of date 2023-06-30");
    }
}
