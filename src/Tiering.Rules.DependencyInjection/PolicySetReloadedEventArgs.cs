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
