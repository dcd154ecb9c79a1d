using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

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
