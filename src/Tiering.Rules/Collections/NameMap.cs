using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Tiering.Rules.Collections;

/// <summary>
/// A map from ordinal names to values that keeps the order of insertion, for the load path and the tables a loaded set
/// keeps. Not a <see cref="Dictionary{TKey, TValue}"/> on purpose: a dictionary over the engine's own types loads
/// itself, its entry type and array, its key-value pair and seven interfaces over them in a process's first load (about
/// ten type loads each), where this class loads itself (issue 25: <c>docs/DESIGN.md</c> §6a). Reads are thread-safe
/// while nobody writes (a loaded set never does); writes are not.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class NameMap<TValue>
{
    private string[] _keys;
    private TValue[] _values;
    private int[] _next;    // per entry: the next entry of its bucket, plus one (0 ends the chain)
    private int[] _buckets; // per bucket: its first entry, plus one (0: empty)

    /// <summary>An empty map with room for <paramref name="capacity"/> names before it grows.</summary>
    public NameMap(int capacity = 8)
    {
        capacity = Math.Max(capacity, 4);
        _keys = new string[capacity];
        _values = new TValue[capacity];
        _next = new int[capacity];
        _buckets = new int[BucketsFor(capacity)];
    }

    /// <summary>The number of names in the map.</summary>
    public int Count { get; private set; }

    /// <summary>The values, in the order their names were first added.</summary>
    public ReadOnlySpan<TValue> Values => new(_values, 0, Count);

    /// <summary>The names, in the order they were first added (for messages: "did you mean").</summary>
    public ArraySegment<string> Keys => new(_keys, 0, Count);

    /// <summary>The name added <paramref name="index"/>th (0 to <see cref="Count"/> - 1).</summary>
    public string KeyAt(int index) => (uint)index < (uint)Count ? _keys[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The value of the name added <paramref name="index"/>th (0 to <see cref="Count"/> - 1).</summary>
    public TValue ValueAt(int index) => (uint)index < (uint)Count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The value of <paramref name="name"/>; setting it adds the name or replaces its value.</summary>
    /// <exception cref="KeyNotFoundException">Getting a name the map does not hold.</exception>
    public TValue this[string name]
    {
        get => IndexOf(name) is var at and >= 0 ? _values[at] : throw new KeyNotFoundException($"'{name}' is not in the map");
        set
        {
            if (IndexOf(name) is var at and >= 0)
            {
                _values[at] = value;
            }
            else
            {
                Append(name, value);
            }
        }
    }

    /// <summary>A copy to write to, for a table published copy-on-write (readers keep the map they read).</summary>
    public NameMap<TValue> Copy()
    {
        var copy = (NameMap<TValue>)MemberwiseClone();
        copy._keys = (string[])_keys.Clone();
        copy._values = (TValue[])_values.Clone();
        copy._next = (int[])_next.Clone();
        copy._buckets = (int[])_buckets.Clone();
        return copy;
    }

    /// <summary>Gets the value of <paramref name="name"/>; false when the map does not hold it.</summary>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out TValue value)
    {
        var at = IndexOf(name);
        if (at < 0)
        {
            value = default;
            return false;
        }

        value = _values[at];
        return true;
    }

    /// <summary>Whether the map holds <paramref name="name"/>.</summary>
    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    /// <summary>Adds <paramref name="name"/> with <paramref name="value"/>; false (and nothing changed) when it is already there.</summary>
    public bool TryAdd(string name, TValue value)
    {
        if (IndexOf(name) >= 0)
        {
            return false;
        }

        Append(name, value);
        return true;
    }

    /// <summary>The order in which <paramref name="name"/> was first added (0 to <see cref="Count"/> - 1), or -1 when the map does not hold it.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var at = _buckets[Bucket(name, _buckets.Length)] - 1; at >= 0; at = _next[at] - 1)
        {
            if (string.Equals(_keys[at], name, StringComparison.Ordinal))
            {
                return at;
            }
        }

        return -1;
    }

    private void Append(string name, TValue value)
    {
        if (Count == _keys.Length)
        {
            Grow();
        }

        var at = Count++;
        _keys[at] = name;
        _values[at] = value;
        ref var head = ref _buckets[Bucket(name, _buckets.Length)];
        _next[at] = head;
        head = at + 1;
    }

    private void Grow()
    {
        var capacity = _keys.Length * 2;
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _values, capacity);
        _next = new int[capacity];
        _buckets = new int[BucketsFor(capacity)];
        for (var at = 0; at < Count; at++)
        {
            ref var head = ref _buckets[Bucket(_keys[at], _buckets.Length)];
            _next[at] = head;
            head = at + 1;
        }
    }

    /// <summary>A power of two at least the capacity, so a full map's chains stay short.</summary>
    private static int BucketsFor(int capacity) => (int)BitOperations.RoundUpToPowerOf2((uint)capacity);

    private static int Bucket(string name, int buckets) => name.GetHashCode() & (buckets - 1);
}
