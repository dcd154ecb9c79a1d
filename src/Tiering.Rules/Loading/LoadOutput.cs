using Tiering.Rules.Collections;
using Tiering.Rules.Compilation;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Loading;

/// <summary>What a load made: every diagnostic in file order and, when no error was reported, each policy's compiled versions by effective date.</summary>
/// <remarks>A class, not a record: a record's <see cref="IEquatable{T}"/> is one more type a first load loads.</remarks>
internal sealed class LoadOutput(NameMap<CompiledPolicy[]>? versions, IReadOnlyList<Diagnostic> diagnostics, YamlReaderFallback[] fallbacks)
{
    /// <summary>Per policy id, its versions by effective date; null when the load failed.</summary>
    public NameMap<CompiledPolicy[]>? Versions { get; } = versions;

    /// <summary>Every diagnostic, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>The files the subset YAML reader left to YamlDotNet, and why.</summary>
    public YamlReaderFallback[] Fallbacks { get; } = fallbacks;
}
