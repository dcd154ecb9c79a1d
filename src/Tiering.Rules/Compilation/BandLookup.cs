using System.Linq.Expressions;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

        // The search by the value's double: per band, the double above which the value certainly admits its lower
        // edge (an open end: every value), and under which it is certainly under its upper edge; and every edge's
        // window, where only the decimal can tell. Padded to whole vectors with values no double passes.
        var rows = sorted.Length;
        _admitAbove = Padded(rows, double.PositiveInfinity);
        _underBelow = new double[rows];
        var edges = new List<decimal>(2 * rows);
        for (var i = 0; i < rows; i++)
        {
            _admitAbove[i] = _lows[i] == decimal.MinValue ? double.NegativeInfinity : DecimalFilter.Window(_lows[i]).High;
            _underBelow[i] = _highs[i] == decimal.MaxValue ? double.PositiveInfinity : DecimalFilter.Window(_highs[i]).Low;
            AddEdge(_lows[i]);
            AddEdge(_highs[i]);
        }

        _windowLows = Padded(edges.Count, double.PositiveInfinity);
        _windowHighs = Padded(edges.Count, double.NegativeInfinity);
        for (var i = 0; i < edges.Count; i++)
        {
            (_windowLows[i], _windowHighs[i]) = DecimalFilter.Window(edges[i]);
        }

        void AddEdge(decimal edge)
        {
            if (edge != decimal.MinValue && edge != decimal.MaxValue && !edges.Contains(edge))
            {
                edges.Add(edge); // an open end has no window
            }
        }
    }

    /// <summary>An array for <paramref name="count"/> values in whole vectors, the rest <paramref name="pad"/>.</summary>
    private static double[] Padded(int count, double pad)
    {
        var padded = new double[(count + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count];
        padded.AsSpan(count).Fill(pad);
        return padded;
    }

    private readonly double[] _admitAbove;
    private readonly double[] _underBelow;
    private readonly double[] _windowLows;
    private readonly double[] _windowHighs;

    /// <summary><see cref="FindByDouble"/>'s answer when the double lies in an edge's window: the decimals must decide.</summary>
    private const int Undecided = int.MinValue;

    /// <summary><see cref="FindByDouble"/>, which never throws.</summary>
    public static readonly System.Reflection.MethodInfo FindByDoubleMethod = typeof(BandLookup).GetMethod(nameof(FindByDouble))!;

    /// <summary>
    /// The band of a value by its double <paramref name="approx"/> (<see cref="DecimalFilter.ToApprox"/>), with no
    /// branch on the value: the bands whose lower edge it certainly admits are counted (the rightmost is the candidate,
    /// as in <see cref="Find"/>), then the candidate's upper edge is checked; -1 for no band, <paramref name="below"/>
    /// under the lowest, and <see cref="Undecided"/> when the double lies in an edge's window (<see cref="DecimalFilter"/>),
    /// where the comparison tree of decimals decides. A tree of comparisons branches on the value at every level, and
    /// values spread over the bands make those branches unpredictable (issue 25, session 14).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindByDouble(double approx, int below)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return FindByDoubleScalar(approx, below);
        }

        int admitted = 0;
        uint inWindow = 0;
        var x = Vector256.Create(approx);
        ref var admitAbove = ref MemoryMarshal.GetArrayDataReference(_admitAbove);
        for (var i = 0; i < _admitAbove.Length; i += Vector256<double>.Count)
        {
            admitted += BitOperations.PopCount(Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref admitAbove, (nuint)i)).ExtractMostSignificantBits());
        }

        ref var windowLows = ref MemoryMarshal.GetArrayDataReference(_windowLows);
        ref var windowHighs = ref MemoryMarshal.GetArrayDataReference(_windowHighs);
        for (var i = 0; i < _windowLows.Length; i += Vector256<double>.Count)
        {
            var inside = Vector256.GreaterThanOrEqual(x, Vector256.LoadUnsafe(ref windowLows, (nuint)i))
                & Vector256.LessThanOrEqual(x, Vector256.LoadUnsafe(ref windowHighs, (nuint)i));
            inWindow |= inside.ExtractMostSignificantBits();
        }

        if (inWindow != 0)
        {
            return Undecided;
        }

        return Conclude(approx, admitted - 1, below);
    }

    /// <summary><see cref="FindByDouble"/> one edge at a time, where 256-bit vectors are not in hardware.</summary>
    private int FindByDoubleScalar(double approx, int below)
    {
        var admitted = 0;
        foreach (var above in _admitAbove)
        {
            admitted += approx > above ? 1 : 0;
        }

        for (var i = 0; i < _windowLows.Length; i++)
        {
            if (approx >= _windowLows[i] && approx <= _windowHighs[i])
            {
                return Undecided;
            }
        }

        return Conclude(approx, admitted - 1, below);
    }

    /// <summary>The band of the <paramref name="candidate"/> (the rightmost whose lower edge the value admits, or -1) when the value is under its upper edge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Conclude(double approx, int candidate, int below) =>
        candidate < 0 ? below : approx < _underBelow[candidate] ? _ruleIndex[candidate] : -1;

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
    public Expression Compile(ParameterExpression value, ParameterExpression? approx, int below = -1)
    {
        var tree = Tree(value, approx, 0, _lows.Length - 1, Constant(below));
        if (approx is null)
        {
            return tree;
        }

        // By the double first, the tree of decimals only in an edge's window.
        var found = Variable(typeof(int), "found");
        return Block(
            [found],
            Assign(found, Call(Constant(this), FindByDoubleMethod, approx, Constant(below))),
            Condition(Equal(found, Constant(Undecided)), tree, found));
    }

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
