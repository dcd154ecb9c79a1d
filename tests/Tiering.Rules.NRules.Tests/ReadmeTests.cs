using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.NRules.Tests;

/// <summary>The README's NRules snippet is the sample's code, which CI runs.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void EnginesSnippet_EveryLineStandsInTheNRulesHostSample()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = readme[readme.IndexOf("## Engines", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp", StringComparison.Ordinal) + "```csharp".Length;
        var snippet = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var sample = File.ReadAllText(Path.Combine(Repo.Root, "samples", "NRulesHost", "Program.cs"));

        var lines = snippet.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

        lines.Should().HaveCountGreaterThan(8);
        lines.Should().OnlyContain(line => sample.Contains(line, StringComparison.Ordinal), "README lines must be copied from samples/NRulesHost/Program.cs");
    }
}
