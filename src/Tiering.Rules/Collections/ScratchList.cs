namespace Tiering.Rules.Collections;

/// <summary>
/// A growable list for the load path: the YAML reader gathers a mapping's entries or a sequence's items in one (reused
/// for every node at one depth), the lexer an expression's tokens, the builder a policy's rules and fields, which end
/// as the model's arrays. Not a <see cref="List{T}"/> on purpose: a list over the engine's own types loads the list with
/// its five interfaces and its enumerator, one type load each in a process's first load, where this class loads itself
/// and its array (issue 25, <c>docs/DESIGN.md</c> §6a). Not thread-safe: one per reader, expression or build.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ScratchList<T>
{
    private T[] _items = new T[8];

    /// <summary>The number of elements added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The element at <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public T this[int index]
    {
        get => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));
        set => _items[(uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index))] = value;
    }

    /// <summary>Adds <paramref name="item"/> at the end.</summary>
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    /// <summary>Inserts <paramref name="item"/> at <paramref name="index"/> (0 to <see cref="Count"/>), moving the rest up.</summary>
    public void Insert(int index, T item)
    {
        if ((uint)index > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        Array.Copy(_items, index, _items, index + 1, Count - index);
        _items[index] = item;
        Count++;
    }

    /// <summary>Empties the list, dropping its references (the reader keeps the list for the next node).</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }

    /// <summary>
    /// Enumerates the elements added so far, in order: a struct of this class's own, with no interfaces, where the span's
    /// enumerator cost a first load three type loads per element type (the span, its enumerator and the
    /// <see cref="IEnumerator{T}"/> it implements).
    /// </summary>
    public Enumerator GetEnumerator() => new(_items, Count);

    /// <summary>The enumerator of <see cref="GetEnumerator"/> (the elements as they were when it started).</summary>
    public struct Enumerator
    {
        private readonly T[] _items;
        private readonly int _count;
        private int _index;

        internal Enumerator(T[] items, int count)
        {
            _items = items;
            _count = count;
            _index = -1;
        }

        /// <summary>The current element.</summary>
        public readonly T Current => _items[_index];

        /// <summary>Moves to the next element; false past the last.</summary>
        public bool MoveNext() => ++_index < _count;
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
