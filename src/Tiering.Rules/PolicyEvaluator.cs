using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tiering.Rules.Compilation;
using Tiering.Rules.Grouping;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// Turns one compiled policy version's outcomes into <see cref="Decision"/>s: binds a fact into a frame from the thread's
/// pool, runs the compiled policy (or a typed kernel), and makes the decision, sharing one instance between facts with
/// the same outcome (version, status, grade, fired set, as-of date) so that deciding a known outcome allocates nothing.
/// The caches hold immutable decisions and lists, so racing threads can only lose an entry. Thread-safe.
/// </summary>
internal sealed class PolicyEvaluator
{
    private const int CacheBits = 10;

    /// <summary>The sets a decision or fired-id cache starts with (2^6): it grows to 2^<see cref="CacheBits"/> as outcomes keep coming.</summary>
    private const int FirstCacheBits = 6;

    /// <summary>Fired-id lists by fired set (policies of up to 64 rules), so reading them again allocates nothing.</summary>
    /// <remarks>Made on first use (a load makes an evaluator for every policy version, most never asked for fired ids),
    /// small, and replaced by a larger one as fired sets keep coming.</remarks>
    private DirectMappedCache<FiredIds>? _firedIds;

    /// <summary>Recent decisions by outcome, two per set, made on first use, small, and grown as outcomes keep coming.</summary>
    private DirectMappedCache<Decision>? _decisions;

    /// <summary>
    /// Decisions of the typed kernel by fired set (without an as-of date): 2^<see cref="CacheBits"/> sets of two ways,
    /// made on first use. A bare array of fixed geometry rather than a <see cref="DirectMappedCache{T}"/>: the hot path
    /// finds its set with constants and no bounds check, one dependent load fewer per decision.
    /// </summary>
    private Decision?[]? _typedOutcomes;

    /// <summary>
    /// Per status, the last decision in which no rule fired and no as-of date was given: the commonest outcomes of a
    /// portfolio (the default grade, not applicable) found without hashing.
    /// </summary>
    private readonly Decision?[] _quiet = new Decision?[5];

    /// <summary>The compiled policy's typed kernels, held here too: one load fewer on every decision's path to its kernel.</summary>
    private readonly TypedKernels _typedKernels;

    public PolicyEvaluator(CompiledPolicy compiled)
    {
        Compiled = compiled;
        _typedKernels = compiled.TypedKernels;
        IsScorecard = compiled.Definition.HitPolicy == HitPolicy.Scorecard;
        Group = compiled.Definition.Group is null ? null : PlanFor(compiled);
    }

    /// <summary>For a group policy: how it groups and aggregates its members; null for a single-fact policy.</summary>
    public GroupPlan? Group { get; }

    /// <summary>A group policy's plan, apart: a precompiled constructor loads the types it creates when it is entered.</summary>
    private static GroupPlan PlanFor(CompiledPolicy compiled) => new(compiled.Definition, compiled.Layout);

    public CompiledPolicy Compiled { get; }

    public PolicyDefinition Definition => Compiled.Definition;

    private bool IsScorecard { get; }

    /// <inheritdoc cref="TieredKernel.IsCompiled"/>
    public bool IsCompiled => Compiled.Kernel.IsCompiled;

    /// <inheritdoc cref="TieredKernel.SharedConditionCount"/>
    public int SharedConditionCount => Compiled.Kernel.SharedConditionCount;

    /// <inheritdoc cref="CompiledPolicy.UsesLookup"/>
    public bool UsesLookup => Compiled.UsesLookup;

    /// <summary>Compiles the expression-tree tier now and swaps it in.</summary>
    public void Prepare() => Compiled.Kernel.Prepare();

    /// <summary>A frame for one decision on this thread; give it back with <see cref="FramePool.GiveBack"/>.</summary>
    public Frame Rent() => FramePool.Rent(this, Compiled.Layout);

    /// <summary>A frame of its own (a trace keeps it).</summary>
    public Frame NewFrame() => new(this, Compiled.Layout);

    /// <summary>Binds and validates a fact into a frame (decision pseudo-fields are filled by the caller).</summary>
    public void Bind(object fact, Frame frame) => Compiled.Binders.Bind(fact, frame);

    /// <inheritdoc cref="Facts.BinderRegistry.PrepareBinder{TFact}"/>
    public void PrepareBinder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(bool afterFirstFact = false) => Compiled.Binders.PrepareBinder<TFact>(afterFirstFact);

    /// <inheritdoc cref="Facts.BinderRegistry.HasBinderFor"/>
    public bool HasBinderFor(Type type) => Compiled.Binders.HasBinderFor(type);

    /// <inheritdoc cref="TypedKernels.Prepare"/>
    public bool PrepareTyped(Type type) => Compiled.TypedKernels.Prepare(type);

