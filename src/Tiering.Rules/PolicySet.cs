using System.Diagnostics.CodeAnalysis;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules;

/// <summary>
/// A compiled, immutable set of policies. Build it once (per load or reload) and share it: every member is
/// thread-safe, and <see cref="Decide{TFact}(string, TFact, DateOnly?)"/> never throws for bad facts — it returns a
/// <see cref="Decision"/> with status <see cref="DecisionStatus.Invalid"/> naming the fields.
/// </summary>
public sealed partial class PolicySet : IPolicyEngine, IPortfolioHost
{
    /// <summary>This set: the compiled engine is the policy set itself.</summary>
    PolicySet IPolicyEngine.PolicySet => this;

    // A map of arrays, neither written after construction, so safe for concurrent readers. Not a dictionary, frozen or
    // immutable collection: over these types each would cost a cold start its type loads (or its generic code's JIT),
    // for one lookup that the reference check below usually skips anyway.
    private readonly NameMap<PolicyEvaluator[]> _versions;

    /// <param name="versions">Per policy id, its versions by effective date; the set keeps the map (never written again).</param>
    /// <param name="diagnostics">The load's warnings and information.</param>
    /// <param name="sources">The sources the set was loaded from, kept (not copied) until its fingerprint is first read.</param>
    internal PolicySet(NameMap<PolicyEvaluator[]> versions, IReadOnlyList<Diagnostic> diagnostics, PolicySource[] sources)
    {
        _versions = versions;
        foreach (var each in _versions.Values)
        {
            foreach (var policy in each)
            {
                // The versions of each policy it reads the decision of, found once here rather than by id per fact.
                var refs = policy.Definition.DecisionRefs;
                if (refs.Length == 0)
                {
                    continue;
                }

                var dependencies = new PolicyEvaluator[]?[refs.Length];
                for (var k = 0; k < refs.Length; k++)
                {
                    dependencies[k] = _versions.TryGetValue(refs[k].DependsOnPolicy!, out var found) ? found : null;
                }

                policy.Dependencies = dependencies;
            }
        }

        Diagnostics = diagnostics;
        _sources = sources;
    }

    // The fingerprint is worked out when first read, not by every load (hashing the text was about 2% of a cold start,
    // and most hosts never ask); the sources are dropped once it is known. Written fingerprint first, so a reader that
    // finds no sources finds the fingerprint.
    private PolicySource[]? _sources;
    private string? _fingerprint;

    private IReadOnlyList<PolicyInfo>? _policies;

    /// <summary>Described on first use (most hosts decide without ever listing the set); two racing threads build equal lists.</summary>
    private IReadOnlyList<PolicyInfo> DescribeAll() =>
        _versions.Values.ToArray().SelectMany(v => v).Select(Describe)
            .OrderBy(p => p.Id, StringComparer.Ordinal).ThenBy(p => p.EffectiveFrom ?? DateOnly.MinValue)
            .ToList().AsReadOnly();

    /// <summary>
    /// Warnings and information from the load (errors never reach a loaded set): the same list as the load result's
    /// <see cref="PolicyLoadResult.Diagnostics"/>, whose static analysis runs when it is first read. Thread-safe.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// A short hash of every loaded file's name and text: equal fingerprints mean the same policies, wherever the files
    /// are. Worked out when first read (until then the set keeps its files' text). Thread-safe.
    /// </summary>
    public string Fingerprint => Volatile.Read(ref _fingerprint) ?? MakeFingerprint();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private string MakeFingerprint()
    {
        if (Volatile.Read(ref _sources) is not { } sources)
        {
            return Volatile.Read(ref _fingerprint)!;
        }

        Interlocked.CompareExchange(ref _fingerprint, Loading.SourceFingerprint.Of(sources), null);
        Volatile.Write(ref _sources, null);
        return _fingerprint;
    }

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

