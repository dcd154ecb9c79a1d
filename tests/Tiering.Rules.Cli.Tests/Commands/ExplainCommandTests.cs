namespace Tiering.Rules.Cli.Tests.Commands;

public sealed class ExplainCommandTests
{
    [Fact]
    public void Explain_VersionedPolicyWithoutAsOf_IsAUsageErrorListingTheVersions()
    {
        var run = CliRun.Run(string.Empty, "explain", "--rules", CliRun.Rules, "--policy", "loan-risk-regulatory", "--fact", """{"overdueDays": 10}""");

        run.Exit.Should().Be(2);
        run.Errors.Should().Equal("error: policy 'loan-risk-regulatory' has 2 effective-dated versions; give --as-of yyyy-mm-dd to choose one: 2007 (until 2023-07-01), 2023 (from 2023-07-01)");
        run.Out.Should().NotContain("the only version loaded");
    }

    [Fact]
    public void Explain_FactFromAFile_ReadsTheFile_NotAResponseFile()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tiering-explain-").FullName, "fact.json");
        File.WriteAllText(file, """{"aum": 250000}""");

        var run = CliRun.Run(string.Empty, "explain", "--rules", CliRun.Rules, "--policy", "retail-aum-tier", "--fact", "@" + file);

        run.Exit.Should().Be(0, run.Err);
        run.Out.Should().Contain("Result: classified — tier_3 (20-50万), decided by AUM-T3");
    }

    [Fact]
    public void Explain_FactFileThatDoesNotExist_IsAUsageErrorNamingIt()
    {
        var run = CliRun.Run(string.Empty, "explain", "--rules", CliRun.Rules, "--policy", "retail-aum-tier", "--fact", "@/no/such/fact.json");

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().StartWith("error: cannot read @/no/such/fact.json");
    }

    [Fact]
    public void Tiering_WithoutArguments_PrintsTheHelpListingTheCommands()
    {
        var run = CliRun.Run(string.Empty);

        run.Exit.Should().Be(0);
        run.Out.Should().Contain("Usage:").And.Contain("classify").And.Contain("validate").And.Contain("explain").And.Contain("test");
    }
}
