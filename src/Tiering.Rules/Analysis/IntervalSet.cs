using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Tiering.Rules.Analysis;

/// <summary>
/// One interval of a number line; null bounds are infinite. A class, not a struct: collections of a struct from this
/// assembly would each be generic code the JIT compiles on a first load, where the shared code for classes is ready.
/// </summary>
internal sealed record Span1(decimal? Low, bool LowIn, decimal? High, bool HighIn)
{
    public bool IsEmpty =>
        Low is { } lo && High is { } hi && (lo > hi || (lo == hi && !(LowIn && HighIn)));

    public override string ToString()
    {
        var lo = Low?.ToString(CultureInfo.InvariantCulture) ?? "-∞";
        var hi = High?.ToString(CultureInfo.InvariantCulture) ?? "+∞";
        return $"{(LowIn && Low is not null ? '[' : '(')}{lo}, {hi}{(HighIn && High is not null ? ']' : ')')}";
    }
}

/// <summary>
/// A set of numbers as sorted, disjoint intervals. Over an integer domain every interval is normalised to closed
/// whole-number bounds, so the set knows that no integer lies strictly between 90 and 91.
/// Immutable; every operation returns a new set.
/// </summary>
internal sealed class IntervalSet
{
    private IntervalSet(ImmutableArray<Span1> spans, bool integer)
    {
        Spans = spans;
        Integer = integer;
    }

    public ImmutableArray<Span1> Spans { get; }

    public bool Integer { get; }

    public bool IsEmpty => Spans.IsEmpty;

    public static IntervalSet Empty(bool integer) => new([], integer);

    public static IntervalSet Of(Span1 span, bool integer) => Normalize([span], integer);

    public static IntervalSet All(bool integer) => Of(new Span1(null, false, null, false), integer);

    public IntervalSet Intersect(IntervalSet other)
    {
        var integer = Integer || other.Integer;
        if (Spans.Length == 1 && other.Spans.Length == 1)
        {
            // The common case (a box's side against a condition's interval), without a list.
            var only = Overlap(Spans[0], other.Spans[0]);
            return only.IsEmpty ? Empty(integer) : Normalize([only], integer);
        }

        var result = new List<Span1>();
        foreach (var a in Spans)
        {
            foreach (var b in other.Spans)
            {
                var s = Overlap(a, b);
                if (!s.IsEmpty)
                {
                    result.Add(s);
                }
            }
        }

        return Normalize(CollectionsMarshal.AsSpan(result), integer);
    }

    public IntervalSet Union(IntervalSet other) => Normalize([.. Spans.AsSpan(), .. other.Spans.AsSpan()], Integer || other.Integer);

    /// <summary>The complement within the whole number line (then intersect with a domain).</summary>
    public IntervalSet Complement()
    {
        var result = new List<Span1>();
        decimal? lo = null;
        var loIn = false;
        foreach (var s in Spans)
        {
            if (s.Low is { } l)
            {
                result.Add(new Span1(lo, loIn, l, !s.LowIn));
            }

            if (s.High is not { } h)
            {
                return Normalize(CollectionsMarshal.AsSpan(result), Integer);
            }

            lo = h;
            loIn = !s.HighIn;
        }

        result.Add(new Span1(lo, loIn, null, false));
        return Normalize(CollectionsMarshal.AsSpan(result), Integer);
    }

    public IntervalSet Minus(IntervalSet other) => Intersect(other.Complement());

    public bool IsSubsetOf(IntervalSet other) => Minus(other).IsEmpty;

    public bool Contains(decimal value) => Spans.Any(s =>
        (s.Low is not { } lo || (s.LowIn ? value >= lo : value > lo)) && (s.High is not { } hi || (s.HighIn ? value <= hi : value < hi)));

    /// <summary>
    /// A value in the set, preferring one that sits on an edge where the set starts (the most telling witness); null
    /// when the set is empty or its first interval holds no decimal (two adjacent decimals, both excluded). Never
    /// overflows at the ends of the decimal range.
    /// </summary>
    public decimal? Pick()
    {
        if (Spans.IsEmpty)
        {
            return null;
        }

        var s = Spans[0];
        if (s.Low is { } lo && s.LowIn)
        {
            return lo;
        }

        if (s.High is { } hi && s.HighIn && s.Low is null)
        {
            return hi;
        }

        if (s.Low is { } l && s.High is { } h)
        {
            // Strictly inside (l, h): the midpoint, exact in decimal unless l and h are a last digit apart. Halving the
            // difference cannot overflow where the sum could (both ends near the same end of the range).
            var mid = (l < 0) != (h < 0) ? (l + h) / 2 : l + ((h - l) / 2);
            return mid > l && mid < h ? mid : null;
        }

        if (s.Low is { } onlyLow)
        {
            return onlyLow <= decimal.MaxValue - 1 ? onlyLow + 1 : onlyLow < decimal.MaxValue ? decimal.MaxValue : null;
        }

        if (s.High is { } onlyHigh)
        {
            return onlyHigh >= decimal.MinValue + 1 ? onlyHigh - 1 : onlyHigh > decimal.MinValue ? decimal.MinValue : null;
        }

        return 0;
    }

    public override string ToString() => IsEmpty ? "∅" : string.Join(" ∪ ", Spans);

