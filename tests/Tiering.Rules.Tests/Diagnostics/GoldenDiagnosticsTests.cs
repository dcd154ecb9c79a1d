using System.Text;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Diagnostics;

/// <summary>
/// Golden files: each <c>Golden/Diagnostics/case.yaml</c> (or folder of files loaded together) is loaded and its
/// diagnostics compared with <c>case.expected.txt</c>. Regenerate on purpose with TIERING_UPDATE_GOLDEN=1.
/// </summary>
public sealed class GoldenDiagnosticsTests
{
    private static readonly string Root = Repo.Path_("tests", "Tiering.Rules.Tests", "Golden");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "Diagnostics", "Analysis" })
        {
            var folder = Path.Combine(Root, kind);
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(kind, Path.GetFileNameWithoutExtension(file));
            }

            foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                data.Add(kind, Path.GetFileName(dir));
            }
        }

        return data;
    }

    /// <summary>
    /// Diagnostics/ cases are broken policies that must not load; Analysis/ cases load or not depending on the
    /// findings' severity, and their golden output includes warnings and info.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_Policy_ReportsExpectedDiagnostics(string kind, string name)
    {
        var folder = Path.Combine(Root, kind);
        var single = Path.Combine(folder, name + ".yaml");
        var files = File.Exists(single)
            ? [single]
            : Directory.EnumerateFiles(Path.Combine(folder, name), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var sources = files.Select(f => new PolicySource(Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f, Encoding.UTF8)));

        var result = PolicyLoader.LoadSources(sources);

        if (kind == "Diagnostics")
        {
            result.Succeeded.Should().BeFalse("every Diagnostics golden case is a broken policy");
        }

        var actual = string.Join("\n", result.Diagnostics.Select(d => d.ToString())) + "\n";
        var expectedPath = Path.Combine(folder, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("TIERING_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
        }

        File.Exists(expectedPath).Should().BeTrue($"{expectedPath} holds the expected diagnostics (run once with TIERING_UPDATE_GOLDEN=1 and review)");
        actual.Should().Be(File.ReadAllText(expectedPath, Encoding.UTF8).Replace("\r\n", "\n"));
    }
}
