using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Compilation;

/// <summary>
/// A policy's rule kernel in two tiers: closures from the start (built in microseconds, so a load or reload costs parsing
/// and analysis only), replaced by one compiled expression tree after <see cref="TierUpAfter"/> runs, compiled on a pool
/// thread, or at once with <see cref="Prepare"/>. Under Native AOT the closures serve for good. The kernel is swapped in
/// whole, so every run sees one tier or the other, never a mix; both decide alike.
/// </summary>
internal sealed class TieredKernel
{
    /// <summary>Runs after which a policy's closures are replaced by compiled expression trees (in the background).</summary>
    internal const int TierUpAfter = 256;

    private const int Closures = 0;
    private const int Compiling = 1;
    private const int Final = 2;

    private readonly PolicyDefinition _policy;
    private readonly FrameLayout _layout;
    private readonly BandLookup? _bandLookup;
    private readonly Action? _alsoCompile;
    private RuleKernel _kernel;
    private int _uses;
    private int _tier;

    /// <param name="policy">The policy.</param>
    /// <param name="layout">Its frame layout.</param>
    /// <param name="bandLookup">Its band search, if any.</param>
    /// <param name="alsoCompile">What else tiers up with the kernel (the policy's computed outputs), or null.</param>
    public TieredKernel(PolicyDefinition policy, FrameLayout layout, BandLookup? bandLookup, Action? alsoCompile = null)
    {
        _alsoCompile = alsoCompile;
        _policy = policy;
        _layout = layout;
        _bandLookup = bandLookup;
        _kernel = RuleKernels.Closures(policy, layout, bandLookup);
        _tier = CodeGeneration.IsAvailable ? Closures : Final;
    }

    /// <summary>
    /// True once the expression-tree tier serves, or when the closures stay: generating it failed, or the runtime cannot
    /// compile generated code (Native AOT).
    /// </summary>
    public bool IsCompiled => Volatile.Read(ref _tier) == Final;

    /// <summary>How many boolean sub-conditions the compiled tier evaluates once for several rules (0 before it is built).</summary>
    public int SharedConditionCount { get; private set; }

    /// <summary>Runs the current tier on a bound frame, counting the run towards the tier-up.</summary>
    public int Run(Frame frame)
    {
        // A racy counter is fine: it only decides when to compile; the state flag makes compiling happen once.
        if (_tier == Closures && ++_uses >= TierUpAfter && Interlocked.CompareExchange(ref _tier, Compiling, Closures) == Closures)
        {
            QueueTierUp();
        }

        return _kernel(frame);
    }

    /// <summary>Compiles the expression-tree tier now (on this thread) and swaps it in; waits if another thread is at it.</summary>
    public void Prepare()
    {
        if (Interlocked.CompareExchange(ref _tier, Compiling, Closures) == Closures)
        {
            TierUp();
        }
        else
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref _tier) == Final);
        }
    }

    private void TierUp()
    {
        try
        {
            var compiled = RuleKernels.Compile(_policy, _layout, _bandLookup, out var shared);
            SharedConditionCount = shared;
            _alsoCompile?.Invoke();
            Volatile.Write(ref _kernel, compiled);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // Code generation is an optimisation: if it ever fails, the closures keep deciding, identically.
        }
        finally
        {
            Volatile.Write(ref _tier, Final);
        }
    }

    /// <summary>Compiles the expression trees on a pool thread (out of line: a first decision compiles no queueing).</summary>
    private void QueueTierUp() => ThreadPool.UnsafeQueueUserWorkItem(static kernel => kernel.TierUp(), this, preferLocal: false);
}