    /// <summary>
    /// For each of <see cref="PolicyDefinition.DecisionRefs"/>, the versions of the policy it reads (null when the set
    /// has no such policy: deciding then names it). Set once by the <see cref="PolicySet"/> that owns this evaluator,
    /// before the set is handed out.
    /// </summary>
    public PolicyEvaluator[]?[] Dependencies { get; set; } = [];

    /// <summary>The typed kernel for <paramref name="type"/> when there is one now (a batch reads it once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TypedKernel? TypedKernelFor(Type type) => _typedKernels.For(type);

    /// <summary>The ids of the fired rules, in file order; shared per fired set for policies of up to 64 rules.</summary>
    public IReadOnlyList<string> FiredIdsOf(ulong fired0, ulong[]? firedMore)
    {
        if (firedMore is null)
        {
            var known = Volatile.Read(ref _firedIds) ?? InitFiredIds();
            var set = known.SetOf(fired0);
            if (known.Get(set, 0) is { } entry && entry.Mask == fired0)
            {
                return entry.Ids;
            }

            var ids = BuildIds(new FiredSet(fired0, null));
            if (known.Put(set, new FiredIds(fired0, ids)) && known.Grown(CacheBits) is { } grown)
            {
                Volatile.Write(ref _firedIds, grown);
            }

            return ids;
        }

        return BuildIds(new FiredSet(fired0, firedMore));
    }

    private IdList BuildIds(FiredSet fired)
    {
        var rules = Definition.Rules;
        var count = fired.Count;
        if (count == 0)
        {
            return IdList.Empty;
        }

        var ids = new string[count];
        var i = 0;
        foreach (var index in fired)
        {
            ids[i++] = rules[index].Id;
        }

        return new IdList(ids);
    }

    /// <summary>Decides one bound frame (see <see cref="CompiledPolicy.Evaluate"/>) and makes the decision.</summary>
    public Decision Evaluate(Frame frame, DateOnly? asOf) => ToDecision(frame, Compiled.Evaluate(frame), asOf);

    /// <summary>
    /// Makes the decision for an outcome reached on <paramref name="frame"/> (by this engine's kernel, or by another
    /// engine that filled the frame's fired set and score, see <see cref="CompiledPolicy.AfterRules"/>).
    /// </summary>
    public Decision ToDecision(Frame frame, Outcome outcome, DateOnly? asOf)
    {
        switch (outcome.Status)
        {
            case DecisionStatus.Invalid:
                return Decision.Invalid(this, asOf, outcome.Errors!);
            case DecisionStatus.NotApplicable:
                return Make(frame, DecisionStatus.NotApplicable, -1, -1, asOf, reportFired: false);
            case DecisionStatus.Conflict:
                return new Decision(this, DecisionStatus.Conflict, -1, -1, asOf, frame.Fired0, frame.CopyFiredMore()) { ErrorList = outcome.Errors! };
            case DecisionStatus.Unclassified:
                return new Decision(this, DecisionStatus.Unclassified, -1, -1, asOf, frame.Fired0, frame.CopyFiredMore())
                {
                    ErrorList = outcome.Errors!,
                    Score = IsScorecard ? frame.Score : null,
                    ItemPoints = IsScorecard ? (decimal[])frame.ItemPoints!.Clone() : null,
                };
            default:
                return Compiled.Outputs is not null && outcome.Computed is { } computed
                    ? WithComputed(frame, outcome, computed, asOf)
                    : Make(frame, DecisionStatus.Classified, outcome.Grade, outcome.Deciding, asOf);
        }
    }

    /// <summary>A classified decision with computed outputs: per fact, so never shared.</summary>
    private Decision WithComputed(Frame frame, Outcome outcome, ComputedValues computed, DateOnly? asOf) =>
        new(this, DecisionStatus.Classified, outcome.Grade, outcome.Deciding, asOf, frame.Fired0, frame.CopyFiredMore())
        {
            Computed = computed,
            Score = IsScorecard ? frame.Score : null,
            ItemPoints = IsScorecard ? (decimal[])frame.ItemPoints!.Clone() : null,
        };

    /// <summary>
    /// Decides a fact with the typed kernel of its type, or returns null when there is none or the fact needs the
    /// general path (it fails validation, arithmetic fails, or the outcome carries per-fact data: no match, conflict).
    /// </summary>
    public Decision? TryDecideTyped(object fact, DateOnly? asOf) =>
        TypedKernelFor(fact.GetType()) is { } typed ? DecideTyped(typed, fact, asOf) : null;

