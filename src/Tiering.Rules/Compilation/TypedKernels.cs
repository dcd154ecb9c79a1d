using Tiering.Rules.Model;

namespace Tiering.Rules.Compilation;

/// <summary>
/// The typed kernel of a policy version for the POCO type that most recently earned one (a policy is usually decided
/// for one fact type): built in the background once the type has earned a compiled binder, or at once by
/// <see cref="Prepare"/>. Swapped in whole; readers take it with one read and check its type.
/// </summary>
internal sealed class TypedKernels
{
    private readonly PolicyDefinition _policy;
    private readonly BandLookup? _bandLookup;
    private readonly ComputedOutputs? _outputs;
    private readonly HitPolicyResolver _resolver;
    private TypedKernel? _current;

    public TypedKernels(PolicyDefinition policy, BandLookup? bandLookup, ComputedOutputs? outputs, HitPolicyResolver resolver)
    {
        _policy = policy;
        _bandLookup = bandLookup;
        _outputs = outputs;
        _resolver = resolver;
    }

    /// <summary>The typed kernel for <paramref name="type"/> when there is one now.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public TypedKernel? For(Type type) => _current is { } typed && ReferenceEquals(typed.Type, type) ? typed : null;

    /// <summary>Builds the typed kernel for <paramref name="type"/> now, when the policy allows one.</summary>
    /// <returns>Whether facts of that type now take the typed kernel.</returns>
    public bool Prepare(Type type)
    {
        TypedKernel? kernel;
        try
        {
            kernel = TypedKernel.TryBuild(_policy, _bandLookup, type, _outputs, _resolver);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // Runs on a pool thread: a type the builder cannot handle keeps the general path, never fails the host.
            kernel = null;
        }

        if (kernel is null)
        {
            return false;
        }

        Volatile.Write(ref _current, kernel);
        return true;
    }

    /// <summary>Queues <see cref="Prepare"/> on a pool thread when the policy allows a typed kernel for <paramref name="type"/>.</summary>
    public void QueuePrepare(Type type)
    {
        if (TypedKernel.CanBuild(_policy, type))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Kernels.Prepare(state.Type), (Kernels: this, Type: type), preferLocal: false);
        }
    }
}
