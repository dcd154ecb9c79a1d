namespace Tiering.Rules.Cli.Tests.Commands;

public sealed class TestCommandTests
{
    private static DirectoryInfo CopyOf(params string[] policies)
    {
        var dir = Directory.CreateTempSubdirectory("tiering-test-");
        foreach (var policy in policies)
        {
            File.Copy(Path.Combine(CliRun.Rules, policy + ".yaml"), Path.Combine(dir.FullName, policy + ".yaml"));
            File.Copy(Path.Combine(CliRun.Rules, policy + ".tests.yaml"), Path.Combine(dir.FullName, policy + ".tests.yaml"));
        }

        return dir;
    }

    [Fact]
    public void Test_OneBrokenPolicy_ReportsItsErrors_AndRunsEveryOtherCase_CountingEachCaseOnce()
    {
        var dir = CopyOf("star-rating", "retail-aum-tier");
        var star = Path.Combine(dir.FullName, "star-rating.yaml");
        File.WriteAllText(star, File.ReadAllText(star).Replace("hitPolicy: first", "hitPolicy: frist", StringComparison.Ordinal));
        var aumCases = File.ReadAllLines(Path.Combine(dir.FullName, "retail-aum-tier.tests.yaml")).Count(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal) && l.Contains("name", StringComparison.Ordinal));
        var starCases = File.ReadAllLines(Path.Combine(dir.FullName, "star-rating.tests.yaml")).Count(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal) && l.Contains("name", StringComparison.Ordinal));

        var run = CliRun.Run(string.Empty, "test", dir.FullName);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("star-rating.yaml:").And.Contain("'frist' is not a valid hitPolicy")
            .And.Contain("star-rating.yaml did not load; the tests of its policies cannot run");
        run.Out.Should().Contain("FAIL star-rating:").And.Contain("policy 'star-rating' did not load (see the errors above)");
        aumCases.Should().BeGreaterThan(0);
        run.Out.TrimEnd().Split('\n')[^1].Should().Be($"{aumCases} passed, {starCases + 1} failed", "each star-rating case fails once, and so does the broken file");
    }

    [Fact]
    public void Test_DirectoryWithoutTests_IsAUsageError()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-test-");

        var run = CliRun.Run(string.Empty, "test", dir.FullName);

        run.Exit.Should().Be(2);
        run.Errors.Should().Equal($"error: no tests found: no *.tests.yaml in {dir.FullName}");
    }

    [Fact]
    public void Test_Verbose_ListsPassingCases_AndQuietDoesNot()
    {
        var dir = CopyOf("star-rating");

        var verbose = CliRun.Run(string.Empty, "test", "-v", dir.FullName);
        var quiet = CliRun.Run(string.Empty, "test", dir.FullName);

        verbose.Exit.Should().Be(0);
        verbose.Out.Should().Contain("star-rating.tests.yaml:4: pass star-rating: 0 points is not rated");
        quiet.Out.Should().NotContain(": pass ");
    }

    [Fact]
    public void Test_RelativePaths_ArePrintedAsGiven()
    {
        var dir = CopyOf("star-rating");
        var policy = Path.Combine(dir.FullName, "star-rating.yaml");
        File.WriteAllText(policy, File.ReadAllText(policy) + "\nbogusKey: 1\n");
        var cwd = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = dir.Parent!.FullName;
            var relative = Path.Combine(dir.Name, "star-rating.tests.yaml");

            var run = CliRun.Run(string.Empty, "test", relative);

            run.Err.Should().Contain(Path.Combine(dir.Name, "star-rating.yaml") + ":").And.NotContain(dir.FullName);
            run.Out.Should().Contain(relative + ":").And.NotContain(dir.FullName);
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }
}
