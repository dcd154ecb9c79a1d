using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Testing;

/// <summary>The README's quick start is copied from samples/GettingStarted, which CI builds and runs: it cannot rot.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Readme_CSharpQuickStart_EveryLineStandsInTheGettingStartedSample()
    {
        var readme = File.ReadAllText(Repo.Path_("README.md"));
        var sample = File.ReadAllText(Repo.Path_("samples", "GettingStarted", "Program.cs"));
        var start = readme.IndexOf("```csharp", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the README has a C# quick start");
        var end = readme.IndexOf("```", start + 9, StringComparison.Ordinal);
        var lines = readme[(start + 9)..end].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();

        lines.Should().HaveCountGreaterThan(10);
        lines.Should().OnlyContain(line => sample.Contains(line, StringComparison.Ordinal), "README lines must be copied from the sample");
    }

    [Fact]
    public void Readme_FirstScreen_HasTheMainJobAndTheTestCommand()
    {
        var firstScreen = string.Join('\n', File.ReadLines(Repo.Path_("README.md")).Take(20));

        firstScreen.Should().Contain("dotnet run --project src/Tiering.Rules.Cli -- classify --rules rules --policy loan-five-category --input samples/data/loans.csv");
        firstScreen.Should().Contain("dotnet test Tiering.Rules.sln");
        File.ReadAllText(Repo.Path_(".ci", "run")).Should().Contain("dotnet test Tiering.Rules.sln", "CI calls the README's test command");
    }
}
