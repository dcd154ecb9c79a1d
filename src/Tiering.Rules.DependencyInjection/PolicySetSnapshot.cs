namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// One loaded state of the rules directory: the compiled <see cref="Tiering.Rules.PolicySet"/>, its set version and
/// when it was loaded. Immutable and thread-safe; the engine replaces the whole snapshot on a successful reload.
/// </summary>
public sealed class PolicySetSnapshot
{
    internal PolicySetSnapshot(
        PolicySet policySet,
        long version,
        DateTimeOffset loadedAt,
        string contentKey,
        Func<PolicySet, IPolicyEngine>? engine = null,
        IReadOnlyList<PolicySource>? sources = null,
        IReadOnlyDictionary<string, DateTimeOffset>? vanished = null)
    {
        PolicySet = policySet;
        Engine = engine?.Invoke(policySet) ?? policySet;
        Version = version;
        LoadedAt = loadedAt;
        ContentKey = contentKey;
        Sources = sources ?? [];
        VanishedPolicies = vanished ?? new Dictionary<string, DateTimeOffset>();
    }

    /// <summary>The compiled policies; decide with it directly to make several calls against one set.</summary>
    public PolicySet PolicySet { get; }

    /// <summary>
    /// The engine deciding with this set: the set itself (the compiled engine), or the engine
    /// <see cref="TieringRulesOptions.UseEngine"/> made from it (the NRules backend, say).
    /// </summary>
    public IPolicyEngine Engine { get; }

    /// <summary>
    /// The set version: 1 for the set loaded when the engine was created, then one more for every reload that
    /// swapped in a new set. Increases monotonically for the life of the engine; not persisted across restarts.
    /// </summary>
    public long Version { get; }

    /// <summary>When this set was loaded (UTC, from the engine's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>A short hash of every loaded file's name and text (<see cref="PolicySet.Fingerprint"/>).</summary>
    public string Fingerprint => PolicySet.Fingerprint;

    /// <summary>The policy files' relative paths and the fingerprint of their texts, as read for this set (<see cref="RulesContent.Key"/>).</summary>
    internal string ContentKey { get; }

    /// <summary>
    /// Policies whose files had vanished when this set was loaded, by id, with when they were first missed: they still
    /// serve their last good version until <see cref="TieringRulesOptions.VanishedPolicyGracePeriod"/> has passed.
    /// </summary>
    /// <value>Empty when every policy's file is there.</value>
    public IReadOnlyDictionary<string, DateTimeOffset> VanishedPolicies { get; }

    /// <summary>The texts this set was loaded from (a vanished policy's last good text included); empty for sets not loaded from sources.</summary>
    internal IReadOnlyList<PolicySource> Sources { get; }

    /// <inheritdoc />
    public override string ToString() => $"set {Version} ({PolicySet.Policies.Count} policies, fingerprint {Fingerprint}, loaded {LoadedAt:O})";
}
