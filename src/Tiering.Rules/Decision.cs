using System.Collections.Immutable;
using Tiering.Rules.Compilation;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>
/// The result of deciding one fact against one policy: status, grade, outputs, the rules that fired, and per-field
/// errors. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// A decision holds no copy of the fact. Facts that come to the same result (same version, status, grade, fired
/// rules and as-of date) may receive the same <see cref="Decision"/> instance, so a portfolio run allocates a decision
/// per distinct outcome rather than per fact; compare decisions by their members, never by reference. The values each
/// rule read are in the trace: <see cref="PolicySet.Explain{TFact}(string, TFact, DateOnly?)"/>.
/// </remarks>
public sealed class Decision
{
    private static readonly IReadOnlyDictionary<string, string> NoOutputs = OutputMap.Empty;

    // The order of the fields is the layout: the runtime puts references first, then 8-byte and then 4-byte fields,
    // each kind in declaration order. What a host reads of every decision (the fired ids, the grade, the fired set that
    // finds a shared decision, the status) is declared last of its kind, so it lies together in one cache line.
    private readonly PolicyEvaluator _policy;

    /// <summary>What few decisions have (errors, a score, a reporting group policy, rules past 64), or null: kept aside so that the decision every fact gets stays small.</summary>
    private readonly Rare? _rare;
    private IReadOnlyList<FiredRule>? _firedRules;
    private IReadOnlyDictionary<string, string>? _outputs;
    private readonly ComputedValues? _computed;
    private readonly DecisionGroup? _group;
    private IReadOnlyList<string>? _firedIds;
    private readonly Grade? _gradeObject;
    private readonly ulong _fired0;
    private readonly DecisionStatus _status;
    private readonly int _grade;
    private readonly int _deciding;

    /// <summary>A decision whose rules did not run (or whose fired rules are not reported).</summary>
    internal Decision(PolicyEvaluator policy, DecisionStatus status, int grade, int deciding, DateOnly? asOf)
        : this(policy, status, grade, deciding, asOf, 0, null)
    {
    }

    /// <summary>A decision that reports the fired rules of <paramref name="fired0"/> and <paramref name="firedMore"/> (copied by the caller).</summary>
    internal Decision(PolicyEvaluator policy, DecisionStatus status, int grade, int deciding, DateOnly? asOf, ulong fired0, ulong[]? firedMore)
    {
        _policy = policy;
        _grade = grade;
        _gradeObject = grade >= 0 ? policy.Compiled.Grades[grade] : null;
        _deciding = deciding;
        _fired0 = fired0;
        _rare = firedMore is null ? null : Rare.Of(firedMore); // out of line: most decisions never load the type
        _status = status;
        AsOf = asOf;
    }

    internal static Decision Invalid(PolicyEvaluator policy, DateOnly? asOf, IReadOnlyList<FieldError> errors) =>
        new(policy, DecisionStatus.Invalid, -1, -1, asOf) { ErrorList = errors };

    internal IReadOnlyList<FieldError> ErrorList
    {
        get => _rare?.Errors ?? [];
        init
        {
            if (value.Count > 0)
            {
                (_rare ??= new()).Errors = value;
            }
        }
    }

    /// <summary>The computed outputs of this decision (formulas evaluated on its fact), or null.</summary>
    internal ComputedValues? Computed
    {
        get => _computed;
        init => _computed = value;
    }

    /// <summary>For scorecards: the points each fired score item added, by rule index.</summary>
    internal decimal[]? ItemPoints
    {
        get => _rare?.ItemPoints;
        init
        {
            if (value is not null)
            {
                (_rare ??= new()).ItemPoints = value;
            }
        }
    }

    /// <summary>The rules that fired, as a bit set: rules 0..63.</summary>
    internal ulong Fired0 => _fired0;

    internal int GradeIndex => _grade;

    internal int DecidingIndex => _deciding;

    internal PolicyEvaluator Policy => _policy;

    /// <summary>The id of the policy that decided (for a group decision, the group policy).</summary>
    public string PolicyId => ReportedAs.Definition.Id;

