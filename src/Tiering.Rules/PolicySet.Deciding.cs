using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tiering.Rules.Facts;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

// Deciding one fact: the version, the typed kernel or a pooled frame, chained decisions; and explaining one.
public sealed partial class PolicySet
{
    /// <summary>
    /// Decides one fact. The fact may be an <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string to object, a
    /// <see cref="System.Text.Json.JsonElement"/> object, or a POCO. When the policy has several effective-dated
    /// versions, <paramref name="asOf"/> chooses one and is required.
    /// </summary>
    /// <typeparam name="TFact">
    /// The fact's type, usually inferred. For a POCO it also tells a trimmed or Native AOT host to keep the type's public
    /// properties (the engine reads them by name), and without a JIT it gets a binder from typed getter delegates.
    /// </typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="asOf">The date the decision is for; picks the effective version.</param>
    /// <returns>The decision; never null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded (a programming error, not a data error).</exception>
    public Decision Decide<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        var versions = Versions(policyId);
        if (!CodeGeneration.IsAvailable)
        {
            PrepareBinders<TFact>(versions);
        }
        if (asOf is null && versions.Length == 1 && versions[0].TypedKernelFor(fact.GetType()) is { } kernel)
        {
            // The hot path of a host deciding POCOs of one type: one version, no date to choose by (so it is the one),
            // a typed kernel for the fact's type (never built for a group policy). The same steps as DecideAmong.
            var policy = versions[0];
            return policy.DecideTyped(kernel, fact, null) ?? DecideOnPooledFrame(policy, fact, null);
        }

