using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>The result of <see cref="ITieringEngine.Reload"/>. Immutable.</summary>
public sealed class ReloadResult
{
    internal ReloadResult(ReloadOutcome outcome, PolicySetSnapshot current, IReadOnlyList<Diagnostic> diagnostics)
    {
        Outcome = outcome;
        Current = current;
        Diagnostics = diagnostics;
    }

    /// <summary>What the reload came to.</summary>
    public ReloadOutcome Outcome { get; }

    /// <summary>The snapshot serving after the reload: the new one when it succeeded, otherwise the previous one.</summary>
    public PolicySetSnapshot Current { get; }

    /// <summary>
    /// Every diagnostic of the load: when it failed, the errors first (each prints as <c>file:line:col: error CODE: message</c>),
    /// warnings and information when it succeeded, empty when nothing was rebuilt.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        ReloadOutcome.Failed => $"failed ({Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s)); serving {Current}",
        ReloadOutcome.Unchanged => $"unchanged; serving {Current}",
        _ => $"succeeded; serving {Current}",
    };
}
