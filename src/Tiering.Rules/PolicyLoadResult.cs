using Tiering.Rules.Diagnostics;

namespace Tiering.Rules;

/// <summary>The outcome of a load: the compiled set when it succeeded, and every diagnostic either way.</summary>
public sealed class PolicyLoadResult
{
    internal PolicyLoadResult(PolicySet? policySet, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<YamlReaderFallback>? yamlReaderFallbacks = null)
    {
        PolicySet = policySet;
        Diagnostics = diagnostics;
        YamlReaderFallbacks = yamlReaderFallbacks ?? [];
    }

    /// <summary>The loaded set, or null when any error was reported.</summary>
    public PolicySet? PolicySet { get; }

    /// <summary>Every diagnostic of the load, in file order (errors, warnings and info).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// The files of this load that the fast reader for the common subset of YAML left to the full YAML parser
    /// (YamlDotNet), each with where and why, in load order. Not a problem in itself: such a file loads the same, only a
    /// process's first load takes longer. Every shipped policy is in the subset.
    /// </summary>
    /// <value>Empty when every file that was read was in the subset.</value>
    public IReadOnlyList<YamlReaderFallback> YamlReaderFallbacks { get; }

    /// <summary>True when the set loaded (no errors; warnings may remain).</summary>
    public bool Succeeded => PolicySet is not null;

    /// <summary>The error diagnostics only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}