        return CodeGeneration.IsAvailable ? DecideWithBinders(versions, fact, asOf) : DecideAmong(versions, fact, asOf);
    }

    /// <summary>
    /// Under a JIT, off the typed kernel's path (a POCO type's first facts, a date, several versions): gives the fact's
    /// type, from its second fact, its delegate binder for the facts before its compiled one
    /// (<see cref="PrepareBinders{TFact}"/>, once per type), then decides. A method of its own, so that the hot path above
    /// stays as it is.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Decision DecideWithBinders<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(PolicyEvaluator[] versions, TFact fact, DateOnly? asOf)
        where TFact : notnull
    {
        PrepareBinders<TFact>(versions, afterFirstFact: true);
        return DecideAmong(versions, fact, asOf);
    }

    /// <summary>
    /// Gives each version a delegate binder for <typeparamref name="TFact"/> (once): without a JIT the type's binder,
    /// under one the binder of its first facts (<see cref="Facts.BinderRegistry.PrepareBinder{TFact}"/>). Under a JIT,
    /// <c>Decide</c> calls it only off the typed kernel's path (a call to this shared generic method cost every decision
    /// a call and a generic dictionary lookup) and the batches not at all (their deciding loops share a method with the
    /// call, and one more call there tipped the streaming batch's compiled loop into its slow form).
    /// </summary>
    /// <param name="versions">The policy's versions.</param>
    /// <param name="afterFirstFact">Under a JIT, prepare only for a type a version has bound before (its first fact
    /// goes by reflection, whose single call per getter needs no stub, so a process's first decision does not build
    /// delegates it would use once); <c>Explain</c> prepares at once, and without a JIT every generic entry point does.</param>
    private static void PrepareBinders<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(PolicyEvaluator[] versions, bool afterFirstFact = false)
    {
        // Under a JIT, a type no version has bound a fact of yet (a process's first decision of it) needs nothing: asked
        // first, so that the first decision does not work out whether the type is a POCO (a generic class per fact type,
        // its static constructor and the dictionary interfaces it tests for).
        if (afterFirstFact && CodeGeneration.IsAvailable && !AnyBoundBefore(versions, typeof(TFact)))
        {
            return;
        }

        if (!DelegateBinder.FactType<TFact>.IsPoco)
        {
            return;
        }

        foreach (var version in versions)
        {
            version.PrepareBinder<TFact>(afterFirstFact);
        }
    }

    private static bool AnyBoundBefore(PolicyEvaluator[] versions, Type type)
    {
        foreach (var version in versions)
        {
            if (version.Compiled.Binders.HasBound(type))
            {
                return true;
            }
        }

        return false;
    }

    private Decision DecideAmong(PolicyEvaluator[] versions, object fact, DateOnly? asOf)
    {
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            return early;
        }

        return DecideVersion(policy, fact, asOf);
    }

    /// <summary>Decides with a chosen version: its typed kernel when the fact's type has one, else on a thread's frame.</summary>
    private Decision DecideVersion(PolicyEvaluator policy, object fact, DateOnly? asOf)
    {
        if (policy.Group is not null)
        {
            return DecideAlone(policy, fact, asOf);
        }

        return policy.TryDecideTyped(fact, asOf) ?? DecideOnPooledFrame(policy, fact, asOf);
    }

    /// <summary>Decides on the thread's frame for the policy: binding, chained decisions, the kernel, the errors.</summary>
    private Decision DecideOnPooledFrame(PolicyEvaluator policy, object fact, DateOnly? asOf)
    {
        var frame = policy.Rent();
        var decision = BindAndEvaluate(policy, fact, asOf, frame);
        FramePool.GiveBack(frame);
        return decision;
    }

    /// <summary>Binds the fact into <paramref name="frame"/>, decides the policies it depends on, and decides it.</summary>
    private Decision BindAndEvaluate(PolicyEvaluator policy, object fact, DateOnly? asOf, Frame frame)
    {
        BindWithDependencies(policy, fact, asOf, frame, null);
        return policy.Evaluate(frame, asOf);
    }

    /// <summary>
    /// Binds the fact into <paramref name="frame"/> and decides the policies it depends on, writing their grades (or
    /// their errors) into it; each dependency's decision goes into <paramref name="dependencies"/> when given, or, with
    /// <paramref name="known"/>, is taken from it (decided before, for the same fact and date) instead of decided again.
    /// </summary>
    internal void BindWithDependencies(PolicyEvaluator policy, object fact, DateOnly? asOf, Frame frame, Decision?[]? dependencies, bool known = false)
    {
        policy.Bind(fact, frame);
        if (frame.Errors is null)
        {
            var refs = policy.Definition.DecisionRefs;
            for (var k = 0; k < refs.Length; k++)
            {
                var dependency = refs[k];
                var decision = known ? dependencies![k]! : DecideAmong(policy.Dependencies[k] ?? Versions(dependency.DependsOnPolicy!), fact, asOf);
                if (dependencies is not null && !known)
                {
                    dependencies[k] = decision;
                }

                ChainedDecisions.Write(policy.Definition, frame, dependency, decision);
            }
        }

        policy.Compiled.Prelude?.Run(frame, asOf);
    }

    /// <summary>
    /// Decides one fact and says why, for people: the version and why it was chosen, every declared field with the
    /// value seen, every rule with the values it read and whether it fired, the result. Slower than
    /// <see cref="Decide{TFact}(string, TFact, DateOnly?)"/> (it keeps every value); use it to explain, not to classify in bulk.
    /// </summary>
    /// <typeparam name="TFact">The fact's type, as for <see cref="Decide{TFact}(string, TFact, DateOnly?)"/>.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="fact">The fact, as for <see cref="Decide{TFact}(string, TFact, DateOnly?)"/>.</param>
    /// <param name="asOf">The date the decision is for; picks the effective version.</param>
    /// <returns>The trace; <see cref="DecisionTrace.Decision"/> is the decision <see cref="Decide{TFact}(string, TFact, DateOnly?)"/> gives.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="fact"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public DecisionTrace Explain<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, TFact fact, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(fact);
        var versions = Versions(policyId);
        PrepareBinders<TFact>(versions);
        return ExplainAmong(versions, fact, asOf);
    }

    /// <summary>Explains a fact with a policy by id (the delegate of a group that decides each group).</summary>
    internal DecisionTrace ExplainWith(string policyId, object fact, DateOnly? asOf) => ExplainAmong(Versions(policyId), fact, asOf);

    private DecisionTrace ExplainAmong(PolicyEvaluator[] versions, object fact, DateOnly? asOf)
    {
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            return TraceBuilder.Build(early, null, versions.Length);
        }

        if (policy.Group is not null)
        {
            // A group policy asked about one fact: the trace of a group of one (the member's, or the group's).
            var run = new PortfolioRun(this, policy, asOf, _ => { }, sorted: false, Versions(policy.Definition.Id).Length, explain: true);
            run.Add(fact);
            run.Complete();
            var traces = run.Trace().Traces;
            foreach (var trace in traces)
            {
                if (trace.Decision.Status == DecisionStatus.Invalid && trace.Decision.Errors.All(e => e.Field != "(members)"))
                {
                    return trace;
                }
            }

            return traces[0];
        }

        var frame = policy.NewFrame(); // kept by the trace, so not a thread's spare
        return TraceBuilder.Build(BindAndEvaluate(policy, fact, asOf, frame), frame, versions.Length);
    }
}
