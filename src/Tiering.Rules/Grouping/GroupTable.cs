using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Grouping;

/// <summary>
/// The running state of every group of one run, by group id (0, 1, … in order of first appearance): its key, members
/// counted and excluded, each aggregate's sums, counts and extremes, the values of its constant fields (and the first
/// disagreement). Struct storage in arrays that grow by doubling (a group's aggregates side by side, so one member touches one
/// or two cache lines), so a book of a million loans and two hundred thousand debtors makes a handful of arrays rather
/// than a dozen objects per debtor for the collector to trace. Not
/// thread-safe (one run owns it).
/// </summary>
internal sealed class GroupTable
{
    private readonly int _n;
    private readonly int _constantCount;
    private string[] _keys = new string[16];
    private string[]?[] _keyValues = new string[16][];
    private Row[] _rows = new Row[16];
    private Accumulator[] _accumulators;
    private RuntimeValue[] _constants;
    private Dictionary<int, FieldError>? _conflicts;
    private List<MemberEvidence>?[]? _evidence;

    public GroupTable(GroupPlan plan, bool explain)
    {
        Plan = plan;
        _n = plan.AggregateCount;
        _constantCount = plan.Group.Constant.Length;
        _accumulators = new Accumulator[16 * _n];
        _constants = new RuntimeValue[16 * Math.Max(0, _constantCount - 1)];
        _evidence = explain ? new List<MemberEvidence>?[16] : null;
    }

    public GroupPlan Plan { get; }

    /// <summary>Groups in the table.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the table keeps, per group, every member and what it gave each aggregate (an explaining run).</summary>
    public bool Explains => _evidence is not null;

    /// <summary>Adds a group; its id is the count before.</summary>
    /// <param name="key">The key (<see cref="GroupPlan.Join"/> of the values).</param>
    /// <param name="keyValues">The key values, or null for a single key field (the key is the value).</param>
    /// <param name="firstIndex">The input index of the group's first record.</param>
    public int Add(string key, string[]? keyValues, int firstIndex)
    {
        var id = Count;
        if (id == _keys.Length)
        {
            Grow();
        }

        _keys[id] = key;
        _keyValues[id] = keyValues;
        _rows[id] = new Row { FirstIndex = firstIndex };
        Array.Clear(_accumulators, id * _n, _n);
        if (_evidence is not null)
        {
            _evidence[id] = [];
        }

        Count++;
        return id;
    }

    /// <summary>Forgets every group (sorted input: the groups so far are decided and emitted); ids start at 0 again.</summary>
    public void Clear()
    {
        Array.Clear(_keys, 0, Count);
        Array.Clear(_keyValues, 0, Count);
        if (_evidence is not null)
        {
            Array.Clear(_evidence, 0, Count);
        }

        _conflicts?.Clear();
        Count = 0;
    }

    /// <summary>Makes room for <paramref name="groups"/> groups at once (a run that numbers its groups after pass one knows how many), so the arrays are not copied as they grow.</summary>
    public void EnsureCapacity(int groups)
    {
        if (groups > _keys.Length)
        {
            Resize(groups);
        }
    }

    private void Grow() => Resize(_keys.Length * 2);

    private void Resize(int size)
    {
        Array.Resize(ref _keys, size);
        Array.Resize(ref _keyValues, size);
        Array.Resize(ref _rows, size);
        Array.Resize(ref _accumulators, size * _n);
        Array.Resize(ref _constants, size * Math.Max(0, _constantCount - 1));
        if (_evidence is not null)
        {
            Array.Resize(ref _evidence, size);
        }
    }

    public string Key(int group) => _keys[group];

    public string[] KeyValues(int group) => _keyValues[group] ?? [_keys[group]];

    /// <summary>The input index of the group's first record (first-appearance order).</summary>
    public int FirstIndex(int group) => _rows[group].FirstIndex;

    /// <summary>Valid members counted in the aggregates.</summary>
    public int Members(int group) => _rows[group].Members;

    /// <summary>Members that failed validation: not counted.</summary>
    public int Excluded(int group) => _rows[group].Excluded;

    /// <summary>The first constant field two members disagree on, or null.</summary>
    public FieldError? Conflict(int group) => _conflicts is { } conflicts && conflicts.TryGetValue(group, out var conflict) ? conflict : null;

    /// <summary>When the run explains itself: every member in input order, with what it gave each aggregate.</summary>
    public List<MemberEvidence> Evidence(int group) => _evidence![group]!;

    public void Exclude(int group, int index)
    {
        _rows[group].Excluded++;
        _evidence?[group]!.Add(new MemberEvidence(index, null, null));
    }

