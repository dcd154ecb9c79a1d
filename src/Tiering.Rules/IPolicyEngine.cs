using System.Diagnostics.CodeAnalysis;

namespace Tiering.Rules;

/// <summary>
/// An engine that decides with a loaded <see cref="PolicySet"/>: the compiled engine (the <see cref="PolicySet"/>
/// itself) or another engine that runs the same validated policies and gives the same decisions (the NRules backend,
/// <c>Tiering.Rules.NRules.NRulesPolicySet</c>). Hosts that choose the engine by configuration (the DI package's
/// <c>UseEngine</c>, the CLI's <c>--engine</c>) decide through this. Implementations are immutable and thread-safe.
/// </summary>
public interface IPolicyEngine
{
    /// <summary>The loaded policies the engine decides with.</summary>
    PolicySet PolicySet { get; }

    /// <summary>Decides one fact, as <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/> does.</summary>
    /// <typeparam name="TFact">The fact type: a POCO, a dictionary of string to object or a <see cref="System.Text.Json.JsonElement"/>.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for; picks the effective version.</param>
    /// <returns>The decision; never null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    Decision Decide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>Decides many facts against one policy, in order, as <see cref="PolicySet.DecideMany{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> does.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>One decision per fact, in input order.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element of <paramref name="facts"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    IReadOnlyList<Decision> DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>Decides one fact and says why, as <see cref="PolicySet.Explain{TFact}(string, TFact, DateOnly?)"/> does.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    DecisionTrace Explain<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>
    /// Decides many facts at once with a group policy, as <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> does:
    /// one decision per fact in input order (a policy that decides each member), or one per group in order of first
    /// appearance (one that decides each group).
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>The decisions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    IReadOnlyList<Decision> DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>
    /// Decides many facts at once with a group policy, handing each decision over as it is made, as
    /// <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, Action{Decision}, DateOnly?, bool)"/> does
    /// (with <paramref name="sortedByKey"/>, input sorted by the key streams with memory bounded by the largest group).
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="onDecision">Receives each decision.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <param name="sortedByKey">Whether the input is sorted by the group key.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    /// <exception cref="InvalidDataException"><paramref name="sortedByKey"/> is true and a key comes out of order.</exception>
    void DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, Action<Decision> onDecision, DateOnly? asOf = null, bool sortedByKey = false)
        where TFact : notnull;

    /// <summary>Decides many facts with a group policy and says why, as <see cref="PolicySet.ExplainPortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> does.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    PortfolioTrace ExplainPortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull;
}
