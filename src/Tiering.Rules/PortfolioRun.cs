using System.Collections.Immutable;
using Tiering.Rules.Grouping;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// One run of a group policy over many facts (<see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>).
/// Pass one binds each fact (and decides the policies it depends on), puts valid members into their group's
/// accumulator and excludes invalid ones; once a group is complete (at the end of the input, or when the next key
/// starts in sorted input), pass two decides: each member again with the group's aggregates written into its frame
/// (a policy that decides each member), or the group fact with the policy it names (one that decides each group).
/// Member decisions come out in input order, group decisions in order of first appearance, an invalid member's own
/// decision at its place. Holds per pending fact two references; per group one accumulator. Not thread-safe: one run,
/// one thread.
/// </summary>
internal sealed class PortfolioRun
{
    private readonly IPortfolioHost _set;
    private readonly PolicyEvaluator _policy;
    private readonly GroupPlan _plan;
    private readonly DateOnly? _asOf;
    private readonly Action<Decision> _emit;
    private readonly bool _sorted;
    private readonly bool _decidesGroups;
    private readonly bool _waitForInput;
    private readonly bool[] _holds;
    private readonly Decision?[] _dependencies;

    private readonly Dictionary<string, GroupAccumulator> _groups = new(StringComparer.Ordinal);

    /// <summary>What is still to be emitted, in order: for members, each fact (or its invalid decision) and its group; for groups, each group's first appearance or an invalid member.</summary>
    private readonly List<object> _pending = [];
    private readonly List<GroupAccumulator?> _pendingGroup = [];

    /// <summary>
    /// Per pending valid member of a policy that reads other policies' decisions: those decisions from pass one (the
    /// decision itself for one dependency, a copy of the array for several), so pass two does not decide them again.
    /// </summary>
    private readonly List<object?>? _pendingDependencies;

    /// <summary>Pass two's scratch for a member's known dependency (one).</summary>
    private readonly Decision?[] _known;

    private GroupAccumulator? _current;
    private int _index;

    /// <summary>When the run explains itself: each decision's trace, in the order emitted, with the record or group it is for.</summary>
    private readonly List<(DecisionTrace Trace, int Record, GroupAccumulator? Group)>? _traces;
    private readonly List<int>? _pendingIndex;
    private readonly int _versionCount;

    public PortfolioRun(IPortfolioHost set, PolicyEvaluator policy, DateOnly? asOf, Action<Decision> emit, bool sorted, int versionCount, bool explain = false)
    {
        _versionCount = versionCount;
        if (explain)
        {
            _traces = [];
            _pendingIndex = [];
        }

        _set = set;
        _policy = policy;
        _plan = policy.Group!;
        _asOf = asOf;
        _emit = emit;
        _sorted = sorted;
        _decidesGroups = _plan.Group.DecidesGroups;
        _waitForInput = _plan.Group.HasInputAggregates;
        _holds = new bool[_plan.AggregateCount];
        _dependencies = new Decision?[policy.Definition.DecisionRefs.Length];
        _known = new Decision?[_dependencies.Length];
        _pendingDependencies = _dependencies.Length > 0 && !_plan.Group.DecidesGroups ? [] : null;
        if (sorted && _waitForInput && !_decidesGroups)
        {
            throw new ArgumentException(
                $"policy '{policy.Definition.Id}' divides by a total over the whole input, so no member can be decided before the input ends; it cannot stream sorted input (drop the sorted option)",
                nameof(sorted));
        }
    }

    /// <summary>Reads one fact (pass one).</summary>
    public void Add(object fact)
    {
        var index = _index++;
        var frame = _policy.Rent();
        _set.BindWithDependencies(_policy, fact, _asOf, frame, _dependencies);
        GroupAccumulator? group = null;
        Decision? invalid = null;
        if (frame.Errors is { Count: > 0 } errors)
        {
            invalid = Decision.Invalid(_policy, _asOf, errors);
            if (_plan.HasKey(frame))
            {
                group = GroupOf(frame, index);
                group.Exclude(index);
            }
        }
        else if (!_plan.Evaluate(frame, _holds, out var error))
        {
            invalid = Decision.Invalid(_policy, _asOf, [error!]);
            group = GroupOf(frame, index);
            group.Exclude(index);
        }
        else
        {
            group = GroupOf(frame, index);
            group.Add(frame, _holds, index);
            AddEvidence(group);
        }

        FramePool.GiveBack(frame);
        if (!_decidesGroups)
        {
            _pending.Add(invalid ?? fact);
            _pendingGroup.Add(group);
            _pendingIndex?.Add(index);
            _pendingDependencies?.Add(invalid is not null ? null : _dependencies.Length == 1 ? _dependencies[0] : _dependencies.Clone());
        }
        else if (invalid is not null)
        {
            _pending.Add(invalid);
            _pendingGroup.Add(group);
            _pendingIndex?.Add(index);
        }
    }

