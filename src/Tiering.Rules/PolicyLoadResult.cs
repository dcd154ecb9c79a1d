using Tiering.Rules.Diagnostics;

namespace Tiering.Rules;

/// <summary>The outcome of a load: the compiled set when it succeeded, and every diagnostic either way.</summary>
public sealed class PolicyLoadResult
{
    internal PolicyLoadResult(PolicySet? policySet, IReadOnlyList<Diagnostic> diagnostics)
    {
        PolicySet = policySet;
        Diagnostics = diagnostics;
    }

    /// <summary>The loaded set, or null when any error was reported.</summary>
    public PolicySet? PolicySet { get; }

    /// <summary>Every diagnostic of the load, in file order (errors, warnings and info).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the set loaded (no errors; warnings may remain).</summary>
    public bool Succeeded => PolicySet is not null;

    /// <summary>The error diagnostics only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}
