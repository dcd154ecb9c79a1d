namespace Tiering.Rules.DependencyInjection;

/// <summary>The decisions of one <see cref="ITieringEngine.DecideMany{TFact}"/> call, all made with one snapshot. Immutable.</summary>
public sealed class EngineDecisionBatch
{
    /// <summary>Pairs decisions with the set version that made them.</summary>
    /// <param name="decisions">One decision per fact, in input order.</param>
    /// <param name="setVersion">The version of the snapshot that made them.</param>
    internal EngineDecisionBatch(IReadOnlyList<Decision> decisions, long setVersion)
    {
        Decisions = decisions;
        SetVersion = setVersion;
    }

    /// <summary>One decision per fact, in input order.</summary>
    public IReadOnlyList<Decision> Decisions { get; }

    /// <summary>The <see cref="PolicySetSnapshot.Version"/> of the snapshot that made them.</summary>
    public long SetVersion { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Decisions.Count} decision(s) (set {SetVersion})";
}
