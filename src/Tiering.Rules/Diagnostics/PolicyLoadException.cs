using Tiering.Rules;

namespace Tiering.Rules.Diagnostics;

/// <summary>
/// Thrown by the throwing façade (<see cref="PolicySet.LoadDirectory(string, LoadLimits?)"/> and friends) when a policy set
/// does not load. Carries every diagnostic of the load, not just the first.
/// </summary>
public sealed class PolicyLoadException : Exception
{
    /// <summary>Creates the exception from the diagnostics of a failed load.</summary>
    /// <param name="diagnostics">Every diagnostic of the load; at least one is an error.</param>
    public PolicyLoadException(IReadOnlyList<Diagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every diagnostic of the load, errors first in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var lines = string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
        return $"The policies did not load ({errors} error(s)):{Environment.NewLine}{lines}";
    }
}