    /// <summary>The version of the policy that decided (the one effective on <see cref="AsOf"/>).</summary>
    public string PolicyVersion => ReportedAs.Definition.Version;

    /// <summary>
    /// For a decision of a group policy (one over many facts at once, see
    /// <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>): the group's key, its members
    /// counted and excluded, and the aggregates with their evidence; null for a single-fact decision. The aggregates also
    /// appear in <see cref="Outputs"/> by name.
    /// </summary>
    public DecisionGroup? Group
    {
        get => _group;
        private init => _group = value;
    }

    /// <summary>The policy the decision is reported as: the deciding policy, or the group policy that had it decide a group fact.</summary>
    private PolicyEvaluator ReportedAs
    {
        get => _rare?.ReportedAs ?? _policy;
        init
        {
            if (!ReferenceEquals(value, _policy))
            {
                (_rare ??= new()).ReportedAs = value;
            }
        }
    }

    private ulong[]? FiredMore => _rare?.FiredMore;

    /// <summary>
    /// This decision as one of a group: the same outcome, reported as <paramref name="reportAs"/> (the group policy,
    /// when the policy it names decided the group fact), carrying the group.
    /// </summary>
    internal Decision WithGroup(DecisionGroup? group, PolicyEvaluator? reportAs)
    {
        return new Decision(_policy, Status, _grade, _deciding, AsOf, _fired0, FiredMore)
        {
            ErrorList = ErrorList,
            ItemPoints = ItemPoints,
            Score = Score,
            Computed = Computed,
            Group = group,
            ReportedAs = reportAs ?? ReportedAs,
        };
    }

    /// <summary>The as-of date the decision was made for, if one was given.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>What the decision came to.</summary>
    public DecisionStatus Status => _status;

    /// <summary>The grade, when <see cref="Status"/> is <see cref="DecisionStatus.Classified"/>; otherwise null.</summary>
    public Grade? Grade => _gradeObject;

    /// <summary>The scorecard total, for scorecard policies that reached the rules; otherwise null.</summary>
    public decimal? Score
    {
        get => _rare?.Score;
        internal init
        {
            if (value is not null)
            {
                (_rare ??= new()).Score = value;
            }
        }
    }

    /// <summary>
    /// Per-field errors when <see cref="Status"/> is <see cref="DecisionStatus.Invalid"/> or <see cref="DecisionStatus.Conflict"/>;
    /// for <see cref="DecisionStatus.Unclassified"/> one <see cref="FieldErrorKind.NoMatch"/> entry saying which value fell
    /// through; otherwise empty.
    /// </summary>
    public IReadOnlyList<FieldError> Errors => ErrorList;

    /// <summary>
    /// The outputs: the grade's declared outputs overlaid by those of the rule that decided (for <c>collect</c>, of every
    /// fired rule). Empty when there is no grade. Enumerated in the order written: the grade's keys, then the new keys of
    /// the rule (or rules, in rule order), then computed ones and aggregates; a key overlaid keeps its place.
    /// </summary>
    public IReadOnlyDictionary<string, string> Outputs =>
        Computed is { Shape: not null } view && _group is null && Status == DecisionStatus.Classified
            ? view // the outputs of one rule or grade with formulas: the computed values are the map (see BuildOutputs)
            : _outputs ??= Group is null ? BuildOutputs() : WithAggregates(BuildOutputs(), Group);

    /// <summary>The ids of the rules that fired, in file order.</summary>
    public IReadOnlyList<string> FiredRuleIds => _firedIds ??= _policy.FiredIdsOf(_fired0, FiredMore);

    /// <summary>The rules that fired, in file order, each with its grade, citation and outputs.</summary>
    public IReadOnlyList<FiredRule> FiredRules => _firedRules ??= BuildFiredRules();

    /// <summary>
    /// The collect list: the rules that fired with their outputs, in the order a <c>collect</c> policy lists them — by
    /// declared <c>priority</c> (1 first), rules of equal priority in file order — or in file order when the policy
    /// declares none (and for every other hit policy, the same as <see cref="FiredRules"/>). Ordered on each read when
    /// priorities are declared (a decision keeps no second list).
    /// </summary>
    public IReadOnlyList<FiredRule> Collected => BuildCollected();

