using System.Collections.Immutable;
using Tiering.Rules.Grouping;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// One run of a group policy over many facts (<see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>).
/// Pass one binds each fact once (and decides the policies it depends on), puts valid members into their group's
/// row of a <see cref="GroupTable"/> and excludes invalid ones, and keeps of each member only a
/// <see cref="FrameSnapshots">snapshot</see> of its bound frame (the fact itself only for a host that needs it); once a
/// group is complete (at the end of the input, or when the next key starts in sorted input), pass two decides: each
/// member's snapshot again with the group's aggregates written into it (a policy that decides each member), or the
/// group fact with the policy it names (one that decides each group). Member decisions come out in input order, group
/// decisions in order of first appearance, an invalid member's own decision at its place. Holds per pending member its
/// snapshot and a group id, per group a row of the table; a group's public description lives from its first decision
/// in pass two to its last. Not thread-safe: one run, one thread.
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
    private readonly GroupTable _table;

    /// <summary>Group ids by key; null for sorted input that is decided group by group (only the current group is open) and for a run that numbers its groups after pass one.</summary>
    private readonly Dictionary<string, int>? _groupIds;

    /// <summary>
    /// What is still to be emitted, in order: for members, the member's number (its snapshot or fact) or, negative, the
    /// complement of its invalid decision's index in <see cref="_invalids"/>; for groups, the group id at its first
    /// appearance or an invalid member.
    /// </summary>
    private readonly List<int> _pending = [];

    /// <summary>Per pending item, its group id, or -1 for an invalid member without a key.</summary>
    private readonly List<int> _pendingGroup = [];
    private readonly List<Decision> _invalids = [];

    /// <summary>Per pending valid member, the snapshot of its bound frame (when the host evaluates frames alone).</summary>
    private readonly FrameSnapshots? _snapshots;

    /// <summary>Per pending valid member, its fact (when the host needs it), and the decisions of the policies it reads from pass one.</summary>
    private readonly List<object>? _facts;
    private readonly List<object?>? _pendingDependencies;

    /// <summary>Pass two's scratch for a member's known dependency (one).</summary>
    private readonly Decision?[] _known;

    /// <summary>
    /// The member rules behind aggregates whose condition reads chained decisions: per aggregate, the policy version
    /// whose fired sets the group rows' masks hold (<see cref="GroupTable.AddRuleMask"/>) and the sorted ids of each mask
    /// seen; sets of more rules, of another version or of a second decision the condition reads go to <see cref="_ruleIdSets"/>.
    /// </summary>
    private readonly PolicyEvaluator?[]? _maskPolicies;
    private readonly Dictionary<ulong, IReadOnlyList<string>>?[]? _idsByMask;
    private Dictionary<(int Group, int Aggregate), SortedSet<string>>? _ruleIdSets;
    private readonly bool _anyWhereReadsDecisions;
    private readonly AggregateNames _names;

    /// <summary>
    /// Whether the run numbers its groups after pass one (the compiled engine, unsorted input, each member decided, one
    /// key field): pass one then touches no group at all — it keeps per member its snapshot, key, key hash, member
    /// conditions met and the chained decisions the conditions read — and pass two numbers the groups, orders the
    /// members by group (a counting sort, stable), and counts and decides one group's members together while its row
    /// is in cache, writing decisions by input index and emitting them in input order at the end. A shuffled book
    /// otherwise reaches a group's row, its aggregates and its description at random once per member per pass.
    /// </summary>
    private readonly bool _deferred;
    private readonly List<string?>? _memberKeys;
    private readonly List<int>? _memberHashes;

    /// <summary>In a deferred run's snapshot tag: the member is invalid (the low bits are its member conditions met).</summary>
    private const ulong InvalidTag = 1UL << 63;

    /// <summary>What prefetching snapshots read (kept so the reads are not dropped).</summary>
    private ulong _touched;

    private int _current = -1;
    private int _index;

    /// <summary>When the run explains itself: each decision's trace, in the order emitted, with the record and group it is for.</summary>
    private readonly List<(DecisionTrace Trace, int Record, int Group)>? _traces;
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
        _table = new GroupTable(_plan, explain);
        foreach (var reads in _plan.WhereReadsDecisions)
        {
            _anyWhereReadsDecisions |= reads;
        }

        if (_anyWhereReadsDecisions)
        {
            _maskPolicies = new PolicyEvaluator?[_plan.AggregateCount];
            _idsByMask = new Dictionary<ulong, IReadOnlyList<string>>?[_plan.AggregateCount];
        }

        if (!_decidesGroups)
        {
            if (set.EvaluatesWithFact)
            {
                _facts = [];
                _pendingDependencies = _dependencies.Length > 0 ? [] : null;
            }
            else
            {
                _deferred = !sorted && !explain && _plan.Group.Key.Length == 1 && _plan.AggregateCount < 64;
                _snapshots = new FrameSnapshots(policy.Compiled.Layout, _deferred && _anyWhereReadsDecisions ? _dependencies.Length : 0);
                if (_deferred)
                {
                    _memberKeys = [];
                    _memberHashes = [];
                }
            }
        }

        _groupIds = (!sorted || _waitForInput) && !_deferred ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        _names = new AggregateNames(_plan.Group);
        if (sorted && _waitForInput && !_decidesGroups)
        {
            throw new ArgumentException(
                $"policy '{policy.Definition.Id}' divides by a total over the whole input, so no member can be decided before the input ends; it cannot stream sorted input (drop the sorted option)",
                nameof(sorted));
        }
    }

    /// <summary>Bytes a pending member holds between its passes (its frame snapshot), or 0 when the run keeps facts instead.</summary>
    public int BytesPerPendingMember => _snapshots?.BytesPerSnapshot ?? 0;

    /// <summary>Reads one fact (pass one).</summary>
    public void Add(object fact)
    {
        var index = _index++;
        var frame = _policy.Rent();
        _set.BindWithDependencies(_policy, fact, _asOf, frame, _dependencies);
        if (_deferred)
        {
            Defer(frame);
            FramePool.GiveBack(frame);
            return;
        }

        var group = -1;
        Decision? invalid = null;
        if (frame.Errors is { Count: > 0 } errors)
        {
            invalid = Decision.Invalid(_policy, _asOf, errors);
            if (_plan.HasKey(frame))
            {
                group = GroupOf(frame, index);
                _table.Exclude(group, index);
            }
        }
        else if (!_plan.Evaluate(frame, _holds, out var error))
        {
            invalid = Decision.Invalid(_policy, _asOf, [error!]);
            group = GroupOf(frame, index);
            _table.Exclude(group, index);
        }
        else
        {
            group = GroupOf(frame, index);
            _table.AddMember(group, frame, _holds, index);
            if (_anyWhereReadsDecisions)
            {
                AddEvidence(group);
            }
        }

        if (invalid is not null)
        {
            _invalids.Add(invalid);
            _pending.Add(~(_invalids.Count - 1));
            _pendingGroup.Add(group);
            _pendingIndex?.Add(index);
        }
        else if (!_decidesGroups)
        {
            if (_snapshots is not null)
            {
                _pending.Add(_snapshots.Save(frame));
            }
            else
            {
                _pending.Add(_facts!.Count);
                _facts.Add(fact);
                _pendingDependencies?.Add(_dependencies.Length == 1 ? _dependencies[0] : _dependencies.Clone());
            }

            _pendingGroup.Add(group);
            _pendingIndex?.Add(index);
        }

        FramePool.GiveBack(frame);
    }

    /// <summary>
    /// Pass one of a run that numbers its groups later: keeps what pass two needs of a bound member, touching no group —
    /// a snapshot of every record (record i is snapshot i), tagged with the member conditions it meets or as invalid,
    /// with the chained decisions the conditions read; its key and the key's hash.
    /// </summary>
    private void Defer(Frame frame)
    {
        Decision? invalid = null;
        var keyed = true;
        if (frame.Errors is { Count: > 0 } errors)
        {
            invalid = Decision.Invalid(_policy, _asOf, errors);
            keyed = _plan.HasKey(frame);
        }
        else if (!_plan.Evaluate(frame, _holds, out var error))
        {
            invalid = Decision.Invalid(_policy, _asOf, [error!]);
        }

        var key = keyed ? _plan.KeyOf(frame) : null;
        _memberKeys!.Add(key);
        _memberHashes!.Add(key is null ? 0 : KeyIndex.HashOf(key));
        var tag = 0UL;
        if (invalid is not null)
        {
            _invalids.Add(invalid);
            _pending.Add(~(_invalids.Count - 1));
            tag = InvalidTag;
        }
        else
        {
            _pending.Add(_index - 1);
            for (var i = 0; i < _holds.Length; i++)
            {
                tag |= _holds[i] ? 1UL << i : 0;
            }
        }

        var at = _snapshots!.Save(frame, tag);
        if (_anyWhereReadsDecisions && invalid is null)
        {
            for (var r = 0; r < _dependencies.Length; r++)
            {
                _snapshots.SetExtra(at, r, _dependencies[r]);
            }
        }
    }

    /// <summary>
    /// Pass two of a run that numbers its groups after pass one: numbers the groups in order of first appearance, sorts
    /// the members by group (stable), then per group counts its members into its row and, once every group is counted
    /// when a share is over the whole input or else at once, decides them; the decisions are emitted in input order.
    /// </summary>
    private void FlushDeferred()
    {
        var count = _pending.Count;
        var keys = _memberKeys!;
        var hashes = _memberHashes!;

        // Every record is pending in a run that decides members, so pending item i is record i.
        int[]? groupOf = new int[count];
        KeyIndex? index = new KeyIndex(count / 4);
        var firsts = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (keys[i] is not { } key)
            {
                groupOf[i] = -1;
                continue;
            }

            groupOf[i] = index.GetOrAdd(key, hashes[i], out var added);
            if (added)
            {
                firsts.Add(i);
            }
        }

        var groups = index.Count;
        _table.EnsureCapacity(groups);
        foreach (var first in firsts)
        {
            _table.Add(keys[first]!, null, first);
        }

        // The keys and hashes have done their work: what pass two holds is the snapshots and the groups.
        index = null;
        keys.Clear();
        keys.TrimExcess();
        hashes.Clear();
        hashes.TrimExcess();

        var start = new int[groups + 1];
        foreach (var group in groupOf)
        {
            if (group >= 0)
            {
                start[group + 1]++;
            }
        }

        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var order = new int[start[groups]];
        int[]? next = (int[])start.Clone();
        for (var i = 0; i < count; i++)
        {
            var group = groupOf[i];
            if (group >= 0)
            {
                order[next[group]++] = i;
            }
        }

        next = null;
        groupOf = null;
        var decisions = new Decision?[count];
        var results = new AggregateResult[_plan.AggregateCount];
        decimal[]? wholes = null;
        var source = new GroupResults(_table, null);
        var touched = 0UL;
        for (var g = 0; g < groups; g++)
        {
            // The next group's snapshots are read while this one is counted and decided.
            if (g + 1 < groups)
            {
                for (var k = start[g + 1]; k < start[g + 2]; k++)
                {
                    touched ^= _snapshots!.Touch(order[k]);
                }
            }

            Count(g);
            if (!_waitForInput)
            {
                Decide(g, source);
            }
        }

        if (_waitForInput)
        {
            wholes = InputWholes();
            source = new GroupResults(_table, wholes);
            for (var g = 0; g < groups; g++)
            {
                Decide(g, source);
            }
        }

        _touched = touched;
        for (var i = 0; i < count; i++)
        {
            _emit(decisions[i] ?? _invalids[~_pending[i]]);
        }


        _pending.Clear();
        _snapshots!.Clear();

        void Count(int group)
        {
            var snapshots = _snapshots!;
            for (var k = start[group]; k < start[group + 1]; k++)
            {
                var i = order[k];
                var tag = snapshots.Tag(i);
                if (tag == InvalidTag)
                {
                    _table.Exclude(group, i);
                    continue;
                }

                // Counted from the snapshot where it lies: only deciding the member puts it back into a frame.
                _table.AddMember(group, snapshots, i, tag);
                if (_anyWhereReadsDecisions)
                {
                    for (var a = 0; a < _holds.Length; a++)
                    {
                        _holds[a] = (tag & (1UL << a)) != 0;
                    }

                    for (var r = 0; r < _dependencies.Length; r++)
                    {
                        _dependencies[r] = (Decision?)snapshots.Extra(i, r);
                    }

                    AddEvidence(group);
                }
            }
        }

        void Decide(int group, GroupResults source)
        {
            // The group's description makes its aggregates from the table when read; its members' frames are given them
            // from one array the run reuses, so no group keeps an array of its own.
            var info = new DecisionGroup(_names, _table.Key(group), _table.Members(group), _table.Excluded(group), source, group, RuleIdsOf(group));
            var conflict = _table.Conflict(group);
            if (conflict is null)
            {
                _table.Results(group, wholes, null, results);
            }

            var state = new GroupState { Info = info };
            for (var k = start[group]; k < start[group + 1]; k++)
            {
                var i = order[k];
                decisions[i] = _snapshots!.Tag(i) == InvalidTag ? _invalids[~_pending[i]].WithGroup(info, null)
                    : conflict is not null ? Decision.Invalid(_policy, _asOf, [conflict]).WithGroup(info, null)
                    : state.Wrap(DecideMember(i, results, out _));
            }
        }
    }

    /// <summary>The traces of an explaining run, as text: each group with its aggregates and the members behind them, then each decision.</summary>
    public PortfolioTrace Trace()
    {
        var sb = new System.Text.StringBuilder();
        var shown = new HashSet<int>();
        var traces = new List<DecisionTrace>(_traces!.Count);
        foreach (var (trace, record, group) in _traces)
        {
            traces.Add(trace);
            if (group >= 0 && shown.Add(group) && trace.Decision.Group is { } info)
            {
                DecisionTrace.AppendGroup(sb, info);
                AppendMembers(sb, group);
                sb.AppendLine();
            }

            sb.AppendLine(_decidesGroups && trace.Decision.Status != DecisionStatus.Invalid || record < 0
                ? $"== group {(group >= 0 ? _table.Describe(group) : null)}"
                : $"== record {record + 1}{(group < 0 ? string.Empty : $" ({_table.Describe(group)})")}");
            sb.AppendLine(trace.ToString());
        }

        return new PortfolioTrace(traces, sb.ToString());
    }

    private void AppendMembers(System.Text.StringBuilder sb, int group)
    {
        sb.AppendLine("  members behind the aggregates:");
        var aggregates = _plan.Group.Aggregates;
        foreach (var member in _table.Evidence(group))
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
        // Unsorted input is held to its end: room for all of it at once when its size is known.
        if (!_sorted && facts.TryGetNonEnumeratedCount(out var count))
        {
            _pending.EnsureCapacity(count);
            _pendingGroup.EnsureCapacity(count);
            _snapshots?.EnsureCapacity(count);
            _memberKeys?.EnsureCapacity(count);
            _memberHashes?.EnsureCapacity(count);
        }

        // An unsorted book held in memory is read ahead (facts and their keys' text), in case it lies there in another
        // order (nothing is emitted before its end, so the list cannot change under the run).
        ReadOnlySpan<TFact> held = _sorted ? default : facts switch
        {
            TFact[] array => array,
            List<TFact> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
            _ => default,
        };
        if (held.Length > ReadAhead.Distance && held[0] is { } first && ReadAhead.For(first.GetType(), _plan) is { } ahead)
        {
            for (var i = 0; i < held.Length; i++)
            {
                if (i % ReadAhead.Distance == 0)
                {
                    ahead.Touch(held, i);
                }

                var fact = held[i];
                if (fact is null)
                {
                    PolicySet.ThrowNullFact(i);
                }

                Add(fact);
            }

            _touched += ahead.Seen;
        }
        else
        {
            var index = 0;
            foreach (var fact in facts)
            {
                if (fact is null)
                {
                    PolicySet.ThrowNullFact(index);
                }

                Add(fact);
                index++;
            }
        }

        Complete();
    }

    /// <summary>Decides what is still pending once the input has ended (pass two).</summary>
    public void Complete()
    {
        Flush();
        _current = -1;
    }

    private int GroupOf(Frame frame, int index)
    {
        var key = _plan.KeyOf(frame);
        if (_current >= 0 && (_sorted ? _table.Key(_current) == key : ReferenceEquals(_table.Key(_current), key)))
        {
            return _current;
        }

        if (!_sorted && _groupIds!.TryGetValue(key, out var seen))
        {
            _current = seen;
            return seen;
        }

        var values = _plan.Group.Key.Length == 1 ? null : _plan.KeyValuesOf(frame);
        if (_sorted && _current >= 0)
        {
            if (string.CompareOrdinal(key, _table.Key(_current)) < 0)
            {
                throw new InvalidDataException(
                    $"record {index + 1}: key {Describe(values ?? [key])} comes after {_table.Describe(_current)}, but the input was said to be sorted by {string.Join(", ", _plan.Group.Key.Select(k => k.Name))} (ascending, in ordinal order: sort with LC_ALL=C); decisions already written stand, the rest were not made");
            }

            if (!_waitForInput)
            {
                Flush();
                _table.Clear();
                _snapshots?.Clear();
                _facts?.Clear();
                _invalids.Clear();
                _ruleIdSets?.Clear();
            }
        }

        var group = _table.Add(key, values, index);
        _groupIds?.Add(key, group);
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

    /// <summary>
    /// For member conditions over chained decisions: the rules of the decisions that put this member in — for the first
    /// decision a condition reads, the fired set OR-ed into the group's row (policies of up to 64 rules); otherwise the ids
    /// into a set of the group's own.
    /// </summary>
    private void AddEvidence(int group)
    {
        for (var i = 0; i < _holds.Length; i++)
        {
            if (!_holds[i] || !_plan.WhereReadsDecisions[i])
            {
                continue;
            }

            var refs = _plan.WhereDecisionRefs[i];
            for (var r = 0; r < refs.Length; r++)
            {
                var k = refs[r];
                if (k < 0 || _dependencies[k] is not { } dependency || dependency.FiredIndices().Count == 0)
                {
                    continue;
                }

                var policy = dependency.Policy;
                if (r == 0 && policy.Definition.Rules.Length <= 64 && ReferenceEquals(_maskPolicies![i] ??= policy, policy))
                {
                    _table.AddRuleMask(group, i, dependency.Fired0);
                    continue;
                }

                _ruleIdSets ??= [];
                if (!_ruleIdSets.TryGetValue((group, i), out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    _ruleIdSets[(group, i)] = set;
                }

                set.UnionWith(dependency.FiredRuleIds);
            }
        }
    }

    /// <summary>Per aggregate, the member rules behind it in ordinal order (null for none), or null when there are none (or no condition reads decisions).</summary>
    private IReadOnlyList<string>?[]? RuleIdsOf(int group)
    {
        if (!_anyWhereReadsDecisions)
        {
            return null;
        }

        IReadOnlyList<string>?[]? ids = null;
        for (var i = 0; i < _plan.AggregateCount; i++)
        {
            var mask = _table.RuleMask(group, i);
            IReadOnlyList<string>? fromMask = null;
            if (mask != 0)
            {
                // Few distinct fired sets recur over a book: each one's sorted ids are made once per run.
                var known = _idsByMask![i] ??= [];
                if (!known.TryGetValue(mask, out fromMask))
                {
                    var sorted = _maskPolicies![i]!.FiredIdsOf(mask, null).ToArray();
                    Array.Sort(sorted, StringComparer.Ordinal);
                    fromMask = new IdList(sorted);
                    known[mask] = fromMask;
                }
            }

            if (_ruleIdSets is not null && _ruleIdSets.TryGetValue((group, i), out var more))
            {
                if (fromMask is not null)
                {
                    more.UnionWith(fromMask);
                }

                fromMask = [.. more];
            }

            if (fromMask is not null)
            {
                ids ??= new IReadOnlyList<string>?[_plan.AggregateCount];
                ids[i] = fromMask;
            }
        }

        return ids;
    }

    /// <summary>Decides and emits everything pending, in order.</summary>
    private void Flush()
    {
        if (_deferred)
        {
            FlushDeferred();
            return;
        }

        var wholes = _waitForInput ? InputWholes() : null;
        var groups = _table.Count;

        // Per group, what pass two needs side by side (one cache line a member, in a shuffled book): its description,
        // the members still to come and the last two outcomes with what they became as the group's.
        var states = new GroupState[groups];
        foreach (var group in _pendingGroup)
        {
            if (group >= 0)
            {
                states[group].Remaining++;
            }
        }

        // A host that decides members with their facts decides them many at a time, before they are emitted in order.
        var decided = _facts is not null && _traces is null ? DecideMembersInBatches(states, Info) : null;
        for (var i = 0; i < _pending.Count; i++)
        {
            var item = _pending[i];
            var group = _pendingGroup[i];
            var info = group < 0 ? null : states[group].Info ??= Info(group);
            var record = _pendingIndex?[i] ?? -1;
            if (item < 0)
            {
                var invalid = _invalids[~item];
                Emit(info is null ? invalid : invalid.WithGroup(info, null), null, record, group);
            }
            else if (_decidesGroups)
            {
                var decidedGroup = DecideGroup(item, info!, info!.Results, out var delegateTrace);
                Emit(decidedGroup, delegateTrace?.WithDecision(decidedGroup), record, group);
            }
            else if (_table.Conflict(group) is { } conflict)
            {
                Emit(Decision.Invalid(_policy, _asOf, [conflict]).WithGroup(info, null), null, record, group);
            }
            else if (_traces is not null)
            {
                var traced = DecideMember(item, info!.Results, out var frame).WithGroup(info, null);
                Emit(traced, TraceBuilder.Build(traced, frame, _versionCount), record, group);
            }
            else
            {
                // Equal outcomes share a decision, so members of one group with the same outcome share its group copy.
                _emit(states[group].Wrap(decided?[i] ?? DecideMember(item, info!.Results, out _)));
            }

            // A group's description is dropped after its last decision, so pass two holds only the groups it is inside.
            if (group >= 0 && --states[group].Remaining == 0 && _traces is null)
            {
                states[group] = default;
            }
        }

        _pending.Clear();
        _pendingGroup.Clear();
        _pendingIndex?.Clear();
        _pendingDependencies?.Clear();

        DecisionGroup Info(int group) => new(
            _names,
            _plan.Group.Key.Length == 1 ? _table.Key(group) : null,
            _plan.Group.Key.Length == 1 ? null : _table.KeyValues(group),
            _table.Members(group),
            _table.Excluded(group),
            _table.Results(group, wholes, RuleIdsOf(group)));
    }

    /// <summary>
    /// What pass two keeps of a group while its members are decided: its description, the members still to come, and
    /// the group's copies of the last two outcomes (a member with the same outcome as one of them gets the same copy).
    /// </summary>
    private struct GroupState
    {
        public DecisionGroup? Info;
        public Decision? Outcome0;
        public Decision? Wrapped0;
        public Decision? Outcome1;
        public Decision? Wrapped1;
        public int Remaining;

        /// <summary>The outcome as one of the group: the copy made for an equal outcome before, or a new one.</summary>
        public Decision Wrap(Decision outcome)
        {
            if (ReferenceEquals(outcome, Outcome0))
            {
                return Wrapped0!;
            }

            if (ReferenceEquals(outcome, Outcome1))
            {
                return Wrapped1!;
            }

            // The newer of the two slots is kept; the other is replaced.
            Outcome1 = Outcome0;
            Wrapped1 = Wrapped0;
            Outcome0 = outcome;
            Wrapped0 = outcome.WithGroup(Info, null);
            return Wrapped0;
        }
    }

    /// <summary>
    /// For a host that evaluates members with their facts: every pending valid member (of a group without a conflict)
    /// bound again with pass one's decisions and its group's aggregates, and decided <see cref="BatchSize"/> at a time;
    /// by pending index (null for the others).
    /// </summary>
    private Decision?[] DecideMembersInBatches(GroupState[] states, Func<int, DecisionGroup> info)
    {
        var decided = new Decision?[_pending.Count];
        var at = new List<int>(BatchSize);
        var facts = new List<object>(BatchSize);
        var frames = new List<Frame>(BatchSize);
        var into = new Decision[BatchSize];
        for (var i = 0; i < _pending.Count; i++)
        {
            var item = _pending[i];
            var group = _pendingGroup[i];
            if (item < 0 || _table.Conflict(group) is not null)
            {
                continue;
            }

            var fact = _facts![item];
            var frame = _policy.NewFrame();
            var dependencies = _pendingDependencies?[item] switch
            {
                Decision one => Known(one),
                Decision?[] several => several,
                _ => null,
            };
            _set.BindWithDependencies(_policy, fact, _asOf, frame, dependencies, known: dependencies is not null);
            _plan.Write(frame, (states[group].Info ??= info(group)).Results);
            at.Add(i);
            facts.Add(fact);
            frames.Add(frame);
            if (frames.Count == BatchSize)
            {
                Decide();
            }
        }

        Decide();
        return decided;

        void Decide()
        {
            if (frames.Count == 0)
            {
                return;
            }

            _set.EvaluateMany(_policy, facts, frames, _asOf, into);
            for (var k = 0; k < at.Count; k++)
            {
                decided[at[k]] = into[k];
            }

            at.Clear();
            facts.Clear();
            frames.Clear();
        }
    }

    /// <summary>Members decided at once by a host that evaluates them with their facts (one NRules session each batch).</summary>
    private const int BatchSize = 1_024;

    private void Emit(Decision decision, DecisionTrace? trace, int record, int group)
    {
        _traces?.Add((trace ?? TraceBuilder.Build(decision, null, _versionCount), record, group));
        _emit(decision);
    }

    /// <summary>Per share over the whole input: the sum over every valid member of every group that has no conflict.</summary>
    private decimal[] InputWholes()
    {
        var wholes = new decimal[_plan.AggregateCount];
        for (var group = 0; group < _table.Count; group++)
        {
            if (_table.Conflict(group) is null)
            {
                for (var i = 0; i < wholes.Length; i++)
                {
                    wholes[i] += _table.WholeOf(group, i);
                }
            }
        }

        return wholes;
    }

    /// <summary>
    /// Decides valid member <paramref name="member"/> again, this time with its group's aggregates in its frame: its
    /// snapshot put back into a frame, or, for a host that needs the fact, the fact bound again with pass one's decisions
    /// of the policies it reads (in sorted input pass two runs inside pass one of the next group's first member, so not
    /// in <see cref="_dependencies"/>).
    /// </summary>
    private Decision DecideMember(int member, AggregateResult[] results, out Frame? kept)
    {
        // An explaining run keeps each member's frame for its trace; otherwise the thread's frame is reused.
        var frame = _traces is null ? _policy.Rent() : _policy.NewFrame();
        object? fact = null;
        if (_snapshots is not null)
        {
            _snapshots.Restore(member, frame);
        }
        else
        {
            fact = _facts![member];
            var dependencies = _pendingDependencies?[member] switch
            {
                Decision one => Known(one),
                Decision?[] several => several,
                _ => null,
            };
            _set.BindWithDependencies(_policy, fact, _asOf, frame, dependencies, known: dependencies is not null);
        }

        _plan.Write(frame, results);
        var decision = _set.Evaluate(_policy, fact, frame, _asOf);
        kept = _traces is null ? null : frame;
        if (_traces is null)
        {
            FramePool.GiveBack(frame);
        }

        return decision;
    }

    private Decision?[] Known(Decision one)
    {
        _known[0] = one;
        return _known;
    }

    /// <summary>Decides a group: its fact (key, constant fields, aggregates by name) by the policy the group names.</summary>
    private Decision DecideGroup(int group, DecisionGroup info, AggregateResult[] results, out DecisionTrace? trace)
    {
        trace = null;
        if (_table.Conflict(group) is { } conflict)
        {
            return Decision.Invalid(_policy, _asOf, [conflict]).WithGroup(info, null);
        }

        if (_table.Members(group) == 0)
        {
            return Decision.Invalid(_policy, _asOf, [new FieldError("(members)", $"every member of group {_table.Describe(group)} failed validation ({_table.Excluded(group)} excluded), so it has nothing to decide", FieldErrorKind.Dependency)])
                .WithGroup(info, null);
        }

        var fact = new Dictionary<string, object?>(StringComparer.Ordinal);
        var definition = _plan.Group;
        var keyValues = _table.KeyValues(group);
        for (var i = 0; i < definition.Key.Length; i++)
        {
            fact[definition.Key[i].Name] = keyValues[i];
        }

        for (var i = 0; i < definition.Constant.Length; i++)
        {
            fact[definition.Constant[i].Name] = _table.Constant(group, i).ToObject(definition.Constant[i]);
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Value is { } value)
            {
                fact[definition.Aggregates[i].Name] = AggregateValue.Normalize(value);
            }
        }

        if (definition.DecideWith is null)
        {
            return DecideGroupFact(group, info, results, fact, out trace);
        }

        if (_traces is not null)
        {
            trace = _set.ExplainWith(definition.DecideWith, fact, _asOf);
        }

        var decision = trace?.Decision ?? _set.DecideWith(definition.DecideWith, fact, _asOf);
        if (decision.Status == DecisionStatus.Invalid)
        {
            decision = Decision.Invalid(_policy, _asOf, Explained(decision.Errors, results));
            trace = null;
        }

        return decision.WithGroup(info, _policy);
    }

    /// <summary>
    /// Decides a group by the group policy's own rules: the group fact (the key, the constant fields as the members agree
    /// on them, the aggregates) is written into the policy's own frame, whose member fields stay unread (the builder lets
    /// its rules read only the group fact), and the host runs the policy's rules on it, as it does a member's.
    /// </summary>
    private Decision DecideGroupFact(int group, DecisionGroup info, AggregateResult[] results, Dictionary<string, object?> fact, out DecisionTrace? trace)
    {
        var frame = _traces is null ? _policy.Rent() : _policy.NewFrame();
        var definition = _plan.Group;
        var keyValues = _table.KeyValues(group);
        for (var i = 0; i < definition.Key.Length; i++)
        {
            if (definition.Key[i].Type == FieldType.String)
            {
                frame.Write(definition.Key[i], RuntimeValue.FromText(keyValues[i]));
            }
        }

        for (var i = 0; i < definition.Constant.Length; i++)
        {
            frame.Write(definition.Constant[i], _table.Constant(group, i));
        }

        _plan.Write(frame, results);
        var decision = _set.Evaluate(_policy, fact, frame, _asOf).WithGroup(info, null);
        trace = _traces is null ? null : TraceBuilder.Build(decision, frame, _versionCount);
        if (_traces is null)
        {
            FramePool.GiveBack(frame);
        }

        return decision;
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
}
