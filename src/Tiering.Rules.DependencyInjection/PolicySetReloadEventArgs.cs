using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>Data for <see cref="ITieringEngine.Reloaded"/>: a new snapshot has replaced the previous one.</summary>
public sealed class PolicySetReloadedEventArgs : EventArgs
{
    internal PolicySetReloadedEventArgs(PolicySetSnapshot previous, PolicySetSnapshot current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The snapshot that was serving before the reload.</summary>
    public PolicySetSnapshot Previous { get; }

    /// <summary>The snapshot serving now; its load's warnings are in <see cref="PolicySet.Diagnostics"/>.</summary>
    public PolicySetSnapshot Current { get; }
}

/// <summary>Data for <see cref="ITieringEngine.ReloadFailed"/>: the files did not load and the previous snapshot keeps serving.</summary>
public sealed class PolicySetReloadFailedEventArgs : EventArgs
{
    internal PolicySetReloadFailedEventArgs(IReadOnlyList<Diagnostic> diagnostics, PolicySetSnapshot current)
    {
        Diagnostics = diagnostics;
        Current = current;
    }

    /// <summary>Every diagnostic of the failed load, errors first; each prints as <c>file:line:col: error CODE: message</c>.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The snapshot that keeps serving.</summary>
    public PolicySetSnapshot Current { get; }
}
