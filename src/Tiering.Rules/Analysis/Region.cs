using System.Collections.Immutable;

namespace Tiering.Rules.Analysis;

/// <summary>
/// A conjunction of per-field constraints: for each constrained field (by index, ascending) the set of values it may
/// take. A field not listed is unconstrained. Immutable. Two parallel arrays rather than an immutable dictionary: a box
/// holds a handful of fields, and the dictionary's generic code was a tenth of what a first load had to JIT.
/// </summary>
internal sealed class Box
{
    private readonly int[] _fields;
    private readonly IntervalSet[] _sets;

    private Box(int[] fields, IntervalSet[] sets)
    {
        _fields = fields;
        _sets = sets;
    }

    public static readonly Box All = new([], []);

    public static Box Of(int field, IntervalSet set) => new([field], [set]);

    /// <summary>How many fields are constrained.</summary>
    public int Count => _fields.Length;

    /// <summary>The constrained fields, ascending.</summary>
    public IReadOnlyList<int> Fields => _fields;

    /// <summary>The constraints, in the order of <see cref="Fields"/>.</summary>
    public IReadOnlyList<IntervalSet> Sets => _sets;

    /// <summary>True when some field is held to no value at all (the box is empty).</summary>
    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    public bool HasEmptySet
    {
        get
        {
            foreach (var set in _sets)
            {
                if (set.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public int FieldAt(int i) => _fields[i];

    public IntervalSet SetAt(int i) => _sets[i];

    public IntervalSet Get(int field, IntervalSet domain) => IndexOf(field) is var i and >= 0 ? _sets[i].Intersect(domain) : domain;

    /// <summary>This box with <paramref name="field"/> constrained to <paramref name="set"/> (replacing any constraint it had).</summary>
    public Box With(int field, IntervalSet set)
    {
        if (IndexOf(field) is var i and >= 0)
        {
            var sets = (IntervalSet[])_sets.Clone();
            sets[i] = set;
            return new Box(_fields, sets);
        }

        var at = 0;
        while (at < _fields.Length && _fields[at] < field)
        {
            at++;
        }

        var newFields = new int[_fields.Length + 1];
        var newSets = new IntervalSet[_fields.Length + 1];
        Array.Copy(_fields, newFields, at);
        Array.Copy(_sets, newSets, at);
        newFields[at] = field;
        newSets[at] = set;
        Array.Copy(_fields, at, newFields, at + 1, _fields.Length - at);
        Array.Copy(_sets, at, newSets, at + 1, _fields.Length - at);
        return new Box(newFields, newSets);
    }

    /// <summary>The intersection, or null when it is empty.</summary>
    public Box? Intersect(Box other)
    {
        var result = this;
        for (var i = 0; i < other._fields.Length; i++)
        {
            var field = other._fields[i];
            var set = other._sets[i];
            var merged = result.IndexOf(field) is var mine and >= 0 ? result._sets[mine].Intersect(set) : set;
            if (merged.IsEmpty)
            {
                return null;
            }

            result = result.With(field, merged);
        }

        return result;
    }

    /// <summary>Clips every constraint to the fields' domains; null when the box holds no value of the domain.</summary>
    public Box? Clip(IReadOnlyDictionary<int, IntervalSet> domains)
    {
        var sets = new IntervalSet[_sets.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            var clipped = domains.TryGetValue(_fields[i], out var domain) ? _sets[i].Intersect(domain) : _sets[i];
            if (clipped.IsEmpty)
            {
                return null;
            }

            sets[i] = clipped;
        }

        return new Box(_fields, sets);
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
        for (var i = 0; i < other._fields.Length; i++)
        {
            var field = other._fields[i];
            var set = other._sets[i];
            var current = rest.Get(field, domains[field]);
            var outside = current.Minus(set);
            if (!outside.IsEmpty)
            {
                yield return rest.With(field, outside);
            }

            var inside = current.Intersect(set);
            if (inside.IsEmpty)
            {
                yield break;
            }

            rest = rest.With(field, inside);
        }
    }

    private int IndexOf(int field)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (_fields[i] == field)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A union of boxes: the facts a condition matches, in disjunctive normal form.</summary>
internal sealed record Region(ImmutableArray<Box> Boxes)
{
    public static readonly Region Empty = new(ImmutableArray<Box>.Empty);
    public static readonly Region All = new([Box.All]);

    public bool IsEmpty => Boxes.IsEmpty;

    public Region Union(Region other) => new(Boxes.AddRange(other.Boxes));

    /// <summary>The intersection; null when it grows beyond <paramref name="limit"/> boxes or the budget (when given) runs out.</summary>
    public Region? Intersect(Region other, int limit, AnalysisBudget? budget = null)
    {
        var result = ImmutableArray.CreateBuilder<Box>();
        foreach (var a in Boxes)
        {
            foreach (var b in other.Boxes)
            {
                if (budget?.Spend() == false)
                {
                    return null;
                }

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

    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    public Region Clip(IReadOnlyDictionary<int, IntervalSet> domains)
    {
        var result = ImmutableArray.CreateBuilder<Box>(Boxes.Length);
        foreach (var box in Boxes)
        {
            if (box.Clip(domains) is { } clipped)
            {
                result.Add(clipped);
            }
        }

        return new Region(result.ToImmutable());
    }

    /// <summary>This region minus another; null when the result grows beyond <paramref name="limit"/> boxes or the budget (when given) runs out.</summary>
    public Region? Minus(Region other, IReadOnlyDictionary<int, IntervalSet> domains, int limit, AnalysisBudget? budget = null)
    {
        var current = Boxes.ToList();
        foreach (var cut in other.Boxes)
        {
            var next = new List<Box>();
            foreach (var box in current)
            {
                if (budget?.Spend() == false)
                {
                    return null;
                }

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
