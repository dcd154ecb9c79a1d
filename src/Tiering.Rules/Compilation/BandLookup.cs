using System.Linq.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;
using static System.Linq.Expressions.Expression;

namespace Tiering.Rules.Compilation;

/// <summary>
/// A band table as sorted lower edges: finds the one band that holds a value by binary search, or compiles that
/// search into a tree of comparisons against constants. Built only for tables whose bands are disjoint, where at most
/// one band can match and so every hit policy gives the same answer. An open end is stored as
/// <see cref="decimal.MinValue"/> or <see cref="decimal.MaxValue"/>, inclusive, which every value satisfies.
/// </summary>
internal sealed class BandLookup
{
    private readonly decimal[] _lows;
    private readonly bool[] _lowInclusive;
    private readonly decimal[] _highs;
    private readonly bool[] _highInclusive;
    private readonly int[] _ruleIndex;

    private BandLookup(RuleDefinition[] sorted)
    {
        _lows = [.. sorted.Select(r => r.Interval!.Value.Low ?? decimal.MinValue)];
        _lowInclusive = [.. sorted.Select(r => r.Interval!.Value.Low is null || r.Interval!.Value.LowInclusive)];
        _highs = [.. sorted.Select(r => r.Interval!.Value.High ?? decimal.MaxValue)];
        _highInclusive = [.. sorted.Select(r => r.Interval!.Value.High is null || r.Interval!.Value.HighInclusive)];
        _ruleIndex = [.. sorted.Select(r => r.Index)];
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

        return new BandLookup(rows);
    }

    /// <summary>The rule index of the band holding <paramref name="value"/>, or -1.</summary>
    public int Find(decimal value)
    {
        // Rightmost band whose lower edge admits the value, then its upper edge.
        int lo = 0, hi = _lows.Length - 1, candidate = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Admits(value, _lows[mid], _lowInclusive[mid]))
            {
                candidate = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return candidate >= 0 && UnderHigh(value, candidate) ? _ruleIndex[candidate] : -1;
    }

    private static bool Admits(decimal value, decimal low, bool inclusive)
    {
        var c = decimal.Compare(value, low);
        return c > 0 || (c == 0 && inclusive);
    }

    private bool UnderHigh(decimal value, int band)
    {
        var c = decimal.Compare(value, _highs[band]);
        return c < 0 || (c == 0 && _highInclusive[band]);
    }

    /// <summary>
    /// The same search as <see cref="Find"/> as an expression over <paramref name="value"/>: a balanced tree of
    /// comparisons with the edges as constants (about log2(bands) + 1 comparisons per value), filtered through the
    /// value's double <paramref name="approx"/> when there is one (<see cref="DecimalFilter"/>). A value in no band gives
    /// -1, or <paramref name="below"/> when it lies under the lowest band (the tree's leftmost end: the lowest band's
    /// lower edge does not admit it), for a caller that tells the two apart.
    /// </summary>
    public Expression Compile(ParameterExpression value, ParameterExpression? approx, int below = -1) =>
        Tree(value, approx, 0, _lows.Length - 1, Constant(below));

    private Expression Tree(ParameterExpression value, ParameterExpression? approx, int lo, int hi, Expression fallback)
    {
        if (lo > hi)
        {
            return fallback;
        }

        var mid = (lo + hi) >>> 1;
        var admits = _lows[mid] == decimal.MinValue
            ? Constant(true)
            : Edge(_lowInclusive[mid] ? CompareOp.GreaterEqual : CompareOp.Greater, _lows[mid]);
        var underHigh = _highs[mid] == decimal.MaxValue
            ? Constant(true)
            : Edge(_highInclusive[mid] ? CompareOp.LessEqual : CompareOp.Less, _highs[mid]);
        var hit = Condition(underHigh, Constant(_ruleIndex[mid]), Constant(-1));
        return Condition(admits, Tree(value, approx, mid + 1, hi, hit), Tree(value, approx, lo, mid - 1, fallback));

        Expression Edge(CompareOp op, decimal edge) => approx is not null
            ? DecimalFilter.Compare(op, value, approx, edge)
            : op switch
            {
                CompareOp.GreaterEqual => GreaterThanOrEqual(value, Constant(edge)),
                CompareOp.Greater => GreaterThan(value, Constant(edge)),
                CompareOp.LessEqual => LessThanOrEqual(value, Constant(edge)),
                _ => LessThan(value, Constant(edge)),
            };
    }
}
