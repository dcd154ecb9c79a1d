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

    /// <summary>A band table whose outer edges (-10 and 150) lie outside its field's domain [0, 100]: two TR4009 warnings, under first.</summary>
    public const string BandsOutsideDomain = """
        policy: edges
        version: "1"
        fields:
          v: { type: integer, min: 0, max: 100 }
        grades: [low, mid]
        hitPolicy: first
        default: low
        bands:
          on: v
          rows:
            - { id: L, from: -10, to: 49, grade: low }
            - { id: M, from: 50, to: 150, grade: mid }
        """;

    /// <summary>Date-time windows: ranges (between, half-open, open, not in) over literal and field bounds, shifted bounds.</summary>
    public const string Windows = """
        policy: windows
        version: "1"
        fields:
          at: { type: datetime }
          from: { type: datetime }
          until: { type: datetime }
        grades: [outside, inside]
        hitPolicy: worst
        default: outside
        rules:
          - { id: BETWEEN, when: "at between 2024-03-01T08:00:00+08:00 and 2024-03-31T23:59:59Z", then: inside }
          - { id: HALF, when: "at in [2024-03-01T00:00:00Z, datetime('2024-04-01T08:00:00+08:00'))", then: inside }
          - { id: OPEN, when: "at in (datetime('2024-03-01T00:00:00Z'), datetime('2024-04-01T00:00:00Z'))", then: inside }
          - { id: NOTIN, when: "at not in (2024-03-01T00:00Z, 2024-04-01T00:00Z]", then: inside }
          - { id: WINDOW, when: "at between from and until", then: inside }
          - { id: MOVED, when: "addDays(at, 1) in [from, addMonths(from, 1))", then: inside }
        """;

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
