using Tiering.Rules.Model;

namespace Tiering.Rules.Compilation;

/// <summary>
/// A band table as sorted lower edges: finds the one band that holds a value by binary search. Built only for
/// tables whose bands are disjoint, where at most one band can match and so every hit policy gives the same answer.
/// </summary>
internal sealed class BandLookup
{
    private readonly Interval[] _intervals;
    private readonly int[] _ruleIndex;

    private BandLookup(Interval[] intervals, int[] ruleIndex)
    {
        _intervals = intervals;
        _ruleIndex = ruleIndex;
    }

    /// <summary>Returns a lookup, or null when some bands overlap (then rules are checked one by one).</summary>
    public static BandLookup? TryCreate(BandTable table)
    {
        var rows = table.Rows.OrderBy(r => r.Interval!.Value.Low ?? decimal.MinValue)
            .ThenBy(r => r.Interval!.Value.LowInclusive ? 0 : 1)
            .ToArray();
        for (var i = 1; i < rows.Length; i++)
        {
            var previous = rows[i - 1].Interval!.Value;
            var next = rows[i].Interval!.Value;
            if (previous.High is not { } high || next.Low is not { } low)
            {
                return null;
            }

            if (high > low || (high == low && previous.HighInclusive && next.LowInclusive))
            {
                return null;
            }
        }

        return new BandLookup([.. rows.Select(r => r.Interval!.Value)], [.. rows.Select(r => r.Index)]);
    }

    /// <summary>The rule index of the band holding <paramref name="value"/>, or -1.</summary>
    public int Find(decimal value)
    {
        // Rightmost band whose lower edge admits the value.
        int lo = 0, hi = _intervals.Length - 1, candidate = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_intervals[mid].IsAbove(value))
            {
                hi = mid - 1;
            }
            else
            {
                candidate = mid;
                lo = mid + 1;
            }
        }

        return candidate >= 0 && _intervals[candidate].Contains(value) ? _ruleIndex[candidate] : -1;
    }
}