    /// <summary>The id of the rule whose grade became the decision's grade, or null (default grade, <c>below</c>, no grade).</summary>
    public string? DecidingRuleId => _deciding >= 0 ? _policy.Definition.Rules[_deciding].Id : null;

    /// <summary>Whether the rule with this index fired.</summary>
    internal bool IsFired(int index) => new FiredSet(_fired0, FiredMore).Contains(index);

    /// <summary>Indices of fired rules in ascending (file) order.</summary>
    internal FiredSet FiredIndices() => new(_fired0, FiredMore);

    /// <summary>A group policy's decision: its outputs, then each aggregate that is not missing by name (trailing zeros dropped).</summary>
    private IReadOnlyDictionary<string, string> WithAggregates(IReadOnlyDictionary<string, string> outputs, DecisionGroup group)
    {
        if (Status != DecisionStatus.Classified)
        {
            return outputs;
        }

        var merged = new Dictionary<string, string>(outputs, StringComparer.Ordinal);
        foreach (var aggregate in group.Aggregates)
        {
            if (aggregate.Value is { } value)
            {
                merged[aggregate.Name] = AggregateValue.Format(value);
            }
        }

        return merged;
    }

    private IReadOnlyDictionary<string, string> BuildOutputs()
    {
        if (Status != DecisionStatus.Classified)
        {
            return NoOutputs;
        }

        if (_policy.Definition.Aggregates.Length > 0)
        {
            return CollectedOutputs();
        }

        if (Computed is { Shape: not null } view)
        {
            // The outputs of one rule or grade: the computed values are the map, read through the rule's shared shape.
            return view;
        }

        if (Computed is { } computed)
        {
            // The plain outputs, each overridden by a formula of the same key, then the other formulas.
            var plain = PlainOutputs();
            var keys = new string[plain.Count + computed.Outputs.Length];
            var values = new string[keys.Length];
            var count = 0;
            foreach (var (key, value) in plain)
            {
                keys[count] = key;
                values[count++] = value;
            }

            for (var i = 0; i < computed.Outputs.Length; i++)
            {
                var key = computed.Outputs[i].Name;
                var at = Array.IndexOf(keys, key, 0, count);
                if (at < 0)
                {
                    at = count++;
                    keys[at] = key;
                }

                values[at] = Format(computed.Outputs[i].Expr.Type, computed.ValueAt(i));
            }

            return new OutputMap(keys, values, count);
        }

        return PlainOutputs();
    }

    /// <summary>A computed value as output text: numbers as written invariantly (scale kept), dates yyyy-mm-dd, true/false.</summary>
    internal static string Format(ExprType type, RuntimeValue value) => ValueFunctions.FormatOutput(type, value);

    private IReadOnlyDictionary<string, string> PlainOutputs()
    {
        if (_policy.Definition.HitPolicy == HitPolicy.Collect)
        {
            var merged = _grade >= 0 ? _policy.Compiled.GradeOutputs[_grade] : OutputMap.Empty;
            foreach (var index in FiredIndices())
            {
                merged = merged.With(_policy.Definition.Rules[index].Outputs);
            }

            return merged;
        }

        if (_deciding >= 0)
        {
            return _policy.Compiled.RuleOutputs[_deciding];
        }

        return _grade >= 0 ? _policy.Compiled.GradeOutputs[_grade] : NoOutputs;
    }

