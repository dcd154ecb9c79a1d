using System.Text;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Diagnostics;

/// <summary>
/// Golden files: each <c>Golden/Diagnostics/case.yaml</c> (or folder of files loaded together) is loaded and its
/// diagnostics compared with <c>case.expected.txt</c>. Regenerate on purpose with TIERING_UPDATE_GOLDEN=1.
/// </summary>
public sealed class GoldenDiagnosticsTests
{
    private static readonly string Folder = Repo.Path_("tests", "Tiering.Rules.Tests", "Golden", "Diagnostics");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        foreach (var dir in Directory.EnumerateDirectories(Folder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_BrokenPolicy_ReportsExpectedDiagnostics(string name)
    {
        var single = Path.Combine(Folder, name + ".yaml");
        var files = File.Exists(single)
            ? [single]
            : Directory.EnumerateFiles(Path.Combine(Folder, name), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var sources = files.Select(f => new PolicySource(Path.GetRelativePath(Folder, f).Replace('\\', '/'), File.ReadAllText(f, Encoding.UTF8)));

        var result = PolicyLoader.LoadSources(sources);

        result.Succeeded.Should().BeFalse("every golden case is a broken policy");
        var actual = string.Join("\n", result.Diagnostics.Select(d => d.ToString())) + "\n";
        var expectedPath = Path.Combine(Folder, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("TIERING_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
        }

        File.Exists(expectedPath).Should().BeTrue($"{expectedPath} holds the expected diagnostics (run once with TIERING_UPDATE_GOLDEN=1 and review)");
        actual.Should().Be(File.ReadAllText(expectedPath, Encoding.UTF8).Replace("\r\n", "\n"));
    }
}
