using System.Globalization;
using System.Text;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Testing;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Diagnostics;

/// <summary>
/// Golden files: each <c>Golden/Diagnostics/case.yaml</c> (or folder of files loaded together) is loaded and its
/// diagnostics compared with <c>case.expected.txt</c>. Regenerate on purpose with TIERING_UPDATE_GOLDEN=1.
/// </summary>
/// <remarks>
/// A single-file case is loaded from its text, under the limits its first line may set
/// (<c># limits: MaxFileBytes=200, MaxRules=2</c>). A folder case is loaded as a rules directory, as the command line
/// and hosts load one, and then the policy test files in it (<c>*.tests.yaml</c>) are read against the loaded set;
/// paths print relative to the kind's folder.
/// </remarks>
public sealed class GoldenDiagnosticsTests
{
    private const string LimitsPrefix = "# limits:";

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
    /// Diagnostics/ cases are broken policies that must not load (or, for a folder with policy test files, test files
    /// with errors); Analysis/ cases load or not depending on the findings' severity, and their golden output includes
    /// warnings and info.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_Policy_ReportsExpectedDiagnostics(string kind, string name)
    {
        var folder = Path.Combine(Root, kind);
        var single = Path.Combine(folder, name + ".yaml");
        IReadOnlyList<Diagnostic> diagnostics;
        if (File.Exists(single))
        {
            var text = File.ReadAllText(single, Encoding.UTF8);
            var result = PolicyLoader.LoadSources([new PolicySource(name + ".yaml", text)], Limits(text));
            if (kind == "Diagnostics")
            {
                result.Succeeded.Should().BeFalse("every Diagnostics golden case is a broken policy");
            }

            diagnostics = result.Diagnostics;
        }
        else
        {
            var directory = Path.Combine(folder, name);
            var result = PolicyLoader.LoadDirectory(directory);
            var testFiles = PolicyTestFile.Find(directory).Select(path => PolicyTestFile.Load(path, result.PolicySet)).ToList();
            if (kind == "Diagnostics" && testFiles.Count == 0)
            {
                result.Succeeded.Should().BeFalse("every Diagnostics golden case is a broken policy");
            }
            else if (kind == "Diagnostics")
            {
                testFiles.SelectMany(f => f.Diagnostics).Should().Contain(d => d.Severity == DiagnosticSeverity.Error, "a Diagnostics golden case with test files has broken test files");
            }

            diagnostics = [.. result.Diagnostics, .. testFiles.SelectMany(f => f.Diagnostics)];
        }

        var actual = Relative(string.Join("\n", diagnostics.Select(d => d.ToString())) + "\n", folder);
        var expectedPath = Path.Combine(folder, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("TIERING_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
        }

        File.Exists(expectedPath).Should().BeTrue($"{expectedPath} holds the expected diagnostics (run once with TIERING_UPDATE_GOLDEN=1 and review)");
        actual.Should().Be(File.ReadAllText(expectedPath, Encoding.UTF8).Replace("\r\n", "\n"));
    }

    /// <summary>The limits a case's first line sets, such as <c># limits: MaxFileBytes=200, MaxRules=2</c>; else the defaults.</summary>
    private static LoadLimits Limits(string text)
    {
        var first = text.Split('\n', 2)[0].Trim();
        if (!first.StartsWith(LimitsPrefix, StringComparison.Ordinal))
        {
            return LoadLimits.Default;
        }

        var limits = LoadLimits.Default;
        foreach (var setting in first[LimitsPrefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = (setting.Split('=')[0].Trim(), int.Parse(setting.Split('=')[1], CultureInfo.InvariantCulture));
            limits = key switch
            {
                nameof(LoadLimits.MaxFileBytes) => limits with { MaxFileBytes = value },
                nameof(LoadLimits.MaxNestingDepth) => limits with { MaxNestingDepth = value },
                nameof(LoadLimits.MaxRules) => limits with { MaxRules = value },
                nameof(LoadLimits.MaxFields) => limits with { MaxFields = value },
                nameof(LoadLimits.MaxExpressionLength) => limits with { MaxExpressionLength = value },
                nameof(LoadLimits.MaxExpressionDepth) => limits with { MaxExpressionDepth = value },
                nameof(LoadLimits.MaxIdentifierLength) => limits with { MaxIdentifierLength = value },
                nameof(LoadLimits.MaxAnalysisSteps) => limits with { MaxAnalysisSteps = value },
                _ => throw new InvalidOperationException($"unknown limit '{key}' in '{first}'"),
            };
        }

        return limits;
    }

    /// <summary>Paths under the kind's folder as relative paths with '/', so the golden text is the same on every machine.</summary>
    private static string Relative(string text, string folder) =>
        text.Replace(folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace(folder + Path.AltDirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace('\\', '/');
}
