using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tiering.Rules.Model;

/// <summary>
/// Outputs: a handful of keys and their texts in two arrays, in the order they were written (a grade's, then a rule's
/// new keys), looked up by a linear scan. The model's outputs, a rule's merged with its grade's, and a decision's are
/// all this map: a policy has a few outputs, so a hashed or immutable map would cost more to build and to look up, and
/// the immutable collections' dictionary cost a process's first load about 70 type loads. Immutable once made (the
/// arrays are never written after construction); the keys are distinct, compared ordinally.
/// </summary>
internal sealed class OutputMap : IReadOnlyDictionary<string, string>
{
    /// <summary>No outputs.</summary>
    public static readonly OutputMap Empty = new([], [], 0);

    private readonly string[] _keys;
    private readonly string[] _values;

    /// <summary>The first <paramref name="count"/> keys and values of the arrays, which the map then owns.</summary>
    public OutputMap(string[] keys, string[] values, int count)
    {
        _keys = keys;
        _values = values;
        Count = count;
    }

    public int Count { get; }

    public bool IsEmpty => Count == 0;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no output '{key}'");

    /// <summary>The keys in order: a copy, since the map's own arrays are shared by every decision it describes.</summary>
    public IEnumerable<string> Keys => _keys[..Count];

    /// <summary>The values in the keys' order: a copy, as <see cref="Keys"/>.</summary>
    public IEnumerable<string> Values => _values[..Count];

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    /// <summary>These outputs overlaid by <paramref name="over"/>'s: its values replace the same keys', its new keys follow in its order.</summary>
    public OutputMap With(OutputMap over)
    {
        if (over.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return over;
        }

        var builder = new Builder(this, over.Count);
        builder.SetAll(over);
        return builder.ToMap();
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Where <paramref name="key"/> is (ordinal), as the builder finds it; −1 when absent.</summary>
    private int IndexOf(string key) => Array.IndexOf(_keys, key, 0, Count);

    /// <summary>Makes a map: set keys in order (a key set again keeps its place and takes the new value). Not thread-safe.</summary>
    public sealed class Builder
    {
        private string[] _keys;
        private string[] _values;
        private int _count;

        /// <summary>An empty builder with room for <paramref name="capacity"/> keys.</summary>
        public Builder(int capacity = 4)
        {
            _keys = new string[Math.Max(capacity, 1)];
            _values = new string[_keys.Length];
        }

        /// <summary>A builder starting from <paramref name="start"/>'s outputs, with room for <paramref name="more"/> more.</summary>
        public Builder(OutputMap start, int more = 4)
            : this(start.Count + more)
        {
            Array.Copy(start._keys, _keys, start.Count);
            Array.Copy(start._values, _values, start.Count);
            _count = start.Count;
        }

        public bool ContainsKey(string key) => Array.IndexOf(_keys, key, 0, _count) >= 0;

        /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>: in its place when present, else after the others.</summary>
        public void Set(string key, string value)
        {
            var at = Array.IndexOf(_keys, key, 0, _count);
            if (at < 0)
            {
                if (_count == _keys.Length)
                {
                    Array.Resize(ref _keys, _count * 2);
                    Array.Resize(ref _values, _count * 2);
                }

                at = _count++;
                _keys[at] = key;
            }

            _values[at] = value;
        }

        /// <summary>Sets every output of <paramref name="map"/>, in its order.</summary>
        public void SetAll(OutputMap map)
        {
            for (var i = 0; i < map.Count; i++)
            {
                Set(map._keys[i], map._values[i]);
            }
        }

        /// <summary>The map of what was set (the builder must not be used after).</summary>
        public OutputMap ToMap() => _count == 0 ? Empty : new OutputMap(_keys, _values, _count);
    }
}
