using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>What a reload came to.</summary>
public enum ReloadOutcome
{
    /// <summary>The files loaded and a new snapshot is serving.</summary>
    Succeeded,

    /// <summary>The files did not load; the previous snapshot keeps serving. See <see cref="ReloadResult.Diagnostics"/>.</summary>
    Failed,

    /// <summary>The files' content is what the serving snapshot was loaded from; nothing was rebuilt.</summary>
    Unchanged,
}

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
