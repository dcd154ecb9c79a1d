using System.Diagnostics.CodeAnalysis;
using Tiering.Rules.Collections;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Facts;

/// <summary>
/// Picks how each fact of one policy version is bound into a frame: dictionaries and JSON by name
/// (<see cref="FactBinder"/>); a POCO type by typed getter delegates prepared from a generic entry point
/// (<see cref="DelegateBinder"/>), or by reflection when none did, for its first <see cref="CompileBinderAfter"/> facts,
/// then by a binder compiled for the type (<see cref="PocoBinder"/>); without a JIT, by the delegates (or reflection)
/// throughout. Thread-safe: readers never lock; a new type is added under a lock
/// to a copy-on-write array (a policy meets a handful of fact types, so a search in order serves better than a
/// concurrent dictionary, whose generic machinery a first decision would have to load).
/// </summary>
internal sealed class BinderRegistry
{
    /// <summary>POCO facts of one type bound by reflection before the type gets its compiled binder.</summary>
    internal const int CompileBinderAfter = 64;

    private readonly DeclaredFields _declared;
    private readonly FrameLayout _layout;
    private readonly Action<Type>? _onCompiled;
    private readonly object _lock = new();
    private PocoType[] _pocoTypes = [];
    private TypedBinder? _lastBinder;
    private int _dictionaryUses;

    /// <param name="declared">The policy's declared fields (decision pseudo-fields are filled by the caller).</param>
    /// <param name="layout">Where the fields' values go.</param>
    /// <param name="onCompiled">Called once a POCO type has earned its compiled binder, or string-keyed dictionaries
    /// have been met <see cref="CompileBinderAfter"/> times (the compiled policy queues a typed kernel for the type), on
    /// the deciding thread.</param>
    public BinderRegistry(FieldDefinition[] declared, FrameLayout layout, Action<Type>? onCompiled)
    {
        _declared = new DeclaredFields(declared);
        _layout = layout;
        _onCompiled = onCompiled;
    }

    /// <summary>Binds and validates a fact into a frame.</summary>
    public void Bind(object fact, Frame frame)
    {
        var type = fact.GetType();
        var last = Volatile.Read(ref _lastBinder);
        if (last is not null && last.Type == type)
        {
            // The common case: the same POCO type as last time; no interface checks, no lookup.
            last.Bind(fact, frame);
        }
        else if (fact is System.Collections.IDictionary or IReadOnlyDictionary<string, object?> or IDictionary<string, object?> || FactBinder.IsJson(type))
        {
            if (type == DictionaryReads.Type && _dictionaryUses < CompileBinderAfter)
            {
                CountDictionary();
            }

            FactBinder.Bind(fact, _declared, frame);
        }
        else if (PocoBinderFor(type) is { } binder)
        {
            binder(fact, frame);
        }
        else
        {
            FactBinder.Bind(fact, _declared, frame);
        }
    }

    /// <summary>
    /// Counts a fact that is a <see cref="Dictionary{TKey, TValue}"/> of string to object; the one that reaches
    /// <see cref="CompileBinderAfter"/> tells the owner, which may build a typed kernel that reads such dictionaries.
    /// </summary>
    private void CountDictionary()
    {
        if (Interlocked.Increment(ref _dictionaryUses) == CompileBinderAfter && CodeGeneration.IsAvailable)
        {
            _onCompiled?.Invoke(DictionaryReads.Type);
        }
    }

