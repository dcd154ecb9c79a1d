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
}
