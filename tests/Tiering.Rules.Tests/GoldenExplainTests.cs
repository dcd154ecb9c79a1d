using System.Globalization;
using System.Text;
using System.Text.Json;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests;

/// <summary>
/// Golden files for explain traces: each <c>Golden/Explain/case.json</c> names a shipped policy, a fact (JSON, as
/// <c>tiering explain --fact</c> takes it) or, for a group policy, a list of facts explained together, and optionally
/// an as-of date; the trace is compared with
/// <c>case.expected.txt</c>. Regenerate on purpose with TIERING_UPDATE_GOLDEN=1.
/// </summary>
public sealed class GoldenExplainTests
{
    private static readonly string Folder = Repo.Path_("tests", "Tiering.Rules.Tests", "Golden", "Explain");

    private static readonly Lazy<PolicySet> Shipped = new(() => PolicySet.LoadDirectory(Repo.Rules));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explain_ShippedPolicy_PrintsExpectedTrace(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"), Encoding.UTF8));
        var root = json.RootElement;
        var policyId = root.GetProperty("policy").GetString()!;
        DateOnly? asOf = root.TryGetProperty("asOf", out var date)
            ? DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

        // "facts": a list of facts explained together (a group policy's portfolio trace); "fact": one fact.
        var trace = root.TryGetProperty("facts", out var facts)
            ? Shipped.Value.ExplainPortfolio(policyId, facts.EnumerateArray().ToList(), asOf).ToString()
            : Shipped.Value.Explain(policyId, root.GetProperty("fact"), asOf).ToString();
        var actual = trace.Replace("\r\n", "\n", StringComparison.Ordinal);

        var expectedPath = Path.Combine(Folder, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("TIERING_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
        }

        File.Exists(expectedPath).Should().BeTrue($"{expectedPath} holds the expected trace (run once with TIERING_UPDATE_GOLDEN=1 and review)");
        actual.Should().Be(File.ReadAllText(expectedPath, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
