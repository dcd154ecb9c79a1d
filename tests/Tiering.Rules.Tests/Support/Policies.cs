namespace Tiering.Rules.Tests.Support;

/// <summary>Loads policy text written inline in a test.</summary>
internal static class Policies
{
    public static PolicySet Load(params string[] yaml) =>
        PolicySet.LoadSources(yaml.Select((text, i) => new PolicySource($"test{i}.yaml", text)));

    public static PolicyLoadResult TryLoad(params string[] yaml) =>
        PolicyLoader.LoadSources(yaml.Select((text, i) => new PolicySource($"test{i}.yaml", text)));

    public static Dictionary<string, object?> Fact(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>A policy that decides each customer by a band table on the sum of its accounts' balances (its own bands, no <c>decideWith</c>).</summary>
    public const string GroupBanded = """
        policy: banded
        version: "1"
        fields:
          customerId: { type: string }
          balance: { type: decimal, min: 0 }
        group:
          by: customerId
          decides: groups
          aggregates:
            aum: { sum: balance }
        grades: [small, big]
        hitPolicy: first
        bands:
          on: group.aum
          rows:
            - { id: B-SMALL, from: 0, to: 100, grade: small }
            - { id: B-BIG, from: 100, grade: big }
        """;
}
