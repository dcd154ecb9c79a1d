using System.Numerics;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// The fired rule ids of a bit mask (bit <c>i</c> is <c>ids[i]</c>), made once per distinct mask and shared after that,
/// as a careful hand-written classifier keeps them and as the engine does (equal outcomes share one decision and its
/// id list), with the engine's capacity: 1,024 sets of two entries keyed by the mask. A hit costs a multiply, a shift, a
/// load and a compare (two for the second entry); a miss (a mask not seen, or pushed out by two others) builds the list
/// and puts it first in its set. Thread-safe: an entry is immutable and a slot is one reference, written whole.
/// </summary>
public sealed class FiredIdLists(string[] ids)
{
    private const int Bits = 10;

    private readonly Entry?[] _slots = new Entry?[2 << Bits];

    /// <summary>The ids of the set bits of <paramref name="mask"/>, in bit order; the same instance for the same mask while it keeps its slot.</summary>
    public string[] Of(uint mask)
    {
        var set = (int)((mask * 0x9E3779B9u) >> (32 - Bits)) * 2;
        if (_slots[set] is { } first && first.Mask == mask)
        {
            return first.Ids;
        }

        if (_slots[set + 1] is { } second && second.Mask == mask)
        {
            return second.Ids;
        }

        var made = Build(mask);
        _slots[set + 1] = _slots[set];
        _slots[set] = new Entry(mask, made);
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