    /// <summary>
    /// Gives POCO facts of type <typeparamref name="TFact"/> a binder built from typed getter delegates instead of
    /// reflection per fact; called by the generic entry points, which know the type. Where no code can be generated
    /// (Native AOT) it is the type's binder; under a JIT it binds the type's first facts, until the type earns its
    /// compiled binder: reflection's own invoke would otherwise emit a stub for every getter at its second call (some
    /// 3 ms of a fresh host's second decision of a loan). Dictionaries, abstract types and interfaces keep their usual
    /// path.
    /// </summary>
    /// <param name="afterFirstFact">Under a JIT, only for a type this policy has bound a fact of before (the per-fact
    /// entry point: the first fact's single call per getter by reflection needs no stub).</param>
    public void PrepareBinder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(bool afterFirstFact = false)
    {
        var type = typeof(TFact);
        if (!DelegateBinder.FactType<TFact>.IsPoco || Volatile.Read(ref _lastBinder)?.Type == type || HasBinderFor(type)
            || (afterFirstFact && CodeGeneration.IsAvailable && !HasBound(type)))
        {
            return;
        }

        var entry = PocoTypeFor(type);
        var binder = new TypedBinder(type, DelegateBinder.Build<TFact>(_declared.Fields));
        if (CodeGeneration.IsAvailable)
        {
            Interlocked.CompareExchange(ref entry.Interim, binder, null);
        }
        else
        {
            Interlocked.CompareExchange(ref entry.Binder, binder, null);
        }
    }

    /// <summary>Whether a fact of this exact type has been bound by reflection before (its first facts are).</summary>
    public bool HasBound(Type type) => FindPocoType(type) is { Uses: > 0 };

    /// <summary>Whether facts of this exact type have their own binder yet (compiled, or prepared from delegates).</summary>
    public bool HasBinderFor(Type type) => FindPocoType(type) is { Binder: not null } or { Interim: not null };

    private PocoType? FindPocoType(Type type)
    {
        foreach (var entry in Volatile.Read(ref _pocoTypes))
        {
            if (entry.Type == type)
            {
                return entry;
            }
        }

        return null;
    }

    private PocoType PocoTypeFor(Type type)
    {
        if (FindPocoType(type) is { } found)
        {
            return found;
        }

        lock (_lock)
        {
            if (FindPocoType(type) is { } added)
            {
                return added;
            }

            var entry = new PocoType(type);
            Volatile.Write(ref _pocoTypes, Arrays.Append(_pocoTypes, entry));
            return entry;
        }
    }

    /// <summary>
    /// The compiled binder for a POCO type, or null while the type is new: the first few facts of a type are bound by
    /// reflection (no code generation on a cold start), then a binder is compiled once and the last one used is
    /// checked first.
    /// </summary>
    private Action<object, Frame>? PocoBinderFor(Type type)
    {
        var entry = PocoTypeFor(type);
        if (Volatile.Read(ref entry.Binder) is { } existing)
        {
            Volatile.Write(ref _lastBinder, existing);
            return existing.Bind;
        }

        if (!CodeGeneration.IsAvailable)
        {
            return null; // bound by reflection (under Native AOT, unless a generic entry point prepared a delegate binder)
        }

        if (Interlocked.Increment(ref entry.Uses) < CompileBinderAfter)
        {
            return Volatile.Read(ref entry.Interim)?.Bind; // by delegates when a generic entry point prepared them, else by reflection
        }

        return EarnBinder(entry);
    }

    /// <summary>Compiles the binder a POCO type has earned and tells the owner, which may build more for the type.</summary>
    private Action<object, Frame> EarnBinder(PocoType entry)
    {
        var binder = Interlocked.CompareExchange(ref entry.Binder, new TypedBinder(entry.Type, PocoBinder.Build(entry.Type, _declared.Fields, _layout)), null) ?? entry.Binder!;
        _onCompiled?.Invoke(entry.Type);
        Volatile.Write(ref _lastBinder, binder);
        return binder.Bind;
    }

    private sealed class TypedBinder(Type type, Action<object, Frame> bind)
    {
        public readonly Type Type = type;
        public readonly Action<object, Frame> Bind = bind;
    }

    /// <summary>
    /// A POCO type this policy has seen: its count of facts bound before it earned its compiled binder, the delegate
    /// binder that binds them when a generic entry point prepared one (under a JIT), and, once earned, its binder.
    /// </summary>
    private sealed class PocoType(Type type)
    {
        public readonly Type Type = type;
        public int Uses;
        public TypedBinder? Interim;
        public TypedBinder? Binder;
    }
}
