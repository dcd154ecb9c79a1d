using System.Text.Json.Serialization;

/// <summary>Source-generated JSON for the smoke test's facts (reflection-based serialization is not available under AOT).</summary>
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class FactJson : JsonSerializerContext;
