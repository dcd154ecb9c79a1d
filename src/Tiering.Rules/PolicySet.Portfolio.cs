using System.Diagnostics.CodeAnalysis;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

// Deciding many facts at once with a group policy: grouping, aggregates, member or group decisions.
public sealed partial class PolicySet
{
    /// <summary>
    /// Decides many facts at once with a group policy (one with a <c>group:</c> section): the facts are grouped by the
    /// policy's key, each group's aggregates are computed over its valid members, and then either every member is
    /// decided with its group's aggregates (one decision per fact, in input order) or every group is decided (one
    /// decision per key, in order of first appearance, with an invalid member's own decision at its place). Each
    /// decision carries its <see cref="Decision.Group"/>. A member that fails validation is invalid and not counted;
    /// members that disagree on a field the policy says is constant make every member of their group invalid. A
    /// single-fact policy decides each fact alone, as <see cref="DecideMany{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> does.
    /// </summary>
    /// <typeparam name="TFact">The fact type: a POCO, a dictionary of string to object or a <see cref="System.Text.Json.JsonElement"/>.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts, read once.</param>
    /// <param name="asOf">The date the decisions are for; picks the effective version (and those of chained policies).</param>
    /// <returns>The decisions, in the order described.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public IReadOnlyList<Decision> DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        var results = facts is ICollection<TFact> c ? new List<Decision>(c.Count) : [];
        DecidePortfolio(policyId, facts, results.Add, asOf);
        return results;
    }

    /// <summary>
    /// Decides many facts at once with a group policy, as <see cref="DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>
    /// does, handing each decision over as soon as it is made. With <paramref name="sortedByKey"/>, the input is taken to
    /// be sorted by the group key (ascending, ordinal order of the key text) and each group is decided as soon as the
    /// next key starts, so memory is bounded by the largest group, not the input; a key out of order throws, naming the
    /// record, rather than give a wrong answer (decisions handed over before it stand).
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts, read once.</param>
    /// <param name="onDecision">Receives each decision, in the order described.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <param name="sortedByKey">Whether the input is sorted by the group key, so groups can be decided as they end.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    /// <exception cref="ArgumentException"><paramref name="sortedByKey"/> is true for a policy that decides each member by a share of the whole input (nothing can be decided before the input ends).</exception>
    /// <exception cref="InvalidDataException"><paramref name="sortedByKey"/> is true and a key comes out of order.</exception>
    public void DecidePortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, Action<Decision> onDecision, DateOnly? asOf = null, bool sortedByKey = false)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(onDecision);
        var versions = Versions(policyId);
        if (!CodeGeneration.IsAvailable)
        {
            PrepareBinders<TFact>(versions);
        }
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            var index = 0;
            foreach (var fact in facts)
            {
                if (fact is null)
                {
                    ThrowNullFact(index);
                }

                onDecision(early);
                index++;
            }

            return;
        }

        if (policy.Group is null)
        {
            var index = 0;
            foreach (var fact in facts)
            {
                if (fact is null)
                {
                    ThrowNullFact(index);
                }

                onDecision(DecideVersion(policy, fact, asOf));
                index++;
            }

            return;
        }

        var run = new PortfolioRun(this, policy, asOf, onDecision, sortedByKey, versions.Length);
        run.Run(facts);
    }

    /// <summary>
    /// Decides many facts with a group policy, as <see cref="DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>
    /// does, and says why: every group's aggregates with the members behind them, and every decision's trace. Keeps a
    /// frame per decision: explain a debtor's or customer's records, not a whole book.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public PortfolioTrace ExplainPortfolio<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        var versions = Versions(policyId);
        if (!CodeGeneration.IsAvailable)
        {
            PrepareBinders<TFact>(versions);
        }
        if (SelectVersion(versions, asOf, out var policy) is not { } early && policy.Group is not null)
        {
            var run = new PortfolioRun(this, policy, asOf, _ => { }, sorted: false, Versions(policy.Definition.Id).Length, explain: true);
            run.Run(facts);
            return run.Trace();
        }

        var traces = new List<DecisionTrace>();
        var text = new System.Text.StringBuilder();
        foreach (var fact in facts)
        {
            if (fact is null)
            {
                ThrowNullFact(traces.Count);
            }

            var trace = ExplainWith(policyId, fact, asOf);
            traces.Add(trace);
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"== record {traces.Count}").AppendLine(trace.ToString());
        }

        return new PortfolioTrace(traces, text.ToString());
    }

    /// <summary>Whether the policy decides over many facts at once (it has a <c>group:</c> section), in its latest version.</summary>
    /// <param name="policyId">The policy id.</param>
    /// <returns>True for a group policy.</returns>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public bool IsGroupPolicy(string policyId) => Versions(policyId)[^1].Group is not null;

    /// <summary>Decides a fact with a policy by id (the delegate of a group that decides each group).</summary>
    internal Decision DecideWith(string policyId, object fact, DateOnly? asOf) => DecideAmong(Versions(policyId), fact, asOf);

    /// <inheritdoc />
    void IPortfolioHost.BindWithDependencies(PolicyEvaluator policy, object fact, DateOnly? asOf, Runtime.Frame frame, Decision?[]? dependencies, bool known) =>
        BindWithDependencies(policy, fact, asOf, frame, dependencies, known);

    /// <inheritdoc />
    void IPortfolioHost.EvaluateMany(PolicyEvaluator policy, IReadOnlyList<object> facts, IReadOnlyList<Runtime.Frame> frames, DateOnly? asOf, Decision[] into)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            into[i] = policy.Evaluate(frames[i], asOf);
        }
    }

    /// <inheritdoc />
    Decision IPortfolioHost.DecideWith(string policyId, object fact, DateOnly? asOf) => DecideWith(policyId, fact, asOf);

    /// <inheritdoc />
    DecisionTrace IPortfolioHost.ExplainWith(string policyId, object fact, DateOnly? asOf) => ExplainWith(policyId, fact, asOf);

    /// <inheritdoc />
    bool IPortfolioHost.EvaluatesWithFact => false;

    /// <inheritdoc />
    Decision IPortfolioHost.Evaluate(PolicyEvaluator policy, object? fact, Runtime.Frame frame, DateOnly? asOf) => policy.Evaluate(frame, asOf);

    /// <summary>A group policy asked about one fact: a portfolio of that fact alone (a group of one).</summary>
    private Decision DecideAlone(PolicyEvaluator policy, object fact, DateOnly? asOf)
    {
        var decisions = new List<Decision>(2);
        var run = new PortfolioRun(this, policy, asOf, decisions.Add, sorted: false, 1);
        run.Add(fact);
        run.Complete();
        foreach (var decision in decisions)
        {
            // The member's own errors say more than "every member failed validation".
            if (decision.Status == DecisionStatus.Invalid && decision.Errors.All(e => e.Field != "(members)"))
            {
                return decision;
            }
        }

        return decisions[0];
    }
}