    /// <summary>
    /// Where <paramref name="a"/> and <paramref name="b"/> overlap (possibly an empty span). Spans, not tuples, come back
    /// from these helpers: a tuple of a nullable decimal is generic code no image holds, which a first load compiled.
    /// </summary>
    private static Span1 Overlap(Span1 a, Span1 b)
    {
        decimal? lo;
        bool loIn;
        if (a.Low is null || b.Low is null)
        {
            (lo, loIn) = a.Low is null ? (b.Low, b.LowIn) : (a.Low, a.LowIn);
        }
        else
        {
            lo = a.Low > b.Low ? a.Low : b.Low;
            loIn = a.Low > b.Low ? a.LowIn : b.Low > a.Low ? b.LowIn : a.LowIn && b.LowIn;
        }

        decimal? hi;
        bool hiIn;
        if (a.High is null || b.High is null)
        {
            (hi, hiIn) = a.High is null ? (b.High, b.HighIn) : (a.High, a.HighIn);
        }
        else
        {
            hi = a.High < b.High ? a.High : b.High;
            hiIn = a.High < b.High ? a.HighIn : b.High < a.High ? b.HighIn : a.HighIn && b.HighIn;
        }

        return new Span1(lo, loIn, hi, hiIn);
    }

    private static IntervalSet Normalize(ReadOnlySpan<Span1> spans, bool integer)
    {
        if (spans.Length == 1)
        {
            return Clean(spans[0], integer) is { } only ? new IntervalSet([only], integer) : Empty(integer);
        }

        // One list, merged in place: the analysis normalises tens of thousands of sets on a reload.
        var list = new List<Span1>(spans.Length);
        foreach (var raw in spans)
        {
            if (Clean(raw, integer) is { } s)
            {
                list.Add(s);
            }
        }

        // Sorted only when there is something to sort: the shipped loan policy's intervals are single spans, so its first
        // load compiles no comparison.
        if (list.Count > 1)
        {
            list.Sort(ByLow);
        }

        var merged = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (merged > 0 && Touches(list[merged - 1], s, integer))
            {
                list[merged - 1] = Extend(list[merged - 1], s);
            }
            else
            {
                list[merged++] = s;
            }
        }

        return new IntervalSet(ImmutableArray.Create(CollectionsMarshal.AsSpan(list)[..merged]), integer);
    }

    /// <summary>The span as a set holds it: whole-number bounds over an integer domain; null when it holds no value.</summary>
    private static Span1? Clean(Span1 s, bool integer)
    {
        if (BeyondDecimalRange(s))
        {
            // Above decimal.MaxValue or below decimal.MinValue: no value a field can hold, and no bound to step past.
            return null;
        }

        if (integer && (s.Low is not null || s.High is not null))
        {
            // Closed whole-number bounds: (90, 91) is empty, (0.5, 3] is [1, 3].
            decimal? lo = s.Low is { } l ? (s.LowIn ? decimal.Ceiling(l) : decimal.Floor(l) + 1) : null;
            decimal? hi = s.High is { } h ? (s.HighIn ? decimal.Floor(h) : decimal.Ceiling(h) - 1) : null;
            s = new Span1(lo, lo is not null, hi, hi is not null);
        }

        return s.IsEmpty ? null : s;
    }

    /// <summary>
    /// Whether a span lies wholly past an end of the decimal range: above <see cref="decimal.MaxValue"/> (excluded, or
    /// a whole number above its floor) or below <see cref="decimal.MinValue"/>. Such a span holds no value, and stepping
    /// past its bound (the next whole number) would overflow.
    /// </summary>
    private static bool BeyondDecimalRange(Span1 s) =>
        (s.Low is { } l && (l == decimal.MaxValue && !s.LowIn)) || (s.High is { } h && (h == decimal.MinValue && !s.HighIn));

    /// <summary>Unbounded below first, then by lower bound, an inclusive bound before an exclusive one.</summary>
    private static int ByLow(Span1 a, Span1 b)
    {
        if (a.Low is null || b.Low is null)
        {
            return a.Low is null ? (b.Low is null ? 0 : -1) : 1;
        }

        var c = a.Low.Value.CompareTo(b.Low.Value);
        return c != 0 ? c : (a.LowIn == b.LowIn ? 0 : a.LowIn ? -1 : 1);
    }

    /// <summary><paramref name="last"/> reaching as far as <paramref name="next"/> does (itself when it already does).</summary>
    private static Span1 Extend(Span1 last, Span1 next)
    {
        if (last.High is null || next.High is null)
        {
            return last.High is null && !last.HighIn ? last : last with { High = null, HighIn = false };
        }

        if (next.High > last.High)
        {
            return last with { High = next.High, HighIn = next.HighIn };
        }

        return next.High == last.High && next.HighIn && !last.HighIn ? last with { HighIn = true } : last;
    }

    /// <summary>Whether <paramref name="next"/> (starting at or after <paramref name="prev"/>) overlaps or abuts it.</summary>
    private static bool Touches(Span1 prev, Span1 next, bool integer)
    {
        if (prev.High is not { } hi || next.Low is not { } lo)
        {
            return true;
        }

        if (integer)
        {
            return hi == decimal.MaxValue || lo <= hi + 1;
        }

        return lo < hi || (lo == hi && (prev.HighIn || next.LowIn));
    }
}