    /// <summary>
    /// Loads the named policy files with the default limits, throwing if any error is found: <c>LoadFiles(path)</c>,
    /// <c>LoadFiles(first, second)</c> or <c>LoadFiles([path])</c>. The same load as
    /// <see cref="LoadFiles(IEnumerable{string}, LoadLimits?)"/>; for a collection expression this overload spares the
    /// caller's process the compiler-made list type (a process's first load otherwise JIT-compiles its enumerator).
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="PolicyLoadException">The policies did not load; carries every diagnostic.</exception>
    public static PolicySet LoadFiles(params ReadOnlySpan<string> paths) => OrThrow(PolicyLoader.LoadFilesCore(paths, null));

    /// <summary>Loads policies from text, throwing if any error is found.</summary>
    /// <param name="sources">The policy texts.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="PolicyLoadException">The policies did not load; carries every diagnostic.</exception>
    public static PolicySet LoadSources(IEnumerable<PolicySource> sources, LoadLimits? limits = null) => OrThrow(PolicyLoader.LoadSources(sources, limits));

    private static PolicySet OrThrow(PolicyLoadResult result) => result.PolicySet ?? ThrowLoadFailed(result);

    /// <summary>Apart, so that a load that succeeds does not load the exception's type.</summary>
    [DoesNotReturn]
    private static PolicySet ThrowLoadFailed(PolicyLoadResult result) => throw new PolicyLoadException(result.Diagnostics);

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

    private sealed class LastLookup(string id, PolicyEvaluator[] versions)
    {
        public readonly string Id = id;
        public readonly PolicyEvaluator[] Versions = versions;
    }

    private LastLookup? _lastLookup;

    /// <summary>The versions of a policy, by effective date; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    internal PolicyEvaluator[] Versions(string policyId)
    {
        // Callers usually pass the same id instance again and again: skip hashing it.
        var last = Volatile.Read(ref _lastLookup);
        if (last is not null && ReferenceEquals(last.Id, policyId))
        {
            return last.Versions;
        }

        if (!_versions.TryGetValue(policyId, out var versions))
        {
            ThrowUnknownPolicy(policyId);
        }

        Volatile.Write(ref _lastLookup, new LastLookup(policyId, versions));
        return versions;
    }

    /// <summary>Throws for an id no policy has (apart, so that a first decision does not load the exception's type).</summary>
    [DoesNotReturn]
    private void ThrowUnknownPolicy(string policyId) => throw new KeyNotFoundException(UnknownPolicyMessage(policyId));

    /// <summary>Picks the version effective on <paramref name="asOf"/>, or returns the decision saying why none can decide.</summary>
    internal static Decision? SelectVersion(PolicyEvaluator[] versions, DateOnly? asOf, out PolicyEvaluator policy)
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

    /// <summary>Every policy's versions, by id, in the order the load compiled them.</summary>
    internal IEnumerable<KeyValuePair<string, PolicyEvaluator[]>> AllVersions
    {
        get
        {
            for (var i = 0; i < _versions.Count; i++)
            {
                yield return new(_versions.KeyAt(i), _versions.ValueAt(i));
            }
        }
    }

    /// <summary>The rule ids a policy's decisions can report (for a group policy that decides each group, those of the policy it names).</summary>
    internal IReadOnlyList<string> RuleIds(string policyId) =>
        _versions.TryGetValue(policyId, out var versions)
            ? [.. versions.SelectMany(v => v.Definition.Group?.DecideWith is { } other ? RuleIds(other) : v.Definition.Rules.Select(r => r.Id)).Distinct()]
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
            // Read-only views, never the arrays themselves: the compiled policy's grades and the model's enum values are
            // shared by every decision, and a host must not be able to write them through a cast.
            Array.AsReadOnly(compiled.Compiled.Grades),
            [.. p.Fields.Select(f => new PolicyFieldInfo(f.Name, f.Type, f.Optional, f.Domain is { } domain ? Array.AsReadOnly(domain.Values) : []))],
            p.Span.Path)
        {
            GroupBy = p.Group is { } group ? [.. group.Key.Select(k => k.Name)] : [],
            DecidesEachGroup = p.Group?.DecidesGroups ?? false,
            Reads = [.. p.DecisionRefs.Select(r => r.DependsOnPolicy!)],
            CollectAggregates = [.. p.Aggregates.Select(a => a.Name)],
        };
    }
}
