using System.Diagnostics.CodeAnalysis;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// Decides facts against the policies of a rules directory and keeps them current: the engine serves one
/// immutable <see cref="PolicySetSnapshot"/> at a time and replaces it whole when a reload succeeds, so a decision
/// never mixes two versions of the policies. Registered as a singleton by <c>services.AddTieringRules(…)</c>.
/// </summary>
/// <remarks>
/// Every member is thread-safe. Deciding never waits for a reload: reloads run on a background thread (or on the
/// caller's thread for <see cref="Reload"/>) and publish the new snapshot with one atomic reference swap. When a
/// reload fails, the previous snapshot keeps serving and <see cref="LastReloadError"/> carries the diagnostics.
/// Resolve the engine once at startup to fail fast: creating it loads the policies and throws when they do not load.
/// </remarks>
public interface ITieringEngine
{
    /// <summary>The snapshot now serving: the policy set, its set version and when it was loaded.</summary>
    /// <value>Never <see langword="null"/>. Read it once and use that object to make several calls against one set.</value>
    PolicySetSnapshot Current { get; }

    /// <summary>
    /// The errors of the last reload when it failed, in file order (each prints as <c>file:line:col: error CODE: message</c>);
    /// <see langword="null"/> after a successful reload, and once the files again match the set being served. The
    /// failed load's warnings are in <see cref="ReloadResult.Diagnostics"/> and <see cref="PolicySetReloadFailedEventArgs.Diagnostics"/>.
    /// </summary>
    IReadOnlyList<Diagnostic>? LastReloadError { get; }

    /// <summary>Raised after a reload has swapped in a new snapshot, on the thread that reloaded.</summary>
    /// <remarks>Handlers run one at a time, in reload order; keep them short. An exception from a handler is logged and swallowed.</remarks>
    event EventHandler<PolicySetReloadedEventArgs>? Reloaded;

    /// <summary>Raised after a reload did not load, on the thread that reloaded; the previous snapshot keeps serving.</summary>
    /// <remarks>Handlers run one at a time, in reload order; keep them short. An exception from a handler is logged and swallowed.</remarks>
    event EventHandler<PolicySetReloadFailedEventArgs>? ReloadFailed;

    /// <summary>
    /// Decides one fact with the current snapshot. The fact may be an <see cref="IReadOnlyDictionary{TKey, TValue}"/>
    /// of string to object, a <see cref="System.Text.Json.JsonElement"/> object, or a POCO. Bad data never throws: it
    /// gives a decision with status <see cref="DecisionStatus.Invalid"/> naming the fields.
    /// </summary>
    /// <typeparam name="TFact">The fact's type, usually inferred (see <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/>).</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for; picks the policy version effective on it.</param>
    /// <returns>The decision, with the version of the policy set that made it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded; use <see cref="TryDecide"/> when the id comes from outside.</exception>
    EngineDecision Decide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>Decides one fact with the current snapshot, or returns <see langword="false"/> when that snapshot has no such policy.</summary>
    /// <typeparam name="TFact">The fact's type, usually inferred.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for, or <see langword="null"/>.</param>
    /// <param name="decision">The decision, when the policy is loaded.</param>
    /// <returns><see langword="true"/> when the policy is loaded and <paramref name="decision"/> is set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    bool TryDecide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf, [NotNullWhen(true)] out EngineDecision? decision)
        where TFact : notnull;

    /// <summary>Decides many facts against one policy, in order, all with the same snapshot. Bad facts become invalid decisions; the batch goes on.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>One decision per fact, in input order, with the version of the policy set that made them all.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element of <paramref name="facts"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    EngineDecisionBatch DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>
    /// Decides many facts at once with a group policy (a <c>group:</c> section), all with the same snapshot: one decision
    /// per fact in input order, or one per group in order of first appearance, each carrying its group
    /// (see <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>). A single-fact policy
    /// decides each fact alone.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>The decisions, with the version of the policy set that made them all.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    EngineDecisionBatch DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull;

    /// <summary>
    /// Reloads the rules directory now, on the calling thread, and returns what happened. When the files' content
    /// is what the serving set was loaded from, nothing is rebuilt (<see cref="ReloadOutcome.Unchanged"/>). Waits
    /// for a background reload in progress to finish first.
    /// </summary>
    /// <returns>The outcome, the snapshot serving afterwards and the load's diagnostics.</returns>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    ReloadResult Reload();
}