    /// <summary>Decides a fact of <paramref name="typed"/>'s type with it; null when the general path must decide.</summary>
    /// <remarks>
    /// Only the common case is here: the kernel, then the shared decision of its fired set when one is kept. Everything
    /// else (out of scope, computed outputs, an as-of date, a set not yet kept) is <see cref="ConcludeTypedRun"/>, out of
    /// line, so that a host's loop into which this is inlined keeps its registers (benchmarks/README.md, issue 25,
    /// session 13).
    /// </remarks>
    public Decision? DecideTyped(TypedKernel typed, object fact, DateOnly? asOf)
    {
        var result = default(TypedResult);
        var first = CompiledPolicy.RunTyped(typed, fact, ref result);
        return first >= -1 && result.Computed is null && asOf is null && _typedOutcomes is { } slots && KeptFor(slots, result.Fired) is { } kept
            ? kept
            : ConcludeTypedRun(first, ref result, asOf);
    }

    /// <summary>
    /// Decides facts of <paramref name="typed"/>'s type (a <see cref="TypedKernel.IsPlain"/> kernel) with no as-of date,
    /// from <paramref name="start"/> on, handing each decision to <paramref name="target"/>, until a fact needs the general
    /// path: returns that fact's index (its decision is the caller's to make), or the facts' length.
    /// </summary>
    /// <remarks>
    /// <see cref="DecideTyped"/> in a loop of its own: the kernel's delegate and the kept decisions read once, no check of
    /// computed outputs or of the date per fact. Measured against that call in the batches' loop, the loan's span batch
    /// went from 24.1-25.8 to 22.7-23.6 ns a fact, its streaming batch from 22.2-23.6 to 21.0-22.0 (issue 25, session 15).
    /// </remarks>
    public int DecidePlainRun<TFact, TTarget>(TypedKernel typed, ReadOnlySpan<TFact> facts, int start, Span<Decision> results, TTarget target)
        where TFact : notnull
        where TTarget : struct, IBatchTarget
    {
        Debug.Assert(typed.IsPlain, "a kernel that may throw or makes outputs needs DecideTyped");
        var run = typed.Run;
        var slots = _typedOutcomes ?? InitTypedOutcomes();
        for (var i = start; i < facts.Length; i++)
        {
            var result = default(TypedResult);
            var first = run(facts[i], ref result);
            if (((first >= -1 ? KeptFor(slots, result.Fired) : null) ?? ConcludeTypedRun(first, ref result, null)) is { } decision)
            {
                target.Put(results, i, decision);
            }
            else
            {
                return i;
            }
        }

        return facts.Length;
    }

    /// <summary>
    /// The rest of <see cref="DecideTyped"/> after its kernel ran (<paramref name="first"/>, <paramref name="result"/>):
    /// every outcome but a kept shared decision, which it finds too when asked first.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Decision? ConcludeTypedRun(int first, ref TypedResult result, DateOnly? asOf)
    {
        if (first < -1)
        {
            return first switch
            {
                RuleKernels.OutOfScope => Make(0, DecisionStatus.NotApplicable, -1, -1, asOf),
                TypedKernel.Below => Make(0, DecisionStatus.Classified, Compiled.Resolver.BelowGrade, -1, asOf), // as ResolveTyped gives it
                _ => null,
            };
        }

        if (result.Computed is { } computed)
        {
            // Computed outputs are per fact, so is the decision (as CompiledPolicy.WithOutputs and WithComputed make it).
            return new Decision(this, DecisionStatus.Classified, result.Grade, result.Deciding, asOf, result.Fired, null) { Computed = computed };
        }

        // A typed kernel's deciding rule follows from the fired rules (the lone first hit or band, the pick by grade),
        // so without an as-of date the fired rules name the decision, unless no rule decided and the grade comes from
        // 'below', which reads the banded value: such decisions are not kept.
        var fired = result.Fired;
        if (asOf is not null)
        {
            return ConcludeTyped(fired, first, result.Banded, asOf);
        }

        // Two ways per set: a policy of many rules meets a thousand fired sets and more (the loan workload: 1,049), which
        // a direct-mapped table of 1,024 would keep evicting from each other.
        var slots = _typedOutcomes ?? InitTypedOutcomes();
        if (KeptFor(slots, fired) is { } kept)
        {
            return kept; // kept since DecideTyped looked (another thread), or the table was new
        }

        var decision = ConcludeTyped(fired, first, result.Banded, null);
        if (decision is not null && (!Compiled.Resolver.HasBelow || decision.DecidingIndex >= 0))
        {
            // In front of its set; the older entry drops out. Each slot is one reference written whole.
            ref var newer = ref TypedSet(slots, fired);
            Volatile.Write(ref Unsafe.Add(ref newer, 1), Volatile.Read(ref newer));
            Volatile.Write(ref newer, decision);
        }

        return decision;
    }

