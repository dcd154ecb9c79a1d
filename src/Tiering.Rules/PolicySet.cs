using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tiering.Rules.Compilation;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Facts;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// A compiled, immutable set of policies. Build it once (per load or reload) and share it: every member is
/// thread-safe, and <see cref="Decide{TFact}(string, TFact, DateOnly?)"/> never throws for bad facts — it returns a
/// <see cref="Decision"/> with status <see cref="DecisionStatus.Invalid"/> naming the fields.
/// </summary>
public sealed class PolicySet
{
    // A plain dictionary of arrays, neither written after construction, so safe for concurrent readers. Not frozen or
    // immutable collections: their generic code over these types would cost a cold start milliseconds of JIT, for one
    // lookup that the reference check below usually skips anyway.
    private readonly Dictionary<string, PolicyEvaluator[]> _versions;

    internal PolicySet(IReadOnlyDictionary<string, PolicyEvaluator[]> versions, IReadOnlyList<Diagnostic> diagnostics, string fingerprint)
    {
        _versions = new Dictionary<string, PolicyEvaluator[]>(versions, StringComparer.Ordinal);
        Diagnostics = diagnostics;
        Fingerprint = fingerprint;
    }

    private IReadOnlyList<PolicyInfo>? _policies;

    /// <summary>Described on first use (most hosts decide without ever listing the set); two racing threads build equal lists.</summary>
    private IReadOnlyList<PolicyInfo> DescribeAll()
    {
        var policies = new List<PolicyInfo>();
        foreach (var version in _versions.Values)
        {
            policies.AddRange(version.Select(Describe));
        }

        policies.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id) is var byId and not 0 ? byId
            : (a.EffectiveFrom ?? DateOnly.MinValue).CompareTo(b.EffectiveFrom ?? DateOnly.MinValue));
        return policies.AsReadOnly();
    }

    /// <summary>Warnings and information from the load (errors never reach a loaded set).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>A short hash of every loaded file's name and text: equal fingerprints mean the same policies, wherever the files are.</summary>
    public string Fingerprint { get; }

    /// <summary>Every loaded policy version, by id then effective date.</summary>
    public IReadOnlyList<PolicyInfo> Policies => LazyInitializer.EnsureInitialized(ref _policies, DescribeAll);

    /// <summary>Loads a directory of policies, throwing if any error is found.</summary>
    /// <param name="directory">The rules directory.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="PolicyLoadException">The policies did not load; carries every diagnostic.</exception>
    public static PolicySet LoadDirectory(string directory, LoadLimits? limits = null) => OrThrow(PolicyLoader.LoadDirectory(directory, limits));

    /// <summary>Loads policy files, throwing if any error is found.</summary>
    /// <param name="paths">The files.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="PolicyLoadException">The policies did not load; carries every diagnostic.</exception>
    public static PolicySet LoadFiles(IEnumerable<string> paths, LoadLimits? limits = null) => OrThrow(PolicyLoader.LoadFiles(paths, limits));

    /// <summary>Loads policies from text, throwing if any error is found.</summary>
    /// <param name="sources">The policy texts.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="PolicyLoadException">The policies did not load; carries every diagnostic.</exception>
    public static PolicySet LoadSources(IEnumerable<PolicySource> sources, LoadLimits? limits = null) => OrThrow(PolicyLoader.LoadSources(sources, limits));

    private static PolicySet OrThrow(PolicyLoadResult result) => result.PolicySet ?? throw new PolicyLoadException(result.Diagnostics);

    /// <summary>
    /// Compiles every policy to its fastest form now, on the calling thread. Optional: a loaded set starts on a
    /// backend that is quick to build and switches each policy to compiled code in the background after a few hundred
    /// decisions; call this first (for example before swapping a reloaded set in) so that no decision waits for it.
    /// </summary>
    /// <returns>This set, for chaining.</returns>
    public PolicySet Prepare()
    {
        foreach (var versions in _versions.Values)
        {
            foreach (var policy in versions)
            {
                policy.Prepare();
            }
        }

        return this;
    }

    /// <summary>Whether a policy with this id is loaded.</summary>
    /// <param name="policyId">The policy id.</param>
    /// <returns>True when loaded.</returns>
    public bool Contains(string policyId) => _versions.ContainsKey(policyId);

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
        PrepareBinders<TFact>(versions);
        return DecideCore(versions, fact, asOf);
    }

    /// <summary>Without a JIT, gives each version a delegate binder for <typeparamref name="TFact"/> (once; a no-op under a JIT).</summary>
    private static void PrepareBinders<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(PolicyEvaluator[] versions)
    {
        if (CodeGeneration.IsAvailable || !DelegateBinder.FactType<TFact>.IsPoco)
        {
            return;
        }

        foreach (var version in versions)
        {
            version.PrepareBinder<TFact>();
        }
    }

    /// <summary>Decides many facts against one policy, in order. Bad facts become invalid decisions; the batch goes on.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>One decision per fact, in input order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public IReadOnlyList<Decision> DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        var versions = Versions(policyId);
        PrepareBinders<TFact>(versions);
        var results = facts is ICollection<TFact> c ? new List<Decision>(c.Count) : [];
        foreach (var fact in facts)
        {
            results.Add(DecideCore(versions, fact, asOf));
        }

        return results;
    }

    /// <summary>
    /// Decides a span of facts into a span of results (same length), with no per-batch allocation: the version is chosen
    /// once for the batch. Decide a portfolio in chunks into one reused buffer; equal outcomes share decisions, so the
    /// buffer holds references, not copies.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="results">Receives one decision per fact; must be at least as long as <paramref name="facts"/>.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <exception cref="ArgumentException"><paramref name="results"/> is shorter than <paramref name="facts"/>.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public void DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, ReadOnlySpan<TFact> facts, Span<Decision> results, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        if (results.Length < facts.Length)
        {
            throw new ArgumentException("results must be at least as long as facts", nameof(results));
        }

        var versions = Versions(policyId);
        PrepareBinders<TFact>(versions);
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            results[..facts.Length].Fill(early);
            return;
        }

        var kernel = policy.TypedKernelFor(typeof(TFact)); // looked up once per batch
        for (var i = 0; i < facts.Length; i++)
        {
            results[i] = DecideInBatch(policy, kernel, facts[i], asOf);
        }
    }

    /// <summary>
    /// Decides a span of facts and hands each decision to <paramref name="onDecision"/> as it is made (with the fact's
    /// index), keeping none: the streaming form for nightly portfolios, where holding every decision until the end
    /// would only load the garbage collector.
    /// </summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="onDecision">Receives each fact's index and decision, in order.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or <paramref name="onDecision"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public void DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, ReadOnlySpan<TFact> facts, Action<int, Decision> onDecision, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(onDecision);
        var versions = Versions(policyId);
        PrepareBinders<TFact>(versions);
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            for (var i = 0; i < facts.Length; i++)
            {
                onDecision(i, early);
            }

            return;
        }

        var kernel = policy.TypedKernelFor(typeof(TFact)); // looked up once per batch
        for (var i = 0; i < facts.Length; i++)
        {
            onDecision(i, DecideInBatch(policy, kernel, facts[i], asOf));
        }
    }

    /// <summary>Decides one fact of a batch: facts of the kernel's type take it, any other fact the usual way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Decision DecideInBatch<TFact>(PolicyEvaluator policy, TypedKernel? kernel, TFact fact, DateOnly? asOf)
        where TFact : notnull
    {
        object boxed = fact;
        // A sealed TFact means every element is a TFact itself; otherwise the run-time type must match.
        return kernel is not null && (typeof(TFact).IsSealed || ReferenceEquals(boxed.GetType(), kernel.Type))
            ? policy.DecideTyped(kernel, boxed, asOf) ?? DecideGeneral(policy, boxed, asOf)
            : DecideWith(policy, boxed, asOf);
    }

    private sealed record LastLookup(string Id, PolicyEvaluator[] Versions);

    private LastLookup? _lastLookup;

    private PolicyEvaluator[] Versions(string policyId)
    {
        // Callers usually pass the same id instance again and again: skip hashing it.
        var last = Volatile.Read(ref _lastLookup);
        if (last is not null && ReferenceEquals(last.Id, policyId))
        {
            return last.Versions;
        }

        if (!_versions.TryGetValue(policyId, out var versions))
        {
            throw new KeyNotFoundException(UnknownPolicyMessage(policyId));
        }

        Volatile.Write(ref _lastLookup, new LastLookup(policyId, versions));
        return versions;
    }

    private Decision DecideCore(PolicyEvaluator[] versions, object fact, DateOnly? asOf)
    {
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            return early;
        }

        return DecideWith(policy, fact, asOf);
    }

    /// <summary>Decides with a chosen version: its typed kernel when the fact's type has one, else on a thread's frame.</summary>
    private Decision DecideWith(PolicyEvaluator policy, object fact, DateOnly? asOf)
    {
        return policy.TryDecideTyped(fact, asOf) ?? DecideGeneral(policy, fact, asOf);
    }

    /// <summary>Decides on the thread's frame for the policy: binding, chained decisions, the kernel, the errors.</summary>
    private Decision DecideGeneral(PolicyEvaluator policy, object fact, DateOnly? asOf)
    {
        var frame = policy.Rent();
        var decision = Decide(policy, fact, asOf, frame);
        FramePool.GiveBack(frame);
        return decision;
    }

    /// <summary>Picks the version effective on <paramref name="asOf"/>, or returns the decision saying why none can decide.</summary>
    private static Decision? SelectVersion(PolicyEvaluator[] versions, DateOnly? asOf, out PolicyEvaluator policy)
    {
        if (versions.Length == 1 && (asOf is null || versions[0].Definition.IsEffectiveOn(asOf.Value)))
        {
            policy = versions[0];
            return null;
        }

        return SelectAmongVersions(versions, asOf, out policy);
    }

    /// <summary>Several versions, or one not effective on the date (apart: most sets hold one version of each policy).</summary>
    private static Decision? SelectAmongVersions(PolicyEvaluator[] versions, DateOnly? asOf, out PolicyEvaluator policy)
    {
        var latest = versions[^1];
        policy = latest;
        if (asOf is null)
        {
            return Decision.Invalid(latest, asOf, [new FieldError("asOf", $"policy '{latest.Definition.Id}' has {versions.Length} effective-dated versions; give an as-of date to choose one", FieldErrorKind.AsOfDate)]);
        }

        if (Select(versions, asOf.Value) is not { } found)
        {
            return new Decision(latest, DecisionStatus.NotApplicable, -1, -1, asOf)
            {
                ErrorList = [new FieldError("asOf", $"no version of policy '{latest.Definition.Id}' is effective on {asOf.Value:yyyy-MM-dd}", FieldErrorKind.AsOfDate)],
            };
        }

        policy = found;
        return null;
    }

    /// <summary>Binds the fact into <paramref name="frame"/>, decides the policies it depends on, and decides it.</summary>
    private Decision Decide(PolicyEvaluator policy, object fact, DateOnly? asOf, Frame frame)
    {
        policy.Bind(fact, frame);
        if (frame.Errors is null)
        {
            foreach (var dependency in policy.Definition.DecisionRefs)
            {
                var decision = DecideCore(Versions(dependency.DependsOnPolicy!), fact, asOf);
                if (decision.Status == DecisionStatus.Invalid)
                {
                    foreach (var error in decision.Errors)
                    {
                        frame.AddError(error.Field, $"{error.Message} (needed by decision('{dependency.DependsOnPolicy}'))", error.Kind);
                    }
                }
                else if (decision.Grade is { } grade)
                {
                    frame.WriteOrdinal(dependency, grade.Rank);
                }
                else
                {
                    frame.MarkMissing(dependency.Index);
                }
            }
        }

        return policy.Evaluate(frame, asOf);
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
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            return TraceBuilder.Build(early, null, versions.Length);
        }

        var frame = policy.NewFrame(); // kept by the trace, so not a thread's spare
        return TraceBuilder.Build(Decide(policy, fact, asOf, frame), frame, versions.Length);
    }

    private static PolicyEvaluator? Select(PolicyEvaluator[] versions, DateOnly asOf)
    {
        foreach (var version in versions)
        {
            if (version.Definition.IsEffectiveOn(asOf))
            {
                return version;
            }
        }

        return null;
    }

    internal IReadOnlyList<string> RuleIds(string policyId) =>
        _versions.TryGetValue(policyId, out var versions)
            ? [.. versions.SelectMany(v => v.Definition.Rules).Select(r => r.Id).Distinct()]
            : [];

    /// <summary>The one message for an unknown policy id (<see cref="Text.Suggestions.UnknownPolicy"/>).</summary>
    private string UnknownPolicyMessage(string policyId) => Text.Suggestions.UnknownPolicy(policyId, _versions.Keys, null);

    internal PolicyEvaluator? Find(string policyId, DateOnly? asOf) =>
        _versions.TryGetValue(policyId, out var versions)
            ? (asOf is { } date ? Select(versions, date) : versions[^1])
            : null;

    private static PolicyInfo Describe(PolicyEvaluator compiled)
    {
        var p = compiled.Definition;
        return new PolicyInfo(
            p.Id,
            p.Version,
            p.Title,
            p.EffectiveFrom,
            p.EffectiveUntil,
            p.HitPolicy,
            compiled.Compiled.Grades,
            [.. p.Fields.Select(f => new PolicyFieldInfo(f.Name, f.Type, f.Optional, f.Domain?.Values ?? []))],
            p.Span.Path);
    }
}