    /// <summary>
    /// A collect decision with aggregates: the grade's outputs, each fired rule's (those an aggregate folds left to the
    /// list, <see cref="FiredRules"/>), then each aggregate over the fired rules in rule order: sum and count (0 when no
    /// fired rule sets the output), min and max (absent then).
    /// </summary>
    private IReadOnlyDictionary<string, string> CollectedOutputs()
    {
        var aggregates = _policy.Definition.Aggregates;
        var result = _grade >= 0 ? new OutputMap.Builder(_policy.Compiled.GradeOutputs[_grade]) : new OutputMap.Builder();

        var lists = new List<decimal>[aggregates.Length];
        for (var a = 0; a < lists.Length; a++)
        {
            lists[a] = [];
        }

        foreach (var index in FiredIndices())
        {
            foreach (var (key, value) in OwnOutputs(index))
            {
                var folded = false;
                for (var a = 0; a < aggregates.Length; a++)
                {
                    if (aggregates[a].Output == key)
                    {
                        folded = true;
                        lists[a].Add(decimal.Parse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                if (!folded)
                {
                    result.Set(key, value);
                }
            }
        }

        if (Computed is { } computed)
        {
            for (var i = 0; i < computed.Outputs.Length; i++)
            {
                if (computed.Owners![i] < 0 && !aggregates.Any(a => a.Output == computed.Outputs[i].Name) && !result.ContainsKey(computed.Outputs[i].Name))
                {
                    result.Set(computed.Outputs[i].Name, Format(computed.Outputs[i].Expr.Type, computed.ValueAt(i)));
                }
            }
        }

        for (var a = 0; a < aggregates.Length; a++)
        {
            var values = lists[a];
            var folded = aggregates[a].Kind switch
            {
                AggregateKind.Count => values.Count,
                AggregateKind.Sum => values.Sum(),
                AggregateKind.Min => values.Count == 0 ? (decimal?)null : values.Min(),
                _ => values.Count == 0 ? (decimal?)null : values.Max(),
            };
            if (folded is { } number)
            {
                result.Set(aggregates[a].Name, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToMap();
    }

    /// <summary>A fired rule's own outputs: as written, and under collect its formulas' values.</summary>
    private OutputMap OwnOutputs(int index)
    {
        var own = _policy.Definition.Rules[index].Outputs;
        if (Computed is not { Owners: { } owners } computed)
        {
            return own;
        }

        var builder = new OutputMap.Builder(own);
        for (var i = 0; i < owners.Length; i++)
        {
            if (owners[i] == index)
            {
                builder.Set(computed.Outputs[i].Name, Format(computed.Outputs[i].Expr.Type, computed.ValueAt(i)));
            }
        }

        return builder.ToMap();
    }

    private IReadOnlyList<FiredRule> BuildCollected()
    {
        var fired = FiredRules;
        if (_policy.Definition.HitPolicy != HitPolicy.Collect || fired.Count < 2 || fired[0].Priority is null)
        {
            return fired;
        }

        // A stable sort: equal priorities keep file order.
        return [.. fired.OrderBy(r => r.Priority)];
    }

    private IReadOnlyList<FiredRule> BuildFiredRules()
    {
        var result = new List<FiredRule>();
        foreach (var index in FiredIndices())
        {
            var rule = _policy.Definition.Rules[index];
            result.Add(new FiredRule(
                rule.Id,
                rule.Grade is { } g ? _policy.Compiled.Grades[g] : null,
                rule.Span,
                rule.Because,
                rule.Kind == RuleKind.GradingBand ? ["score"] : [.. rule.Reads.Select(f => f.Name)],
                OwnOutputs(index))
            {
                Points = rule.Kind == RuleKind.ScoreItem ? ItemPoints?[index] : null,
                Priority = rule.Priority,
            });
        }

        return result;
    }

    /// <summary>Whether this decision may stand for another fact's: same version, outcome, fired rules and as-of date, nothing per-fact.</summary>
    internal bool Matches(DecisionStatus status, int grade, int deciding, ulong fired0, DateOnly? asOf) =>
        _fired0 == fired0 && _grade == grade && Status == status && _deciding == deciding && AsOf == asOf;

    /// <inheritdoc />
    public override string ToString() =>
        $"{PolicyId}@{PolicyVersion}: {Status.ToString().ToLowerInvariant()}{(Grade is { } g ? " " + g.Id : string.Empty)} [{string.Join(", ", FiredRuleIds)}]";

    /// <summary>The rare parts of a decision, set while it is made and never after.</summary>
    private sealed class Rare
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static Rare Of(ulong[] firedMore) => new() { FiredMore = firedMore };

        public IReadOnlyList<FieldError>? Errors;
        public decimal[]? ItemPoints;
        public decimal? Score;
        public PolicyEvaluator? ReportedAs;
        public ulong[]? FiredMore;
    }
}
