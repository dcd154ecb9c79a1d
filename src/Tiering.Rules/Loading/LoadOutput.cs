using Tiering.Rules.Collections;
using Tiering.Rules.Compilation;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Loading;

/// <summary>What a load made: every diagnostic in file order and, when no error was reported, each policy's compiled versions by effective date.</summary>
/// <param name="Versions">Per policy id, its versions by effective date; null when the load failed.</param>
/// <param name="Diagnostics">Every diagnostic, in file order.</param>
/// <param name="Fallbacks">The files the subset YAML reader left to YamlDotNet, and why.</param>
internal sealed record LoadOutput(NameMap<CompiledPolicy[]>? Versions, IReadOnlyList<Diagnostic> Diagnostics, YamlReaderFallback[] Fallbacks);
