namespace Tiering.Rules.Syntax;

/// <summary>
/// A growable list for the first load's hot spots: the YAML reader gathers a mapping's entries or a sequence's items in
/// one (reused for every node at one depth), the lexer an expression's tokens. Not a <see cref="List{T}"/> on purpose: a
/// list over the engine's own types loads the list with its five interfaces and its enumerator, one type load each in a
/// process's first load, where this class loads itself and its array (issue 25: 589 type loads in a first loan load
/// before, 562 with the reader's and the lexer's). Not thread-safe: one per reader or expression.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ScratchList<T>
{
    private T[] _items = new T[8];

    /// <summary>The number of elements added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The element at <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public T this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds <paramref name="item"/> at the end.</summary>
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    /// <summary>Empties the list, dropping its references (the reader keeps the list for the next node).</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }

    /// <summary>A new array of the elements, in order.</summary>
    public T[] ToArray()
    {
        // Array.Copy rather than a span's ToArray: no Span<T> of the element type to load.
        var copy = new T[Count];
        Array.Copy(_items, copy, Count);
        return copy;
    }
}
