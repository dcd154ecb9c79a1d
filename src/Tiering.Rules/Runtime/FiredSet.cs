using System.Numerics;

namespace Tiering.Rules.Runtime;

/// <summary>The fired rules as a bit set: one word inline, more words for policies with over 64 rules.</summary>
internal readonly struct FiredSet(ulong first, ulong[]? more) : IEnumerable<int>
{
    public Enumerator GetEnumerator() => new(first, more);

    public bool Contains(int index) =>
        index < 64 ? (first & (1UL << index)) != 0 : more is not null && (more[(index - 64) >> 6] & (1UL << (index & 63))) != 0;

    public int Count
    {
        get
        {
            var count = BitOperations.PopCount(first);
            if (more is not null)
            {
                foreach (var word in more)
                {
                    count += BitOperations.PopCount(word);
                }
            }

            return count;
        }
    }

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(ulong first, ulong[]? more) : IEnumerator<int>
    {
        private ulong _word = first;
        private int _wordIndex = -1; // -1: the inline word; 0..: FiredMore
        private int _current;

        public readonly int Current => _current;

        readonly object System.Collections.IEnumerator.Current => _current;

        public bool MoveNext()
        {
            while (_word == 0)
            {
                if (more is null || _wordIndex + 1 >= more.Length)
                {
                    return false;
                }

                _word = more[++_wordIndex];
            }

            _current = (_wordIndex < 0 ? 0 : 64 + (_wordIndex * 64)) + BitOperations.TrailingZeroCount(_word);
            _word &= _word - 1;
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}
