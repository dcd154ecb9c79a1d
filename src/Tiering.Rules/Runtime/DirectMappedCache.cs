namespace Tiering.Rules.Runtime;

/// <summary>
/// A fixed table of immutable entries found by a hash: <c>2^bits</c> sets of <c>ways</c> entries each, most recent
/// first. The caller hashes its key, reads the set's entries and compares them with its key itself (so a lookup is a
/// load and an inlined comparison, with no delegate or interface call), and puts a new entry in front of its set,
/// which pushes the oldest out. Entries are written whole with volatile writes, so racing threads can only lose an
/// entry, never read half of one; a cache is an optimisation, never the truth. A cache may start small and be
/// replaced by a larger one once it has taken many entries (<see cref="Grown"/>): most caches of a loaded set never see
/// more than a few outcomes, and a process's first decision should not clear 16 KB for them.
/// </summary>
/// <typeparam name="T">An immutable entry type.</typeparam>
internal sealed class DirectMappedCache<T>
    where T : class
{
    private readonly T?[] _entries;
    private readonly int _shift;
    private readonly int _ways;
    private readonly int _bits;
    private int _puts; // counted without synchronisation: a lost count only delays growing

    /// <param name="bits">The number of sets is 2 to this power.</param>
    /// <param name="ways">Entries per set (1: direct-mapped; 2: two-way).</param>
    public DirectMappedCache(int bits, int ways)
    {
        _entries = new T?[ways << bits];
        _shift = 64 - bits;
        _ways = ways;
        _bits = bits;
    }

    /// <summary>The set a key's hash falls in (Fibonacci hashing spreads the high bits of near-equal keys).</summary>
    public int SetOf(ulong hash) => FibonacciSets.SetOf(hash, _shift, _ways);

    /// <summary>The entry at <paramref name="way"/> of the set <paramref name="set"/> (from <see cref="SetOf"/>), or null.</summary>
    public T? Get(int set, int way) => Volatile.Read(ref _entries[set + way]);

    /// <summary>Puts <paramref name="entry"/> in front of its set; the others move back one way, the last drops out.</summary>
    /// <returns>Whether the cache has taken twice as many entries as it holds (then ask <see cref="Grown"/>).</returns>
    public bool Put(int set, T entry)
    {
        for (var way = _ways - 1; way > 0; way--)
        {
            Volatile.Write(ref _entries[set + way], Volatile.Read(ref _entries[set + way - 1]));
        }

        Volatile.Write(ref _entries[set], entry);
        return ++_puts > 2 * _entries.Length;
    }

    /// <summary>
    /// A cache with four times the sets (up to 2^<paramref name="maxBits"/>), empty, once this one has taken twice as many
    /// entries as it holds (entries are being pushed out: <see cref="Put"/> says when); null while it should stay. The
    /// owner swaps it in; entries of the old one are found again as they recur.
    /// </summary>
    public DirectMappedCache<T>? Grown(int maxBits) =>
        _bits < maxBits && _puts > 2 * _entries.Length ? new DirectMappedCache<T>(Math.Min(_bits + 2, maxBits), _ways) : null;
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
