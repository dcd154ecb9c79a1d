using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Grouping;

/// <summary>
/// The running state of one group: its key, members counted and excluded, each aggregate's sums, counts and extremes,
/// the values of its constant fields (and the first disagreement), and the member rule ids behind conditions that read
/// chained decisions. One per group, so memory grows with the groups, not the facts. Not thread-safe (one run owns it).
/// </summary>
internal sealed class GroupAccumulator
{
    private readonly decimal[] _sum;
    private readonly decimal[] _part;
    private readonly decimal[] _min;
    private readonly decimal[] _max;
    private readonly int[] _count;
    private readonly RuntimeValue[]? _constants;
    private SortedSet<string>?[]? _ruleIds;

    public GroupAccumulator(GroupPlan plan, string key, string[] keyValues, int firstIndex)
    {
        Plan = plan;
        Key = key;
        KeyValues = keyValues;
        FirstIndex = firstIndex;
        var n = plan.AggregateCount;
        _sum = new decimal[n];
        _part = new decimal[n];
        _min = new decimal[n];
        _max = new decimal[n];
        _count = new int[n];
        _constants = plan.Group.Constant.Length == 0 ? null : new RuntimeValue[plan.Group.Constant.Length];
    }

    public GroupPlan Plan { get; }

    public string Key { get; }

    public string[] KeyValues { get; }

    /// <summary>The input index of the group's first record (first-appearance order).</summary>
    public int FirstIndex { get; }

    /// <summary>Valid members counted in the aggregates.</summary>
    public int Members { get; private set; }

    /// <summary>Members that failed validation: not counted.</summary>
    public int Excluded { get; private set; }

    /// <summary>The first constant field two members disagree on, or null.</summary>
    public FieldError? Conflict { get; private set; }

    /// <summary>
    /// What the façade made of this group once it was complete (its public description and aggregate results), kept here
    /// so that members find it without a lookup; typed loosely because the façade's types are a later layer.
    /// </summary>
    public object? Tag { get; set; }

    /// <summary>The last member decision made for this group and what it became as one of the group, for members with the same outcome.</summary>
    public object? LastOutcome { get; set; }

    /// <inheritdoc cref="LastOutcome"/>
    public object? LastWrapped { get; set; }

    /// <summary>When a run explains itself: every member in input order, with what it gave each aggregate.</summary>
    public List<MemberEvidence>? Evidence { get; init; }

    public void Exclude(int index)
    {
        Excluded++;
        Evidence?.Add(new MemberEvidence(index, null, null));
    }

    /// <summary>Counts a valid member (record <paramref name="index"/>) whose member conditions gave <paramref name="holds"/>.</summary>
    public void Add(Frame frame, bool[] holds, int index)
    {
        if (Evidence is not null)
        {
            var values = new decimal[_sum.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Plan.ValueOf(frame, i);
            }

            Evidence.Add(new MemberEvidence(index, values, (bool[])holds.Clone()));
        }

        if (_constants is not null)
        {
            CheckConstants(frame);
        }

        for (var i = 0; i < _sum.Length; i++)
        {
            var value = Plan.ValueOf(frame, i);
            var kind = Plan.Group.Aggregates[i].Kind;
            if (kind == GroupAggregateKind.Share)
            {
                _sum[i] += value;
                if (holds[i])
                {
                    _part[i] += value;
                    _count[i]++;
                }

                continue;
            }

            if (!holds[i])
            {
                continue;
            }

            if (_count[i] == 0 || value < _min[i])
            {
                _min[i] = value;
            }

            if (_count[i] == 0 || value > _max[i])
            {
                _max[i] = value;
            }

            _sum[i] += value;
            _count[i]++;
        }

        Members++;
    }

    /// <summary>Records the rule ids of a member's chained decision behind aggregate <paramref name="aggregate"/>.</summary>
    public void AddRuleIds(int aggregate, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        _ruleIds ??= new SortedSet<string>?[_sum.Length];
        var set = _ruleIds[aggregate] ??= new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            set.Add(id);
        }
    }

    private void CheckConstants(Frame frame)
    {
        var constant = Plan.Group.Constant;
        for (var i = 0; i < constant.Length; i++)
        {
            var value = frame.Read(constant[i]);
            if (Members == 0)
            {
                _constants![i] = value;
            }
            else if (Conflict is null && value != _constants![i])
            {
                var first = GroupPlan.Text(constant[i], _constants[i]);
                var other = GroupPlan.Text(constant[i], value);
                Conflict = new FieldError(
                    constant[i].Name,
                    $"'{constant[i].Name}' must be the same for every member of group {Describe()}, but members have {first} and {other}",
                    FieldErrorKind.ConstantConflict);
            }
        }
    }

    /// <summary>The value of constant field <paramref name="index"/> (of <see cref="GroupDefinition.Constant"/>), as the members agree on it.</summary>
    public RuntimeValue Constant(int index) => _constants![index];

    /// <summary>The group's whole for a share over the input: the sum of the aggregate's field over its valid members.</summary>
    public decimal WholeOf(int aggregate) => _sum[aggregate];

    /// <summary>The key for people: <c>debtorId = D1</c>, or several such joined by commas.</summary>
    public string Describe()
    {
        var parts = new string[KeyValues.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{Plan.Group.Key[i].Name} = {KeyValues[i]}";
        }

        return string.Join(", ", parts);
    }

    /// <summary>
    /// Every aggregate's value and evidence once all members are in. A share's whole is the group's sum, or
    /// <paramref name="inputWholes"/>[i] for a share over the whole input; a share of a zero whole, and a min, max or avg
    /// over no member, are missing and say why.
    /// </summary>
    public AggregateResult[] Results(decimal[]? inputWholes)
    {
        var aggregates = Plan.Group.Aggregates;
        var results = new AggregateResult[aggregates.Length];
        for (var i = 0; i < results.Length; i++)
        {
            var a = aggregates[i];
            var ids = _ruleIds?[i] is { } set ? (IReadOnlyList<string>)[.. set] : [];
            switch (a.Kind)
            {
                case GroupAggregateKind.Sum:
                    results[i] = new AggregateResult(_sum[i], _count[i], null, null, null, ids);
                    break;
                case GroupAggregateKind.Count:
                    results[i] = new AggregateResult(_count[i], _count[i], null, null, null, ids);
                    break;
                case GroupAggregateKind.Share:
                    var whole = a.OverInput ? inputWholes![i] : _sum[i];
                    results[i] = whole == 0
                        ? new AggregateResult(null, _count[i], _part[i], whole, $"the share is missing: the total {a.Of!.Name} {(a.OverInput ? "over the whole input" : "of the group")} is 0", ids)
                        : new AggregateResult(_part[i] / whole, _count[i], _part[i], whole, null, ids);
                    break;
                default:
                    if (_count[i] == 0)
                    {
                        results[i] = new AggregateResult(null, 0, null, null, $"no member {(a.Where is null ? "was counted" : "meets the condition")}, so {a.Kind.ToString().ToLowerInvariant()} is missing", ids);
                    }
                    else
                    {
                        var value = a.Kind == GroupAggregateKind.Min ? _min[i] : a.Kind == GroupAggregateKind.Max ? _max[i] : _sum[i] / _count[i];
                        results[i] = new AggregateResult(value, _count[i], null, null, null, ids);
                    }

                    break;
            }
        }

        return results;
    }
}

/// <summary>What one member gave a group's aggregates (null values: it was excluded), for explaining a run.</summary>
internal sealed record MemberEvidence(int Index, decimal[]? Values, bool[]? Holds);
