namespace Tiering.Rules;

/// <summary>A declared field of a loaded policy, for hosts that read facts from untyped sources (CSV). Immutable.</summary>
public sealed class PolicyFieldInfo
{
    /// <summary>Describes a field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="type">The declared type.</param>
    /// <param name="optional">Whether the field may be absent.</param>
    /// <param name="values">For enum fields, the allowed values; otherwise empty.</param>
    internal PolicyFieldInfo(string name, FieldType type, bool optional, IReadOnlyList<string> values)
    {
        Name = name;
        Type = type;
        Optional = optional;
        Values = values;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The declared type.</summary>
    public FieldType Type { get; }

    /// <summary>Whether the field may be absent.</summary>
    public bool Optional { get; }

    /// <summary>For enum fields, the allowed values in declared order; otherwise empty.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The name and the type, as a policy declares them: <c>overdueDays: integer</c>, <c>rate: decimal (optional)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Type.ToString().ToLowerInvariant()}{(Optional ? " (optional)" : string.Empty)}";
}
