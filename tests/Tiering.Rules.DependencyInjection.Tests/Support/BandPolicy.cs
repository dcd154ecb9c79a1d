namespace Tiering.Rules.DependencyInjection.Tests.Support;

/// <summary>
/// A small band policy in two valid versions that grade every test fact differently, so each decision can be
/// attributed to exactly one version by its grade alone; plus an invalid edit and half-written prefixes. The
/// <c>version</c> key comes last, so any prefix of a valid version lacks it and cannot load.
/// </summary>
internal static class BandPolicy
{
    public const string Id = "churn-band";
    public const string FileName = "band.yaml";

    /// <summary>Version A: [0, 100) bronze, [100, ∞) silver.</summary>
    public static readonly string A = Version("A", low: "bronze", high: "silver");

    /// <summary>Version B: [0, 100) silver, [100, ∞) gold.</summary>
    public static readonly string B = Version("B", low: "silver", high: "gold");

    private static string Version(string version, string low, string high) => $$"""
        # A two-version band table for the reload tests.
        policy: churn-band
        title: reload test band
        fact: customer
        fields:
          x: { type: decimal, min: 0 }
        grades: [bronze, silver, gold]
        hitPolicy: first
        bands:
          on: x
          edges: lower-inclusive
          rows:
            - { id: LOW, from: 0, to: 100, grade: {{low}} }
            - { id: HIGH, from: 100, grade: {{high}} }
        version: "{{version}}"

        """;

    /// <summary>Version A with a misspelt key on line 4, column 1.</summary>
    public static readonly string Invalid = A.Replace("fact: customer", "fakt: customer", StringComparison.Ordinal);

    /// <summary>Where <see cref="Invalid"/>'s error is reported.</summary>
    public const string InvalidPosition = "band.yaml:4:1: error TR";

    /// <summary>The test facts.</summary>
    public static readonly IReadOnlyDictionary<string, object?> Low = new Dictionary<string, object?> { ["x"] = 50m };

    /// <summary>The test facts.</summary>
    public static readonly IReadOnlyDictionary<string, object?> High = new Dictionary<string, object?> { ["x"] = 150m };

    /// <summary>The grade <paramref name="version"/> gives <paramref name="fact"/>.</summary>
    public static string Expected(string version, IReadOnlyDictionary<string, object?> fact)
    {
        var high = (decimal)fact["x"]! >= 100m;
        return (version, high) switch
        {
            ("A", false) => "bronze",
            ("A", true) => "silver",
            ("B", false) => "silver",
            ("B", true) => "gold",
            _ => throw new ArgumentException($"unknown version {version}", nameof(version)),
        };
    }

    /// <summary>A prefix of <paramref name="text"/> cut somewhere before its <c>version</c> line.</summary>
    public static string HalfWritten(string text, Random random)
    {
        var end = text.IndexOf("version:", StringComparison.Ordinal);
        return text[..random.Next(1, end)];
    }
}
