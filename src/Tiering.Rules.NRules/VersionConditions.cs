using System.Linq.Expressions;
using Tiering.Rules.Compilation;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.NRules;

/// <summary>
/// The conditions, <c>appliesWhen</c> and score-item points of one policy version, as the NRules rules of that version
/// call them: the same bound expressions the compiled engine runs, built into closures at translation (microseconds,
/// so the first decision is quick) and compiled into expression trees on a pool thread once the version has decided
/// <see cref="TieredKernel.TierUpAfter"/> facts, exactly as the compiled engine tiers up its kernel. Each call keeps the
/// book the compiled engine keeps: which rule read a missing optional field first, which rule's arithmetic failed, so
/// the decide rule can conclude as the compiled engine would have, whatever order NRules evaluates the conditions in.
/// Immutable apart from the tier swap; thread-safe.
/// </summary>
internal sealed class VersionConditions
{
    private const int Closures = 0, Compiling = 1, Final = 2;

    private readonly PolicyEvaluator _policy;
    private Func<Frame, bool>?[] _conditions;
    private Func<Frame, decimal>?[] _points;
    private Func<Frame, bool>? _scope;
    private int _tier;
    private int _uses;

    public VersionConditions(PolicyEvaluator policy)
    {
        _policy = policy;
        var definition = policy.Definition;
        var closures = new ClosureCompiler(policy.Compiled.Layout);
        _conditions = new Func<Frame, bool>?[definition.Rules.Length];
        _points = new Func<Frame, decimal>?[definition.Rules.Length];
        foreach (var rule in definition.Rules)
        {
            _conditions[rule.Index] = rule.Condition is { } condition ? closures.Bool(condition) : null;
            _points[rule.Index] = rule.Points is { } points ? closures.Number(points) : null;
        }

        _scope = definition.AppliesWhen is { } scope ? closures.Bool(scope) : null;
        if (!CodeGeneration.IsAvailable)
        {
            _tier = Final;
        }
    }

    /// <summary>Whether the policy has an <c>appliesWhen</c>.</summary>
    public bool HasScope => _scope is not null;

    /// <summary>Whether the expression-tree tier is in use.</summary>
    public bool IsCompiled => Volatile.Read(ref _tier) == Final && CodeGeneration.IsAvailable;

    /// <summary>A rule's condition for one fact; a missing read or failed arithmetic is booked against the rule.</summary>
    public bool Holds(PolicyFact fact, int rule)
    {
        var frame = fact.Frame;
        frame.MissingRead = -1;
        bool holds;
        try
        {
            holds = _conditions[rule]!(frame);
        }
        catch (ArithmeticException ex)
        {
            BookFault(fact, rule, ex);
            return false;
        }

        if (frame.MissingRead >= 0)
        {
            BookMissing(fact, rule, frame.MissingRead);
        }

        return holds;
    }

    /// <summary>
    /// Whether the fact is in the policy's scope. Evaluated once per fact (every rule of the version shares this
    /// condition, so NRules evaluates it in one alpha node); the result is kept for the decide rule.
    /// </summary>
    public bool InScope(PolicyFact fact)
    {
        if (fact.Scope == ScopeState.Unknown)
        {
            EvaluateScope(fact);
        }

        return fact.Scope == ScopeState.InScope;
    }

    /// <summary>Evaluates <c>appliesWhen</c> into <see cref="PolicyFact.Scope"/>.</summary>
    public void EvaluateScope(PolicyFact fact)
    {
        var frame = fact.Frame;
        frame.MissingRead = -1;
        try
        {
            var inScope = _scope!(frame);
            fact.Scope = frame.MissingRead >= 0 ? ScopeState.NeedsMissing : inScope ? ScopeState.InScope : ScopeState.OutOfScope;
            fact.ScopeMissingField = frame.MissingRead;
        }
        catch (ArithmeticException ex)
        {
            fact.Scope = ScopeState.Faulted;
            fact.Fault = ex;
        }
    }

    /// <summary>Records a score item's hit with its points (evaluated as the compiled engine evaluates them).</summary>
    public void Score(PolicyFact fact, int rule)
    {
        var frame = fact.Frame;
        frame.SetFired(rule);
        frame.MissingRead = -1;
        try
        {
            frame.ItemPoints![rule] = _points[rule]!(frame);
        }
        catch (ArithmeticException ex)
        {
            BookFault(fact, rule, ex);
            return;
        }

        if (frame.MissingRead >= 0)
        {
            BookMissing(fact, rule, frame.MissingRead);
        }
    }

    /// <summary>Counts a decided fact towards the tier-up (a racy counter only decides when; the flag makes it once).</summary>
    public void CountUse()
    {
        if (_tier == Closures && ++_uses >= TieredKernel.TierUpAfter && Interlocked.CompareExchange(ref _tier, Compiling, Closures) == Closures)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static conditions => conditions.TierUp(), this, preferLocal: false);
        }
    }

    /// <summary>Compiles the expression-tree tier now, on this thread (a host that wants steady speed from the first fact).</summary>
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

    private static void BookMissing(PolicyFact fact, int rule, int field)
    {
        if (rule < fact.MissingRule)
        {
            fact.MissingRule = rule;
            fact.MissingField = field;
        }
    }

    private static void BookFault(PolicyFact fact, int rule, ArithmeticException ex)
    {
        if (rule < fact.FaultRule)
        {
            fact.FaultRule = rule;
            fact.Fault = ex;
        }
    }

    private void TierUp()
    {
        try
        {
            var layout = _policy.Compiled.Layout;
            var definition = _policy.Definition;
            var conditions = new Func<Frame, bool>?[_conditions.Length];
            var points = new Func<Frame, decimal>?[_points.Length];
            foreach (var rule in definition.Rules)
            {
                conditions[rule.Index] = rule.Condition is { } condition ? Compile<bool>(condition, layout) : null;
                points[rule.Index] = rule.Points is { } p ? Compile<decimal>(p, layout) : null;
            }

            var scope = definition.AppliesWhen is { } s ? Compile<bool>(s, layout) : null;
            Volatile.Write(ref _conditions, conditions);
            Volatile.Write(ref _points, points);
            Volatile.Write(ref _scope, scope);
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

    private static Func<Frame, T> Compile<T>(BoundExpr expression, FrameLayout layout)
    {
        var frame = Expression.Parameter(typeof(Frame), "frame");
        var compiler = new ExpressionCompiler(frame, layout);
        compiler.ShareRepeatedConditions([expression]);
        var body = compiler.Block(compiler.Compile(expression));
        return Expression.Lambda<Func<Frame, T>>(body, frame).Compile();
    }
}