    /// <summary>The traces of an explaining run, as text: each group with its aggregates and the members behind them, then each decision.</summary>
    public PortfolioTrace Trace()
    {
        var sb = new System.Text.StringBuilder();
        var shown = new HashSet<GroupAccumulator>(ReferenceEqualityComparer.Instance);
        var traces = new List<DecisionTrace>(_traces!.Count);
        foreach (var (trace, record, group) in _traces)
        {
            traces.Add(trace);
            if (group is not null && shown.Add(group) && trace.Decision.Group is { } info)
            {
                DecisionTrace.AppendGroup(sb, info);
                AppendMembers(sb, group);
                sb.AppendLine();
            }

            sb.AppendLine(_decidesGroups && trace.Decision.Status != DecisionStatus.Invalid || record < 0
                ? $"== group {group?.Describe()}"
                : $"== record {record + 1}{(group is null ? string.Empty : $" ({group.Describe()})")}");
            sb.AppendLine(trace.ToString());
        }

        return new PortfolioTrace(traces, sb.ToString());
    }

    private void AppendMembers(System.Text.StringBuilder sb, GroupAccumulator group)
    {
        sb.AppendLine("  members behind the aggregates:");
        var aggregates = _plan.Group.Aggregates;
        foreach (var member in group.Evidence!)
        {
            if (member.Values is null)
            {
                sb.AppendLine($"    record {member.Index + 1}: invalid, excluded");
                continue;
            }

            var parts = new List<string>();
            for (var i = 0; i < aggregates.Length; i++)
            {
                var a = aggregates[i];
                var value = a.Of is null ? string.Empty : $"{a.Of.Name} = {AggregateValue.Format(member.Values[i])}";
                var counted = a.Where is null && a.Kind != GroupAggregateKind.Share ? string.Empty : member.Holds![i] ? "counted" : "not counted";
                if (value.Length + counted.Length > 0)
                {
                    parts.Add($"{a.Name}: {value}{(value.Length > 0 && counted.Length > 0 ? ", " : string.Empty)}{(a.Kind == GroupAggregateKind.Share ? (member.Holds![i] ? "in the part" : "whole only") : counted)}");
                }
            }

            sb.AppendLine($"    record {member.Index + 1}: {string.Join("; ", parts)}");
        }
    }