    /// <summary>The shared decision kept for <paramref name="fired"/> in its two-way set of <paramref name="slots"/>, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Decision? KeptFor(Decision?[] slots, ulong fired)
    {
        ref var newer = ref TypedSet(slots, fired);
        if (Volatile.Read(ref newer) is { } seen && seen.Fired0 == fired)
        {
            return seen;
        }

        return Volatile.Read(ref Unsafe.Add(ref newer, 1)) is { } old && old.Fired0 == fired ? old : null;
    }

    /// <summary>The first slot of the two-way set of <paramref name="fired"/> in <paramref name="slots"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Decision? TypedSet(Decision?[] slots, ulong fired) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), TypedSetOf(fired));

    private Decision? ConcludeTyped(ulong fired, int first, decimal banded, DateOnly? asOf) =>
        Compiled.Resolver.ResolveTyped(fired, first, banded) is { } resolution
            ? Make(fired, DecisionStatus.Classified, resolution.Grade, resolution.Deciding, asOf)
            : null;

    /// <summary>
    /// The decision for a frame that came to <paramref name="status"/> without errors. For policies of up to 64 rules
    /// that are not scorecards (whose score is per fact), facts with the same outcome share one instance.
    /// </summary>
    private Decision Make(Frame frame, DecisionStatus status, int grade, int deciding, DateOnly? asOf, bool reportFired = true)
    {
        var fired0 = reportFired ? frame.Fired0 : 0;
        if (IsScorecard || frame.FiredMore is not null)
        {
            var scored = IsScorecard && reportFired;
            return new Decision(this, status, grade, deciding, asOf, fired0, reportFired ? frame.CopyFiredMore() : null)
            {
                Score = scored ? frame.Score : null,
                ItemPoints = scored ? (decimal[])frame.ItemPoints!.Clone() : null,
            };
        }

        return Make(fired0, status, grade, deciding, asOf);
    }

    /// <summary>The shared decision for an outcome without per-fact data (policies of up to 64 rules, not scorecards).</summary>
    private Decision Make(ulong fired0, DecisionStatus status, int grade, int deciding, DateOnly? asOf)
    {
        if (fired0 == 0 && asOf is null)
        {
            var quiet = _quiet[(int)status];
            if (quiet is not null && quiet.GradeIndex == grade && quiet.DecidingIndex == deciding)
            {
                return quiet;
            }

            quiet = MakeShared(0, status, grade, deciding, null);
            _quiet[(int)status] = quiet;
            return quiet;
        }

        return MakeShared(fired0, status, grade, deciding, asOf);
    }

    private Decision MakeShared(ulong fired0, DecisionStatus status, int grade, int deciding, DateOnly? asOf)
    {
        var cache = Volatile.Read(ref _decisions) ?? InitCache(ref _decisions, ways: 2);
        var set = cache.SetOf(fired0 ^ ((ulong)(uint)grade << 40) ^ ((ulong)status << 56));
        if (cache.Get(set, 0) is { } first && first.Matches(status, grade, deciding, fired0, asOf))
        {
            return first;
        }

        if (cache.Get(set, 1) is { } second && second.Matches(status, grade, deciding, fired0, asOf))
        {
            return second;
        }

        var made = new Decision(this, status, grade, deciding, asOf, fired0, null);
        if (cache.Put(set, made) && cache.Grown(CacheBits) is { } grown)
        {
            Volatile.Write(ref _decisions, grown);
        }

        return made;
    }

    /// <summary>The first slot of the two-way set of <paramref name="fired"/> in <see cref="_typedOutcomes"/> (Fibonacci hashing).</summary>
    private static int TypedSetOf(ulong fired) => FibonacciSets.SetOf(fired, 64 - CacheBits, 2);

    private Decision?[] InitTypedOutcomes()
    {
        Interlocked.CompareExchange(ref _typedOutcomes, new Decision?[2 << CacheBits], null);
        return _typedOutcomes;
    }

    private DirectMappedCache<FiredIds> InitFiredIds()
    {
        Interlocked.CompareExchange(ref _firedIds, new DirectMappedCache<FiredIds>(FirstCacheBits, ways: 1), null);
        return _firedIds;
    }

    private static DirectMappedCache<Decision> InitCache(ref DirectMappedCache<Decision>? field, int ways)
    {
        Interlocked.CompareExchange(ref field, new DirectMappedCache<Decision>(FirstCacheBits, ways), null);
        return field;
    }

    /// <summary>A fired-id list and the fired set it lists.</summary>
    private sealed class FiredIds(ulong mask, IReadOnlyList<string> ids)
    {
        public readonly ulong Mask = mask;
        public readonly IReadOnlyList<string> Ids = ids;
    }
}
