namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// A decision together with the version of the policy set that made it. <see cref="Decision.PolicyId"/> and
/// <see cref="Decision.PolicyVersion"/> name the policy that decided; <see cref="SetVersion"/> names the whole
/// loaded set (see <see cref="PolicySetSnapshot.Version"/>), so a decision can be traced to the exact files it came from.
/// Immutable and thread-safe.
/// </summary>
public sealed class EngineDecision
{
    /// <summary>Pairs a decision with the set version that made it.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="setVersion">The version of the snapshot that decided.</param>
    internal EngineDecision(Decision decision, long setVersion)
    {
        Decision = decision;
        SetVersion = setVersion;
    }

    /// <summary>The decision.</summary>
    public Decision Decision { get; }

    /// <summary>The <see cref="PolicySetSnapshot.Version"/> of the snapshot that decided.</summary>
    public long SetVersion { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Decision} (set {SetVersion})";
}
