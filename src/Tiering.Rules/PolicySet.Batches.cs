using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tiering.Rules.Compilation;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

// Deciding many facts: version and typed kernel looked up once per batch.
public sealed partial class PolicySet
{
    /// <summary>Decides many facts against one policy, in order. Bad facts become invalid decisions; the batch goes on.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <param name="policyId">The policy id.</param>
    /// <param name="facts">The facts.</param>
    /// <param name="asOf">The date the decisions are for.</param>
    /// <returns>One decision per fact, in input order.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element of <paramref name="facts"/> is null (the facts
    /// before it are decided, then dropped with the list).</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public IReadOnlyList<Decision> DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, IEnumerable<TFact> facts, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(facts);
        var versions = Versions(policyId);
        if (!CodeGeneration.IsAvailable)
        {
            PrepareBinders<TFact>(versions);
        }
        var results = facts is ICollection<TFact> c ? new List<Decision>(c.Count) : [];
        foreach (var fact in facts)
        {
            if (fact is null)
            {
                ThrowNullFact(results.Count);
            }

            results.Add(DecideAmong(versions, fact, asOf));
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
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/> or an element of <paramref name="facts"/> is null
    /// (checked before any fact is decided).</exception>
    /// <exception cref="ArgumentException"><paramref name="results"/> is shorter than <paramref name="facts"/>.</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // a loop of its own: inlined into a host's chunk loop, its registers spill
    public void DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, ReadOnlySpan<TFact> facts, Span<Decision> results, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        if (results.Length < facts.Length)
        {
            throw new ArgumentException("results must be at least as long as facts", nameof(results));
        }

        ThrowIfAnyNull(facts);

        var versions = Versions(policyId);
        if (!CodeGeneration.IsAvailable)
        {
            PrepareBinders<TFact>(versions);
        }
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            results[..facts.Length].Fill(early);
            return;
        }

        // The kernel looked up once per batch, and whether every fact is of its type (a sealed TFact) asked once: in
        // shared generic code typeof(TFact).IsSealed is a run-time type lookup and a call, which DecideInBatch makes per
        // fact. With this method not inlined into the host's chunk loop (below), the loan's span batch measured 28.7-29.0
        // -> 25.0-25.7 ns a fact, the AUM's 25.3-25.9 -> 24.2-24.8 (issue 25, session 14). A plain kernel's facts then
        // take DecidePlainRun's loop; the loop after it serves kernels with outputs or arithmetic, an as-of date, and
        // facts of a type that is not sealed.
        var kernel = policy.TypedKernelFor(typeof(TFact));
        var ofKernelType = kernel is not null && typeof(TFact).IsSealed;
        if (PlainKernel<TFact>(kernel, asOf) is { } plain)
        {
            DecidePlain(policy, plain, facts, results, default(IntoResults));
            return;
        }