    /// <summary>Counts a valid member (record <paramref name="index"/>) whose member conditions gave <paramref name="holds"/>.</summary>
    public void AddMember(int group, Frame frame, bool[] holds, int index)
    {
        if (_evidence is not null)
        {
            var values = new decimal[_n];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Plan.ValueOf(frame, i);
            }

            _evidence[group]!.Add(new MemberEvidence(index, values, (bool[])holds.Clone()));
        }

        CountMember(group, new FrameMember(Plan, frame, holds));
    }

    /// <summary>
    /// Counts a valid member kept as snapshot <paramref name="at"/>, whose member conditions met are the bits of
    /// <paramref name="holds"/> (aggregate i, bit i), read from the snapshot as they would be from its frame put back.
    /// </summary>
    public void AddMember(int group, FrameSnapshots snapshots, int at, ulong holds) => CountMember(group, new SnapshotMember(Plan, snapshots, at, holds));

    private void CountMember<TMember>(int group, TMember member)
        where TMember : struct, IMember
    {
        if (_constantCount > 0)
        {
            CheckConstants(group, member);
        }

        var aggregates = Plan.Group.Aggregates;
        var accumulators = _accumulators.AsSpan(group * _n, _n);
        for (var i = 0; i < accumulators.Length; i++)
        {
            ref var a = ref accumulators[i];
            var value = member.ValueOf(i);
            var kind = aggregates[i].Kind;
            if (kind == GroupAggregateKind.Share)
            {
                a.Sum += value;
                if (member.Holds(i))
                {
                    a.Other += value; // the part
                    a.Count++;
                }

                continue;
            }

            if (!member.Holds(i))
            {
                continue;
            }

            if (a.Count == 0 || (kind == GroupAggregateKind.Min ? value < a.Other : value > a.Other))
            {
                a.Other = value; // the extreme, for min and max
            }

            a.Sum += value;
            a.Count++;
        }

        _rows[group].Members++;
    }

    /// <summary>
    /// Adds the fired set (of up to 64 rules) of a counted member's chained decision to aggregate
    /// <paramref name="aggregate"/>'s evidence; <see cref="RuleMask"/> gives the union.
    /// </summary>
    public void AddRuleMask(int group, int aggregate, ulong fired) => _accumulators[(group * _n) + aggregate].RuleMask |= fired;

    /// <summary>The union of the fired sets added with <see cref="AddRuleMask"/>.</summary>
    public ulong RuleMask(int group, int aggregate) => _accumulators[(group * _n) + aggregate].RuleMask;

    private void CheckConstants<TMember>(int group, TMember member)
        where TMember : struct, IMember
    {
        var constant = Plan.Group.Constant;
        ref var row = ref _rows[group];
        for (var i = 0; i < constant.Length; i++)
        {
            var value = member.Read(constant[i]);
            ref var kept = ref i == 0 ? ref row.Constant0 : ref _constants[(group * (_constantCount - 1)) + i - 1];
            if (row.Members == 0)
            {
                kept = value;
            }
            else if (value != kept && Conflict(group) is null)
            {
                var first = GroupPlan.Text(constant[i], kept);
                var other = GroupPlan.Text(constant[i], value);
                (_conflicts ??= [])[group] = new FieldError(
                    constant[i].Name,
                    $"'{constant[i].Name}' must be the same for every member of group {Describe(group)}, but members have {first} and {other}",
                    FieldErrorKind.ConstantConflict);
            }
        }
    }

    /// <summary>The value of constant field <paramref name="index"/> (of <see cref="GroupDefinition.Constant"/>), as the members agree on it.</summary>
    public RuntimeValue Constant(int group, int index) =>
        index == 0 ? _rows[group].Constant0 : _constants[(group * (_constantCount - 1)) + index - 1];

    /// <summary>The group's whole for a share over the input: the sum of the aggregate's field over its valid members.</summary>
    public decimal WholeOf(int group, int aggregate) => _accumulators[(group * _n) + aggregate].Sum;

    /// <summary>The key for people: <c>debtorId = D1</c>, or several such joined by commas.</summary>
    public string Describe(int group)
    {
        var values = KeyValues(group);
        var parts = new string[values.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{Plan.Group.Key[i].Name} = {values[i]}";
        }

        return string.Join(", ", parts);
    }

    /// <summary>
    /// Every aggregate's value and evidence once all members are in. A share's whole is the group's sum, or
    /// <paramref name="inputWholes"/>[i] for a share over the whole input; a share of a zero whole, and a min, max or avg
    /// over no member, are missing and say why. Values are normalised (trailing zeros dropped). <paramref name="ruleIds"/>[i] are the member rules behind aggregate i (or
    /// null for none).
    /// </summary>
    public AggregateResult[] Results(int group, decimal[]? inputWholes, IReadOnlyList<string>?[]? ruleIds)
    {
        var results = new AggregateResult[_n];
        Results(group, inputWholes, ruleIds, results);
        return results;
    }

    /// <summary>As <see cref="Results(int, decimal[], IReadOnlyList{string}[])"/>, into <paramref name="results"/> (one per aggregate).</summary>
    public void Results(int group, decimal[]? inputWholes, IReadOnlyList<string>?[]? ruleIds, Span<AggregateResult> results)
    {
        var aggregates = Plan.Group.Aggregates;
        var accumulators = _accumulators.AsSpan(group * _n, _n);
        for (var i = 0; i < results.Length; i++)
        {
            var a = aggregates[i];
            var ids = ruleIds?[i] ?? [];
            var acc = accumulators[i];
            var count = acc.Count;
            switch (a.Kind)
            {
                case GroupAggregateKind.Sum:
                    results[i] = new AggregateResult(Normalize(acc.Sum), count, null, null, null, ids);
                    break;
                case GroupAggregateKind.Count:
                    results[i] = new AggregateResult(count, count, null, null, null, ids);
                    break;
                case GroupAggregateKind.Share:
                    var whole = a.OverInput ? inputWholes![i] : acc.Sum;
                    results[i] = whole == 0
                        ? new AggregateResult(null, count, acc.Other, whole, $"the share is missing: the total {a.Of!.Name} {(a.OverInput ? "over the whole input" : "of the group")} is 0", ids)
                        : new AggregateResult(Normalize(acc.Other / whole), count, acc.Other, whole, null, ids);
                    break;
                default:
                    if (count == 0)
                    {
                        results[i] = new AggregateResult(null, 0, null, null, $"no member {(a.Where is null ? "was counted" : "meets the condition")}, so {a.Kind.ToString().ToLowerInvariant()} is missing", ids);
                    }
                    else
                    {
                        var value = Normalize(a.Kind == GroupAggregateKind.Avg ? acc.Sum / count : acc.Other);
                        results[i] = new AggregateResult(value, count, null, null, null, ids);
                    }

                    break;
            }
        }

    }

    /// <summary>The same value at the smallest scale that holds it (1000.00 → 1000), as decisions report it and members' frames get it.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>What the table reads of a member it counts: the number each aggregate reads, the conditions met, a constant field's value.</summary>
    private interface IMember
    {
        decimal ValueOf(int aggregate);

        bool Holds(int aggregate);

        RuntimeValue Read(FieldDefinition field);
    }

    /// <summary>A member in its bound frame.</summary>
    private readonly struct FrameMember(GroupPlan plan, Frame frame, bool[] holds) : IMember
    {
        public decimal ValueOf(int aggregate) => plan.ValueOf(frame, aggregate);

        public bool Holds(int aggregate) => holds[aggregate];

        public RuntimeValue Read(FieldDefinition field) => frame.Read(field);
    }

    /// <summary>A member kept as a snapshot of its bound frame (read where it lies, not put back into a frame).</summary>
    private readonly struct SnapshotMember(GroupPlan plan, FrameSnapshots snapshots, int at, ulong holds) : IMember
    {
        public decimal ValueOf(int aggregate) => plan.Group.Aggregates[aggregate].Of is { } of ? snapshots.NumberOf(at, of) : 0;

        public bool Holds(int aggregate) => (holds & (1UL << aggregate)) != 0;

        public RuntimeValue Read(FieldDefinition field) => snapshots.Read(at, field);
    }

    /// <summary>A group's counts, first record and first constant value.</summary>
    private struct Row
    {
        /// <summary>The first constant field's value (the others are in <see cref="_constants"/>): beside the counts, so a member touches one line.</summary>
        public RuntimeValue Constant0;
        public int FirstIndex;
        public int Members;
        public int Excluded;
    }

    /// <summary>One aggregate of one group: the sum, the part (a share) or the extreme (min, max), the members counted, the member rules behind it.</summary>
    private struct Accumulator
    {
        public decimal Sum;
        public decimal Other;
        public int Count;
        public ulong RuleMask;
    }
}

/// <summary>What one member gave a group's aggregates (null values: it was excluded), for explaining a run.</summary>
internal sealed record MemberEvidence(int Index, decimal[]? Values, bool[]? Holds);
