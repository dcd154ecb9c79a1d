using System.Diagnostics;
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
    public async Task Readme_CSharpQuickStart_CompilesAsPastedIntoANewConsoleApp_AndRuns_OnNet8AndNet10()
    {
        // What a reader does: 'dotnet new console' (implicit usings and nullable on), add the package, paste the block
        // as Program.cs. The package is this repository's project here, referenced instead of 'dotnet add package'.
        var readme = await File.ReadAllTextAsync(Repo.Path_("README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var app = Directory.CreateTempSubdirectory("tiering-readme-");
        await File.WriteAllTextAsync(Path.Combine(app.FullName, "Program.cs"), block);
        await File.WriteAllTextAsync(Path.Combine(app.FullName, "TieringDemo.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- This machine may have only the .NET 10 runtime: the net8.0 build (compiled against net8.0's API) runs on it. -->
                <RollForward>Major</RollForward>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Repo.Path_("src", "Tiering.Rules", "Tiering.Rules.csproj")}" />
              </ItemGroup>
            </Project>
            """);

        var build = await Dotnet(app.FullName, "build", "--nologo", "-v", "q", "-nodeReuse:false");
        build.Exit.Should().Be(0, $"the README's C# block compiles as pasted on net8.0 and net10.0:\n{build.Output}");
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            var run = await Dotnet(app.FullName, Path.Combine(app.FullName, "bin", "Debug", framework, "TieringDemo.dll"), Repo.Rules);

            run.Exit.Should().Be(0, $"{framework}:\n{run.Output}");
            run.Output.Should().Contain("loan as a dictionary -> loan-five-category version 1")
                .And.Contain("grade:    substandard (次级)")
                .And.Contain("retail customer as JSON -> retail-aum-tier")
                .And.Contain("error:    overdueDays (Missing)");
        }
    }

    private static async Task<(int Exit, string Output)> Dotnet(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild settings must not leak into the app's build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
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