        for (var i = 0; i < facts.Length; i++)
        {
            var fact = facts[i];
            results[i] = ofKernelType
                ? policy.DecideTyped(kernel!, fact, asOf) ?? DecideOnPooledFrame(policy, fact, asOf)
                : DecideInBatch(policy, kernel, fact, asOf);
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
    /// <exception cref="ArgumentNullException"><paramref name="policyId"/>, <paramref name="onDecision"/> or an element of
    /// <paramref name="facts"/> is null (checked before any fact is decided).</exception>
    /// <exception cref="KeyNotFoundException">No policy with that id is loaded.</exception>
    public void DecideMany<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(string policyId, ReadOnlySpan<TFact> facts, Action<int, Decision> onDecision, DateOnly? asOf = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(onDecision);
        ThrowIfAnyNull(facts);
        var versions = Versions(policyId);
        if (!CodeGeneration.IsAvailable)
        {
            PrepareBinders<TFact>(versions);
        }
        if (SelectVersion(versions, asOf, out var policy) is { } early)
        {
            for (var i = 0; i < facts.Length; i++)
            {
                onDecision(i, early);
            }

            return;
        }

        var kernel = policy.TypedKernelFor(typeof(TFact)); // looked up once per batch
        if (PlainKernel<TFact>(kernel, asOf) is { } plain)
        {
            DecidePlain(policy, plain, facts, default, new ToCallback(onDecision));
            return;
        }

        for (var i = 0; i < facts.Length; i++)
        {
            onDecision(i, DecideInBatch(policy, kernel, facts[i], asOf));
        }
    }

    /// <summary>
    /// <paramref name="kernel"/> when a batch of <typeparamref name="TFact"/> takes <see cref="DecidePlain"/>: the kernel
    /// is plain, no as-of date is given, and <typeparamref name="TFact"/> is sealed, so every element is of the kernel's
    /// type; otherwise null.
    /// </summary>
    private static TypedKernel? PlainKernel<TFact>(TypedKernel? kernel, DateOnly? asOf) =>
        kernel is { IsPlain: true } && asOf is null && typeof(TFact).IsSealed ? kernel : null;

    /// <summary>
    /// Decides a batch of facts of a plain kernel's type with no as-of date (a sealed <typeparamref name="TFact"/>, so
    /// every element is of it): the typed loop, and the general path for each fact it stops at.
    /// </summary>
    private void DecidePlain<TFact, TTarget>(PolicyEvaluator policy, TypedKernel kernel, ReadOnlySpan<TFact> facts, Span<Decision> results, TTarget target)
        where TFact : notnull
        where TTarget : struct, IBatchTarget
    {
        for (var i = 0; (i = policy.DecidePlainRun(kernel, facts, i, results, target)) < facts.Length; i++)
        {
            target.Put(results, i, DecideOnPooledFrame(policy, facts[i], null));
        }
    }

    /// <summary>
    /// Throws for the first null element before a span batch decides anything: null is no fact to report as invalid but a
    /// mistake in the host's list, and fails the batch as it fails a portfolio and the NRules backend's batch. A pass of
    /// its own, not a test in the deciding loops: the streaming loop's tier-1 code is compiled from a synthesized
    /// profile, and with one more branch in it the loan's batch measured 34-37 ns a fact in four processes of five
    /// (23-24 ns without), so the loops stay as they are (benchmarks/README.md, issue 25, session 8).
    /// </summary>
    /// <remarks>
    /// Facts of a reference type are references: null is a zero word, found with the vectorized search of a span of
    /// words, several references a compare (the element-by-element loop cost the loan's batches about half a nanosecond a
    /// fact; issue 25, session 15). Reading a reference's bits is safe whatever the collector does: only null is zero.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIfAnyNull<TFact>(ReadOnlySpan<TFact> facts)
    {
        if (!typeof(TFact).IsValueType)
        {
            var words = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFact, nint>(ref MemoryMarshal.GetReference(facts)), facts.Length);
            if (words.IndexOf(0) is var at and >= 0)
            {
                ThrowNullFact(at);
            }

            return;
        }

        for (var i = 0; i < facts.Length; i++)
        {
            if (facts[i] is null)
            {
                ThrowNullFact(i);
            }
        }
    }

    /// <summary>The one failure for a null element of any batch or portfolio (<paramref name="index"/>: its position).</summary>
    [DoesNotReturn]
    internal static void ThrowNullFact(int index) =>
        throw new ArgumentNullException("facts", $"facts[{index}] is null: every element of a batch must be a fact");

    /// <summary>Decides one fact of a batch: facts of the kernel's type take it, any other fact the usual way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Decision DecideInBatch<TFact>(PolicyEvaluator policy, TypedKernel? kernel, TFact fact, DateOnly? asOf)
        where TFact : notnull
    {
        object boxed = fact;
        // A sealed TFact means every element is a TFact itself; otherwise the run-time type must match.
        return kernel is not null && (typeof(TFact).IsSealed || ReferenceEquals(boxed.GetType(), kernel.Type))
            ? policy.DecideTyped(kernel, boxed, asOf) ?? DecideOnPooledFrame(policy, boxed, asOf)
            : DecideVersion(policy, boxed, asOf);
    }
}
