using Tiering.Rules.Diagnostics;

namespace Tiering.Rules;

/// <summary>The outcome of a load: the compiled set when it succeeded, and every diagnostic either way.</summary>
public sealed class PolicyLoadResult
{
    // An array, handed out as a list only when read: a load whose fallbacks nobody reads (a host's first load) does
    // not load the list interfaces over YamlReaderFallback.
    private readonly YamlReaderFallback[] _yamlReaderFallbacks;

    internal PolicyLoadResult(PolicySet? policySet, IReadOnlyList<Diagnostic> diagnostics, YamlReaderFallback[]? yamlReaderFallbacks = null)
    {
        PolicySet = policySet;
        Diagnostics = diagnostics;
        _yamlReaderFallbacks = yamlReaderFallbacks ?? [];
    }

    /// <summary>The loaded set, or null when any error was reported.</summary>
    public PolicySet? PolicySet { get; }

    /// <summary>
    /// Every diagnostic of the load, in file order (errors, warnings and info). When the load succeeded, the static
    /// analysis of the policies it cannot fail (TR4xxx warnings and information) runs when the list is first read, on the
    /// reading thread, so a host that never reads it does not wait for it; the list is the same either way. Thread-safe.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// The files of this load that the fast reader for the common subset of YAML left to the full YAML parser
    /// (YamlDotNet), each with where and why, in load order. Not a problem in itself: such a file loads the same, only a
    /// process's first load takes longer. Every shipped policy is in the subset.
    /// </summary>
    /// <value>Empty when every file that was read was in the subset.</value>
    public IReadOnlyList<YamlReaderFallback> YamlReaderFallbacks => _yamlReaderFallbacks;

    /// <summary>True when the set loaded (no errors; warnings may remain).</summary>
    public bool Succeeded => PolicySet is not null;

    /// <summary>The error diagnostics only.</summary>
    /// <value>Empty when the load succeeded (reading it then runs no deferred analysis).</value>
    public IEnumerable<Diagnostic> Errors => Succeeded ? [] : Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}
