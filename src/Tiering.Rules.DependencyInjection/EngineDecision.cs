namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// A decision together with the version of the policy set that made it. <see cref="Decision.PolicyId"/> and
/// <see cref="Decision.PolicyVersion"/> name the policy that decided; <see cref="SetVersion"/> names the whole
/// loaded set (see <see cref="PolicySetSnapshot.Version"/>), so a decision can be traced to the exact files it came from.
/// Immutable and thread-safe.
/// </summary>
/// <param name="Decision">The decision.</param>
/// <param name="SetVersion">The <see cref="PolicySetSnapshot.Version"/> of the snapshot that decided.</param>
public sealed record EngineDecision(Decision Decision, long SetVersion)
{
    /// <inheritdoc />
    public override string ToString() => $"{Decision} (set {SetVersion})";
}

/// <summary>The decisions of one <see cref="ITieringEngine.DecideMany{TFact}"/> call, all made with one snapshot. Immutable.</summary>
/// <param name="Decisions">One decision per fact, in input order.</param>
/// <param name="SetVersion">The <see cref="PolicySetSnapshot.Version"/> of the snapshot that made them.</param>
public sealed record EngineDecisionBatch(IReadOnlyList<Decision> Decisions, long SetVersion)
{
    /// <inheritdoc />
    public override string ToString() => $"{Decisions.Count} decision(s) (set {SetVersion})";
}
