using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tiering.Rules;

/// <summary>
/// The outputs of a decision with computed values: a handful of keys in two arrays, looked up by a linear scan (a
/// decision has a few outputs, and building a hashed or immutable map per fact would cost more than the formulas).
/// Immutable once made.
/// </summary>
internal sealed class OutputMap : IReadOnlyDictionary<string, string>
{
    private readonly string[] _keys;
    private readonly string[] _values;

    public OutputMap(string[] keys, string[] values, int count)
    {
        _keys = keys;
        _values = values;
        Count = count;
    }

    public int Count { get; }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no output '{key}'");

    public IEnumerable<string> Keys => _keys.Take(Count);

    public IEnumerable<string> Values => _values.Take(Count);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