    /// <summary>Adds every fact in order (a null one is an <see cref="ArgumentNullException"/> naming <c>facts</c>), then completes the run.</summary>
    public void Run<TFact>(IEnumerable<TFact> facts)
        where TFact : notnull
    {
        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact, nameof(facts));
            Add(fact);
        }

        Complete();
    }

    /// <summary>Decides what is still pending once the input has ended (pass two).</summary>
    public void Complete()
    {
        Flush();
        _current = null;
    }

    private GroupAccumulator GroupOf(Frame frame, int index)
    {
        var key = _plan.KeyOf(frame);
        if (_current is not null && _current.Key == key)
        {
            return _current;
        }

        if (!_sorted && _groups.TryGetValue(key, out var seen))
        {
            _current = seen;
            return seen;
        }

        var values = _plan.KeyValuesOf(frame);

        if (_sorted)
        {
            if (_current is not null)
            {
                if (string.CompareOrdinal(key, _current.Key) < 0)
                {
                    throw new InvalidDataException(
                        $"record {index + 1}: key {Describe(values)} comes after {_current.Describe()}, but the input was said to be sorted by {string.Join(", ", _plan.Group.Key.Select(k => k.Name))} (ascending, in ordinal order: sort with LC_ALL=C); decisions already written stand, the rest were not made");
                }

                if (!_waitForInput)
                {
                    Flush();
                }
            }
        }

        var group = new GroupAccumulator(_plan, key, values, index) { Evidence = _traces is null ? null : [] };
        if (!_sorted || _waitForInput)
        {
            _groups[key] = group;
        }

        if (_decidesGroups)
        {
            _pending.Add(group);
            _pendingGroup.Add(group);
            _pendingIndex?.Add(-1);
        }

        _current = group;
        return group;
    }

    private string Describe(string[] values)
    {
        var parts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            parts[i] = $"{_plan.Group.Key[i].Name} = {values[i]}";
        }

        return string.Join(", ", parts);
    }

    /// <summary>For member conditions over chained decisions: the rules of the decisions that put this member in.</summary>
    private void AddEvidence(GroupAccumulator group)
    {
        for (var i = 0; i < _holds.Length; i++)
        {
            if (_holds[i] && _plan.WhereReadsDecisions[i])
            {
                foreach (var k in _plan.WhereDecisionRefs[i])
                {
                    if (k >= 0 && _dependencies[k] is { } dependency)
                    {
                        group.AddRuleIds(i, dependency.FiredRuleIds);
                    }
                }
            }
        }
    }

    /// <summary>Decides and emits everything pending, in order.</summary>
    private void Flush()
    {
        var wholes = _waitForInput ? InputWholes() : null;
        for (var i = 0; i < _pending.Count; i++)
        {
            var item = _pending[i];
            var group = _pendingGroup[i];
            var info = group is null ? default : Info(group);
            var record = _pendingIndex?[i] ?? -1;
            switch (item)
            {
                case Decision invalid:
                    Emit(info.Info is null ? invalid : invalid.WithGroup(info.Info, null), null, record, group);
                    break;
                case GroupAccumulator accumulator:
                    var decidedGroup = DecideGroup(accumulator, info.Info, info.Results, out var delegateTrace);
                    Emit(decidedGroup, delegateTrace?.WithDecision(decidedGroup), record, group);
                    break;
                default:
                    if (group!.Conflict is { } conflict)
                    {
                        Emit(Decision.Invalid(_policy, _asOf, [conflict]).WithGroup(info.Info, null), null, record, group);
                        break;
                    }

                    if (_traces is not null)
                    {
                        var traced = DecideMember(item, info.Results, Dependencies(i), out var frame).WithGroup(info.Info, null);
                        Emit(traced, TraceBuilder.Build(traced, frame, _versionCount), record, group);
                        break;
                    }

                    // Equal outcomes share a decision, so members of one group with the same outcome share its group copy.
                    var decided = DecideMember(item, info.Results, Dependencies(i), out _);
                    if (!ReferenceEquals(decided, group.LastOutcome))
                    {
                        group.LastOutcome = decided;
                        group.LastWrapped = decided.WithGroup(info.Info, null);
                    }

                    _emit((Decision)group.LastWrapped!);
                    break;
            }
        }

        _pending.Clear();
        _pendingGroup.Clear();
        _pendingIndex?.Clear();
        _pendingDependencies?.Clear();

        (DecisionGroup Info, AggregateResult[] Results) Info(GroupAccumulator group)
        {
            if (group.Tag is not GroupInfo info)
            {
                var results = group.Results(wholes);
                info = new GroupInfo(ToPublic(group, results), results);
                group.Tag = info;
            }

            return (info.Info, info.Results);
        }
    }

    private void Emit(Decision decision, DecisionTrace? trace, int record, GroupAccumulator? group)
    {
        _traces?.Add((trace ?? TraceBuilder.Build(decision, null, _versionCount), record, group));
        _emit(decision);
    }

    /// <summary>Per share over the whole input: the sum over every valid member of every group that has no conflict.</summary>
    private decimal[] InputWholes()
    {
        var wholes = new decimal[_plan.AggregateCount];
        foreach (var group in _groups.Values)
        {
            if (group.Conflict is null)
            {
                for (var i = 0; i < wholes.Length; i++)
                {
                    wholes[i] += group.WholeOf(i);
                }
            }
        }

        return wholes;
    }

    /// <summary>Decides a valid member again, this time with its group's aggregates in its frame.</summary>
    /// <summary>Pass one's decisions of the policies pending member <paramref name="i"/> depends on, or null when it has none.</summary>
    private Decision?[]? Dependencies(int i)
    {
        switch (_pendingDependencies?[i])
        {
            case Decision one:
                // Not _dependencies: in sorted input pass two runs inside pass one of the next group's first member.
                _known[0] = one;
                return _known;
            case Decision?[] several:
                return several;
            default:
                return null;
        }
    }

    private Decision DecideMember(object fact, AggregateResult[] results, Decision?[]? dependencies, out Frame? kept)
    {
        // An explaining run keeps each member's frame for its trace; otherwise the thread's frame is reused.
        var frame = _traces is null ? _policy.Rent() : _policy.NewFrame();
        _set.BindWithDependencies(_policy, fact, _asOf, frame, dependencies, known: dependencies is not null);
        _plan.Write(frame, results);
        var decision = _set.Evaluate(_policy, fact, frame, _asOf);
        kept = _traces is null ? null : frame;
        if (_traces is null)
        {
            FramePool.GiveBack(frame);
        }

        return decision;
    }

    /// <summary>Decides a group: its fact (key, constant fields, aggregates by name) by the policy the group names.</summary>
    private Decision DecideGroup(GroupAccumulator group, DecisionGroup info, AggregateResult[] results, out DecisionTrace? trace)
    {
        trace = null;
        if (group.Conflict is { } conflict)
        {
            return Decision.Invalid(_policy, _asOf, [conflict]).WithGroup(info, null);
        }

        if (group.Members == 0)
        {
            return Decision.Invalid(_policy, _asOf, [new FieldError("(members)", $"every member of group {group.Describe()} failed validation ({group.Excluded} excluded), so it has nothing to decide", FieldErrorKind.Dependency)])
                .WithGroup(info, null);
        }

        var fact = new Dictionary<string, object?>(StringComparer.Ordinal);
        var definition = _plan.Group;
        for (var i = 0; i < definition.Key.Length; i++)
        {
            fact[definition.Key[i].Name] = group.KeyValues[i];
        }

        for (var i = 0; i < definition.Constant.Length; i++)
        {
            fact[definition.Constant[i].Name] = group.Constant(i).ToObject(definition.Constant[i]);
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Value is { } value)
            {
                fact[definition.Aggregates[i].Name] = AggregateValue.Normalize(value);
            }
        }

        if (_traces is not null)
        {
            trace = _set.ExplainWith(definition.DecideWith!, fact, _asOf);
        }

        var decision = trace?.Decision ?? _set.DecideWith(definition.DecideWith!, fact, _asOf);
        if (decision.Status == DecisionStatus.Invalid)
        {
            decision = Decision.Invalid(_policy, _asOf, Explained(decision.Errors, results));
            trace = null;
        }

        return decision.WithGroup(info, _policy);
    }

    /// <summary>An error about a missing aggregate says why it is missing.</summary>
    private IReadOnlyList<FieldError> Explained(IReadOnlyList<FieldError> errors, AggregateResult[] results)
    {
        var explained = new List<FieldError>(errors.Count);
        foreach (var error in errors)
        {
            var i = IndexOfAggregate(error.Field);
            explained.Add(i >= 0 && results[i].WhyMissing is { } why && error.Kind == FieldErrorKind.Missing
                ? new FieldError(error.Field, $"aggregate '{error.Field}' is missing: {why}; policy '{_plan.Group.DecideWith}' needs it", FieldErrorKind.Missing)
                : error);
        }

        return explained;
    }

    private int IndexOfAggregate(string name)
    {
        var aggregates = _plan.Group.Aggregates;
        for (var i = 0; i < aggregates.Length; i++)
        {
            if (aggregates[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private DecisionGroup ToPublic(GroupAccumulator group, AggregateResult[] results)
    {
        var definition = _plan.Group;
        var values = new AggregateValue[results.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var r = results[i];
            values[i] = new AggregateValue(
                definition.Aggregates[i].Name,
                definition.Aggregates[i].Describe(),
                r.Value is { } v ? AggregateValue.Normalize(v) : null,
                r.Counted,
                r.Part is { } p ? AggregateValue.Normalize(p) : null,
                r.Whole is { } w ? AggregateValue.Normalize(w) : null,
                r.WhyMissing,
                r.RuleIds);
        }

        var keyFields = new string[definition.Key.Length];
        for (var i = 0; i < keyFields.Length; i++)
        {
            keyFields[i] = definition.Key[i].Name;
        }

        return new DecisionGroup(keyFields, group.KeyValues, group.Members, group.Excluded, values);
    }

    /// <summary>A complete group's public description and aggregate results (kept on its accumulator).</summary>
    private sealed record GroupInfo(DecisionGroup Info, AggregateResult[] Results);
}
