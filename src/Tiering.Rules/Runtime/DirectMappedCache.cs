namespace Tiering.Rules.Runtime;

/// <summary>
/// A fixed table of immutable entries found by a hash: <c>2^bits</c> sets of <c>ways</c> entries each, most recent
/// first. The caller hashes its key, reads the set's entries and compares them with its key itself (so a lookup is a
/// load and an inlined comparison, with no delegate or interface call), and puts a new entry in front of its set,
/// which pushes the oldest out. Entries are written whole with volatile writes, so racing threads can only lose an
/// entry, never read half of one; a cache is an optimisation, never the truth.
/// </summary>
/// <typeparam name="T">An immutable entry type.</typeparam>
internal sealed class DirectMappedCache<T>
    where T : class
{
    private readonly T?[] _entries;
    private readonly int _shift;
    private readonly int _ways;

    /// <param name="bits">The number of sets is 2 to this power.</param>
    /// <param name="ways">Entries per set (1: direct-mapped; 2: two-way).</param>
    public DirectMappedCache(int bits, int ways)
    {
        _entries = new T?[ways << bits];
        _shift = 64 - bits;
        _ways = ways;
    }

    /// <summary>The set a key's hash falls in (Fibonacci hashing spreads the high bits of near-equal keys).</summary>
    public int SetOf(ulong hash) => FibonacciSets.SetOf(hash, _shift, _ways);

    /// <summary>The entry at <paramref name="way"/> of the set <paramref name="set"/> (from <see cref="SetOf"/>), or null.</summary>
    public T? Get(int set, int way) => Volatile.Read(ref _entries[set + way]);

    /// <summary>Puts <paramref name="entry"/> in front of its set; the others move back one way, the last drops out.</summary>
    public void Put(int set, T entry)
    {
        for (var way = _ways - 1; way > 0; way--)
        {
            Volatile.Write(ref _entries[set + way], Volatile.Read(ref _entries[set + way - 1]));
        }

        Volatile.Write(ref _entries[set], entry);
    }
}

/// <summary>
/// Where a hash falls in a table of <c>2^(64 - shift)</c> sets of <c>ways</c> entries: Fibonacci hashing, which spreads
/// the high bits of near-equal keys. One place for <see cref="DirectMappedCache{T}"/> and for tables of fixed geometry
/// that inline it with constants (the typed decisions' table).
/// </summary>
internal static class FibonacciSets
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int SetOf(ulong hash, int shift, int ways) => (int)((hash * 0x9E3779B97F4A7C15UL) >> shift) * ways;
}
