namespace Tiering.Rules.NRules;

/// <summary>
/// How a policy set is translated into NRules rule sets: which host types the session admits natively, and the as-of
/// date their decisions are for. Configure once, before <see cref="NRulesPolicySet.Create"/>; not thread-safe.
/// </summary>
public sealed class NRulesOptions
{
    private readonly List<(Type Type, string PolicyId)> _bindings = [];

    /// <summary>The host types bound to policies, with the policy each is bound to, in the order bound.</summary>
    internal IReadOnlyList<(Type Type, string PolicyId)> Bindings => _bindings;

    /// <summary>
    /// The as-of date the decisions of natively inserted facts are for: it chooses among a policy's effective-dated
    /// versions. Null (the default) suits policies with one version; a policy with several then decides each bound fact
    /// <see cref="DecisionStatus.Invalid"/> asking for a date, as <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/> does.
    /// </summary>
    /// <value>Null by default.</value>
    public DateOnly? AsOf { get; set; }

    /// <summary>
    /// Binds a policy's facts to the host type <typeparamref name="TFact"/>: the translation gets an intake rule that
    /// matches every <typeparamref name="TFact"/> inserted into a session, validates it against the policy's fields
    /// (an invalid one is decided <see cref="DecisionStatus.Invalid"/> at once, naming the field) and hands it to the
    /// policy's rules; its <see cref="PolicyDecision"/> follows. Bind one type to several policies by calling this again.
    /// </summary>
    /// <typeparam name="TFact">The host's fact type (a class whose public properties carry the policy's fields).</typeparam>
    /// <param name="policyId">The policy its instances are decided by.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> is null.</exception>
    public NRulesOptions Bind<TFact>(string policyId)
        where TFact : class
    {
        ArgumentNullException.ThrowIfNull(policyId);
        _bindings.Add((typeof(TFact), policyId));
        return this;
    }
}
