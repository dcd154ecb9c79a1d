using System.Numerics;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The fired rule ids of a bit mask (bit <c>i</c> is <c>ids[i]</c>), made once per distinct mask and shared after that,
/// as a careful hand-written classifier keeps them and as the engine does (equal outcomes share one decision and its
/// id list). A direct-mapped cache of 1,024 slots keyed by the mask: a hit costs a multiply, a shift, a load and a
/// compare; a miss (a mask not seen, or a slot taken by another mask) builds the list and takes the slot.
/// Thread-safe: an entry is immutable and a slot is one reference, written whole.
/// </summary>
public sealed class FiredIdLists(string[] ids)
{
    private const int Bits = 10;

    private readonly Entry?[] _slots = new Entry?[1 << Bits];

    /// <summary>The ids of the set bits of <paramref name="mask"/>, in bit order; the same instance for the same mask while it keeps its slot.</summary>
    public string[] Of(uint mask)
    {
        var slot = (int)((mask * 0x9E3779B9u) >> (32 - Bits));
        if (_slots[slot] is { } entry && entry.Mask == mask)
        {
            return entry.Ids;
        }

        var made = Build(mask);
        _slots[slot] = new Entry(mask, made);
        return made;
    }

    /// <summary>A new array of the ids of the set bits of <paramref name="mask"/>, in bit order (what a careless baseline does per fact).</summary>
    public string[] Build(uint mask)
    {
        if (mask == 0)
        {
            return [];
        }

        var made = new string[BitOperations.PopCount(mask)];
        var n = 0;
        for (var bits = mask; bits != 0; bits &= bits - 1)
        {
            made[n++] = ids[BitOperations.TrailingZeroCount(bits)];
        }

        return made;
    }

    private sealed record Entry(uint Mask, string[] Ids);
}
