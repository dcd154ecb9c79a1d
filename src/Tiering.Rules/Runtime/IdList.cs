using System.Collections;

namespace Tiering.Rules.Runtime;

/// <summary>
/// A read-only list of ids (the fired rules' ids of a decision), shared by every decision with the same fired set.
/// Unlike a <see cref="System.Collections.ObjectModel.ReadOnlyCollection{T}"/> over the array, it keeps the count
/// itself, so a reader of <see cref="Count"/> (every decision a host reports) reaches one object, not two. Immutable:
/// the array is never handed out.
/// </summary>
internal sealed class IdList : IReadOnlyList<string>, IList<string>
{
    private readonly string[] _ids;

    /// <summary>Wraps <paramref name="ids"/>, which the caller must never change afterwards.</summary>
    public IdList(string[] ids)
    {
        _ids = ids;
        Count = ids.Length;
    }

    /// <summary>The empty list.</summary>
    public static IdList Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count { get; }

    bool ICollection<string>.IsReadOnly => true;

    /// <inheritdoc/>
    public string this[int index] => _ids[index];

    string IList<string>.this[int index]
    {
        get => _ids[index];
        set => throw ReadOnly();
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_ids).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _ids.GetEnumerator();

    /// <inheritdoc/>
    public bool Contains(string item) => Array.IndexOf(_ids, item) >= 0;

    /// <inheritdoc/>
    public int IndexOf(string item) => Array.IndexOf(_ids, item);

    /// <inheritdoc/>
    public void CopyTo(string[] array, int arrayIndex) => _ids.CopyTo(array, arrayIndex);

    void ICollection<string>.Add(string item) => throw ReadOnly();

    void ICollection<string>.Clear() => throw ReadOnly();

    bool ICollection<string>.Remove(string item) => throw ReadOnly();

    void IList<string>.Insert(int index, string item) => throw ReadOnly();

    void IList<string>.RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("the fired rule ids of a decision are read-only");
}
