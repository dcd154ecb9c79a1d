namespace Tiering.Rules;

/// <summary>
/// Bounds on what one load accepts, so that a hostile or mistaken policy file cannot exhaust the host.
/// Immutable; <see cref="Default"/> suits every shipped policy with a wide margin.
/// </summary>
public sealed record LoadLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static LoadLimits Default { get; } = new();

    /// <summary>Largest policy file, in UTF-8 bytes.</summary>
    /// <value>Defaults to 1 MiB.</value>
    public int MaxFileBytes { get; init; } = 1 << 20;

    /// <summary>Deepest YAML nesting of mappings and lists.</summary>
    /// <value>Defaults to 16.</value>
    public int MaxNestingDepth { get; init; } = 16;

    /// <summary>Most rules (or band rows, or score items) in one policy.</summary>
    /// <value>Defaults to 1000.</value>
    public int MaxRules { get; init; } = 1000;

    /// <summary>Most declared fields in one policy.</summary>
    /// <value>Defaults to 256.</value>
    public int MaxFields { get; init; } = 256;

    /// <summary>Longest expression, in characters.</summary>
    /// <value>Defaults to 2000.</value>
    public int MaxExpressionLength { get; init; } = 2000;

    /// <summary>Deepest nesting of one expression (parentheses, operators, calls).</summary>
    /// <value>Defaults to 32.</value>
    public int MaxExpressionDepth { get; init; } = 32;
}
