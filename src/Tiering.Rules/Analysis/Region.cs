using System.Collections.Immutable;

namespace Tiering.Rules.Analysis;

/// <summary>
/// A conjunction of per-field constraints: for each constrained field (by index) the set of values it may take.
/// A field not in the map is unconstrained. Immutable.
/// </summary>
internal sealed record Box(ImmutableDictionary<int, IntervalSet> Constraints)
{
    public static readonly Box All = new(ImmutableDictionary<int, IntervalSet>.Empty);

    public static Box Of(int field, IntervalSet set) => new(ImmutableDictionary<int, IntervalSet>.Empty.Add(field, set));

    public IntervalSet Get(int field, IntervalSet domain) => Constraints.TryGetValue(field, out var set) ? set.Intersect(domain) : domain;

    /// <summary>The intersection, or null when it is empty.</summary>
    public Box? Intersect(Box other)
    {
        var result = Constraints;
        foreach (var (field, set) in other.Constraints)
        {
            var merged = result.TryGetValue(field, out var mine) ? mine.Intersect(set) : set;
            if (merged.IsEmpty)
            {
                return null;
            }

            result = result.SetItem(field, merged);
        }

        return new Box(result);
    }

    /// <summary>Clips every constraint to the fields' domains; null when the box holds no value of the domain.</summary>
    public Box? Clip(IReadOnlyDictionary<int, IntervalSet> domains)
    {
        var result = Constraints;
        foreach (var (field, set) in Constraints)
        {
            var clipped = domains.TryGetValue(field, out var domain) ? set.Intersect(domain) : set;
            if (clipped.IsEmpty)
            {
                return null;
            }

            result = result.SetItem(field, clipped);
        }

        return new Box(result);
    }

    /// <summary>This box minus <paramref name="other"/>, as disjoint boxes (standard box subtraction).</summary>
    public IEnumerable<Box> Minus(Box other, IReadOnlyDictionary<int, IntervalSet> domains)
    {
        if (Intersect(other) is null)
        {
            yield return this;
            yield break;
        }

        var rest = this;
        foreach (var (field, set) in other.Constraints)
        {
            var domain = domains[field];
            var current = rest.Get(field, domain);
            var outside = current.Minus(set);
            if (!outside.IsEmpty)
            {
                yield return new Box(rest.Constraints.SetItem(field, outside));
            }

            var inside = current.Intersect(set);
            if (inside.IsEmpty)
            {
                yield break;
            }

            rest = new Box(rest.Constraints.SetItem(field, inside));
        }
    }
}

/// <summary>A union of boxes: the facts a condition matches, in disjunctive normal form.</summary>
internal sealed record Region(ImmutableArray<Box> Boxes)
{
    public static readonly Region Empty = new(ImmutableArray<Box>.Empty);
    public static readonly Region All = new([Box.All]);

    public bool IsEmpty => Boxes.IsEmpty;

    public Region Union(Region other) => new(Boxes.AddRange(other.Boxes));

    public Region? Intersect(Region other, int limit)
    {
        var result = ImmutableArray.CreateBuilder<Box>();
        foreach (var a in Boxes)
        {
            foreach (var b in other.Boxes)
            {
                if (a.Intersect(b) is { } box)
                {
                    result.Add(box);
                    if (result.Count > limit)
                    {
                        return null;
                    }
                }
            }
        }

        return new Region(result.ToImmutable());
    }

    public Region Clip(IReadOnlyDictionary<int, IntervalSet> domains) =>
        new([.. Boxes.Select(b => b.Clip(domains)).OfType<Box>()]);

    /// <summary>This region minus another; null when the result grows beyond <paramref name="limit"/> boxes.</summary>
    public Region? Minus(Region other, IReadOnlyDictionary<int, IntervalSet> domains, int limit)
    {
        var current = Boxes.ToList();
        foreach (var cut in other.Boxes)
        {
            var next = new List<Box>();
            foreach (var box in current)
            {
                next.AddRange(box.Minus(cut, domains));
                if (next.Count > limit)
                {
                    return null;
                }
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return new Region([.. current]);
    }
}
