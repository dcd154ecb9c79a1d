namespace Tiering.Rules.Impact;

/// <summary>
/// One side of a comparison: a loaded policy set, the policy id and the as-of date that picks its version. Before and
/// after may be the same set at two dates (the 2007 and 2023 versions of one policy) or two sets (a proposed edit
/// against the rules in force). Immutable.
/// </summary>
public sealed class ImpactSide
{
    /// <summary>Describes one side of a comparison.</summary>
    /// <param name="set">The loaded policies.</param>
    /// <param name="policyId">The policy to decide with.</param>
    /// <param name="asOf">The date the decisions are for; required when the policy has several effective-dated versions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> or <paramref name="policyId"/> is null.</exception>
    public ImpactSide(PolicySet set, string policyId, DateOnly? asOf = null)
        : this((IPolicyEngine)set, policyId, asOf)
    {
    }

    /// <summary>Describes one side of a comparison decided by another engine over its policies (the NRules backend, say).</summary>
    /// <param name="engine">The engine, and through it the loaded policies.</param>
    /// <param name="policyId">The policy to decide with.</param>
    /// <param name="asOf">The date the decisions are for; required when the policy has several effective-dated versions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="policyId"/> is null.</exception>
    public ImpactSide(IPolicyEngine engine, string policyId, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(policyId);
        Engine = engine;
        Set = engine.PolicySet;
        PolicyId = policyId;
        AsOf = asOf;
    }

    /// <summary>The loaded policies.</summary>
    public PolicySet Set { get; }

    /// <summary>The engine deciding this side: the set itself (the compiled engine) unless another was given.</summary>
    public IPolicyEngine Engine { get; }

    /// <summary>Decides one record on this side (the compiled engine directly, without an interface call).</summary>
    internal Decision Decide<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(TFact fact)
        where TFact : notnull =>
        Engine is PolicySet set ? set.Decide(PolicyId, fact, AsOf) : Engine.Decide(PolicyId, fact, AsOf);

    /// <summary>The policy to decide with.</summary>
    public string PolicyId { get; }

    /// <summary>The date the decisions are for, or null.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>The version this side decides with: the one effective on <see cref="AsOf"/>, or the only one.</summary>
    /// <param name="side">"before" or "after", for the message.</param>
    /// <returns>The version; null when none is effective on the date (every decision is then <c>not_applicable</c>).</returns>
    /// <exception cref="ArgumentException">The policy is not loaded on this side, or has several versions and no as-of date was given.</exception>
    internal PolicyEvaluator? Resolve(string side)
    {
        if (!Set.Contains(PolicyId))
        {
            throw new ArgumentException($"the {side} side: {Text.Suggestions.UnknownPolicy(PolicyId, Set.Policies.Select(p => p.Id), null)}", side);
        }

        var versions = Set.Policies.Where(p => p.Id == PolicyId).ToList();
        if (AsOf is null && versions.Count > 1)
        {
            throw new ArgumentException(
                $"policy '{PolicyId}' has {versions.Count} effective-dated versions on the {side} side ({string.Join(", ", versions.Select(v => v.Version))}); give an as-of date to choose one",
                side);
        }

        return Set.Find(PolicyId, AsOf);
    }
}
