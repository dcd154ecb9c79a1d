using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Tiering.Rules.Facts;

namespace Tiering.Rules.Impact;

/// <summary>
/// Compares two versions of a policy on the same records: decides every record under both and counts where each one
/// went (the migration matrix), which rules fired on each side and which explain the changes, the invalid records of
/// each side by field, and keeps a few example records per changed cell. Feed records one at a time with
/// <see cref="Add{TFact}(TFact, string?)"/> (streaming: memory does not grow with the input beyond the examples kept),
/// then read <see cref="ToResult"/>; or call <see cref="Compare{TFact}(ImpactSide, ImpactSide, IEnumerable{TFact}, PolicyImpactOptions?)"/>.
/// </summary>
/// <remarks>
/// The matrix is exactly the cross-tabulation of two runs of <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/>:
/// a grade is named by its id, a decision without one by its status name, and an invalid record is never dropped —
/// it counts under <c>invalid</c> on the side that rejected it. Grades of the two sides are matched by id. An instance
/// is not thread-safe (one comparison, one thread); the policy sets it reads may be shared.
/// </remarks>
public sealed class PolicyImpact
{
    private static readonly string[] Statuses = ["not_applicable", "unclassified", "invalid", "conflict"];

    private readonly ImpactSide _before;
    private readonly ImpactSide _after;
    private readonly PolicyImpactOptions _options;
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _labelSlots = new(StringComparer.Ordinal);
    private readonly List<string> _ruleIds = [];
    private readonly Dictionary<string, int> _ruleSlots = new(StringComparer.Ordinal);
    private readonly SideCounts _beforeCounts = new();
    private readonly SideCounts _afterCounts = new();
    private readonly Dictionary<PolicyEvaluator, SideTable> _tables = [];
    private readonly List<ImpactExample> _examples = [];
    private readonly List<int> _settersBefore = [];
    private readonly List<int> _settersAfter = [];
    private readonly List<int> _explaining = [];
    private readonly IReadOnlyList<string> _beforeGrades;
    private readonly IReadOnlyList<string> _afterGrades;
    private long[,] _counts;
    private decimal[,] _weights;
    private int[,] _examplesKept;
    private long[] _firedBefore = [];
    private long[] _firedAfter = [];
    private long[] _explained = [];
    private decimal[] _explainedWeight = [];
    private long _total;
    private long _changed;
    private long _unexplained;
    private long _weightMissing;
    private decimal _totalWeight;
    private decimal _changedWeight;

    /// <summary>Starts a comparison.</summary>
    /// <param name="before">The side before the change.</param>
    /// <param name="after">The side after the change.</param>
    /// <param name="options">What to count and keep; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="before"/> or <paramref name="after"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The sides name different policies, the policy is not loaded on a side (the message names the side), or it has
    /// several versions there and no as-of date was given.
    /// </exception>
    public PolicyImpact(ImpactSide before, ImpactSide after, PolicyImpactOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!string.Equals(before.PolicyId, after.PolicyId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"both sides must decide the same policy ('{before.PolicyId}' before, '{after.PolicyId}' after)", nameof(after));
        }

        _before = before;
        _after = after;
        _options = options ?? new PolicyImpactOptions();
        var b = before.Resolve("before");
        var a = after.Resolve("after");
        _beforeGrades = b is null ? [] : [.. b.Definition.Grades.Select(g => g.Id)];
        _afterGrades = a is null ? [] : [.. a.Definition.Grades.Select(g => g.Id)];
        foreach (var grade in _beforeGrades.Concat(_afterGrades).Concat(Statuses))
        {
            LabelSlot(grade);
        }

        _counts = new long[_labels.Count, _labels.Count];
        _weights = new decimal[_labels.Count, _labels.Count];
        _examplesKept = new int[_labels.Count, _labels.Count];
        if (b is not null)
        {
            Table(b);
        }

        if (a is not null)
        {
            Table(a);
        }
    }

    /// <summary>Records compared so far.</summary>
    public long Total => _total;

    /// <summary>Compares every fact of <paramref name="facts"/> (enumerated once, nothing kept but the examples).</summary>
    /// <typeparam name="TFact">The fact type (a dictionary, a <see cref="JsonElement"/> or a POCO).</typeparam>
    /// <param name="before">The side before the change.</param>
    /// <param name="after">The side after the change.</param>
    /// <param name="facts">The records.</param>
    /// <param name="options">What to count and keep; defaults when null.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PolicyImpactResult Compare<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(
        ImpactSide before, ImpactSide after, IEnumerable<TFact> facts, PolicyImpactOptions? options = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(facts);
        var impact = new PolicyImpact(before, after, options);
        foreach (var fact in facts)
        {
            impact.Add(fact);
        }

        return impact.ToResult();
    }

    /// <summary>Decides one record under both sides and counts it.</summary>
    /// <typeparam name="TFact">The fact type (a dictionary, a <see cref="JsonElement"/> or a POCO).</typeparam>
    /// <param name="fact">The record.</param>
    /// <param name="id">The record's id, kept with it if it becomes an example.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is null.</exception>
    public void Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>(TFact fact, string? id = null)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(fact);
        var before = _before.Decide(fact);
        var after = _after.Decide(fact);
        decimal? weight = null;
        if (_options.WeightField is { } field)
        {
            if (TryReadWeight(fact, field, out var w))
            {
                weight = w;
            }
            else
            {
                _weightMissing++;
            }
        }

        Count(before, after, id, weight);
    }

    /// <summary>
    /// Counts a record that could not be read at all (bad JSON, a broken CSV row): invalid on both sides, its error
    /// under the field <c>(input)</c>, so that records read equal records compared.
    /// </summary>
    /// <param name="id">The record's id, if known.</param>
    public void AddUnreadable(string? id = null)
    {
        var invalid = _labelSlots["invalid"];
        _beforeCounts.Invalid(["(input)"]);
        _afterCounts.Invalid(["(input)"]);
        if (_options.WeightField is not null)
        {
            _weightMissing++;
        }

        _counts[invalid, invalid]++;
        _total++;
    }

    /// <summary>The comparison so far (the instance can go on counting afterwards).</summary>
    /// <returns>The result.</returns>
    public PolicyImpactResult ToResult()
    {
        var weighted = _options.WeightField is not null;
        var cells = new List<ImpactCell>();
        for (var from = 0; from < _labels.Count; from++)
        {
            for (var to = 0; to < _labels.Count; to++)
            {
                if (_counts[from, to] > 0)
                {
                    cells.Add(new ImpactCell(_labels[from], _labels[to], _counts[from, to], weighted ? _weights[from, to] : null));
                }
            }
        }

        var rules = new List<ImpactRule>(_ruleIds.Count);
        for (var i = 0; i < _ruleIds.Count; i++)
        {
            rules.Add(new ImpactRule(_ruleIds[i], _firedBefore[i], _firedAfter[i], _explained[i], weighted ? _explainedWeight[i] : null));
        }

        // Examples in matrix order, then input order within a cell.
        var examples = _examples.OrderBy(e => _labelSlots[e.From]).ThenBy(e => _labelSlots[e.To]).ThenBy(e => e.Index).ToList();
        return new PolicyImpactResult(
            new ImpactSideSummary(_before.PolicyId, _before.AsOf, [.. _beforeCounts.Versions], _beforeGrades),
            new ImpactSideSummary(_after.PolicyId, _after.AsOf, [.. _afterCounts.Versions], _afterGrades),
            _total,
            _changed,
            [.. _labels],
            cells,
            rules,
            _beforeCounts.ToInvalid(),
            _afterCounts.ToInvalid(),
            examples)
        {
            Weighted = weighted,
            WeightField = _options.WeightField,
            WeightMissing = _weightMissing,
            TotalWeight = weighted ? _totalWeight : null,
            ChangedWeight = weighted ? _changedWeight : null,
            ChangedUnexplained = _unexplained,
            UnmappedBefore = [.. _beforeGrades.Except(_afterGrades, StringComparer.Ordinal)],
            UnmappedAfter = [.. _afterGrades.Except(_beforeGrades, StringComparer.Ordinal)],
        };
    }

    private void Count(Decision before, Decision after, string? id, decimal? weight)
    {
        var index = _total++;
        var tableBefore = Table(before.Policy);
        var tableAfter = Table(after.Policy);
        var from = Slot(tableBefore, before);
        var to = Slot(tableAfter, after);
        _counts[from, to]++;
        if (weight is { } w)
        {
            _weights[from, to] += w;
            _totalWeight += w;
        }

        _beforeCounts.Record(before);
        _afterCounts.Record(after);
        Fired(tableBefore, before, from, _firedBefore, _settersBefore);
        Fired(tableAfter, after, to, _firedAfter, _settersAfter);
        if (from == to)
        {
            return;
        }

        _changed++;
        if (weight is { } cw)
        {
            _changedWeight += cw;
        }

        Explain(tableBefore, before, tableAfter, after, weight);
        if (_examplesKept[from, to] < _options.Examples)
        {
            _examplesKept[from, to]++;
            _examples.Add(new ImpactExample(index, id, _labels[from], _labels[to], before, after));
        }
    }

    /// <summary>Counts the fired rules of one side, and lists the ones that set its grade.</summary>
    private void Fired(SideTable table, Decision decision, int label, long[] fired, List<int> setters)
    {
        setters.Clear();
        foreach (var rule in decision.FiredIndices())
        {
            var slot = table.RuleSlot[rule];
            fired[slot]++;
            if (decision.Status == DecisionStatus.Classified && table.RuleGradeSlot[rule] == label)
            {
                setters.Add(slot);
            }
        }
    }

    /// <summary>
    /// A changed record is explained by each rule that set one side's grade and did not fire with that same grade on the
    /// other side.
    /// </summary>
    private void Explain(SideTable tableBefore, Decision before, SideTable tableAfter, Decision after, decimal? weight)
    {
        _explaining.Clear();
        foreach (var slot in _settersBefore)
        {
            if (!FiredWithLabel(tableAfter, after, slot, tableBefore.LabelOfSlot(slot)))
            {
                _explaining.Add(slot);
            }
        }

        foreach (var slot in _settersAfter)
        {
            if (!_explaining.Contains(slot) && !FiredWithLabel(tableBefore, before, slot, tableAfter.LabelOfSlot(slot)))
            {
                _explaining.Add(slot);
            }
        }

        if (_explaining.Count == 0)
        {
            _unexplained++;
            return;
        }

        foreach (var slot in _explaining)
        {
            _explained[slot]++;
            if (weight is { } w)
            {
                _explainedWeight[slot] += w;
            }
        }
    }

    private static bool FiredWithLabel(SideTable table, Decision decision, int ruleSlot, int label)
    {
        foreach (var rule in decision.FiredIndices())
        {
            if (table.RuleSlot[rule] == ruleSlot && table.RuleGradeSlot[rule] == label)
            {
                return true;
            }
        }

        return false;
    }

    private int Slot(SideTable table, Decision decision) =>
        decision.Status == DecisionStatus.Classified && decision.GradeIndex >= 0
            ? table.GradeSlot[decision.GradeIndex]
            : _labelSlots[decision.Status.ToSnakeCase()];

    private int LabelSlot(string label)
    {
        if (!_labelSlots.TryGetValue(label, out var slot))
        {
            slot = _labels.Count;
            _labels.Add(label);
            _labelSlots[label] = slot;
            if (_counts is not null)
            {
                // A grade seen only now (a version neither side resolved to up front): grow the matrix.
                _counts = Grow(_counts);
                _weights = Grow(_weights);
                _examplesKept = Grow(_examplesKept);
            }
        }

        return slot;
    }

    private int RuleSlot(string id)
    {
        if (!_ruleSlots.TryGetValue(id, out var slot))
        {
            slot = _ruleIds.Count;
            _ruleIds.Add(id);
            _ruleSlots[id] = slot;
            Array.Resize(ref _firedBefore, slot + 1);
            Array.Resize(ref _firedAfter, slot + 1);
            Array.Resize(ref _explained, slot + 1);
            Array.Resize(ref _explainedWeight, slot + 1);
        }

        return slot;
    }

    /// <summary>The slots of one version's grades and rules (built once per version met).</summary>
    private SideTable Table(PolicyEvaluator policy)
    {
        if (_tables.TryGetValue(policy, out var table))
        {
            return table;
        }

        var definition = policy.Definition;
        var grades = definition.Grades.Select(g => LabelSlot(g.Id)).ToArray();
        var rules = definition.Rules.Select(r => RuleSlot(r.Id)).ToArray();
        var ruleGrades = definition.Rules.Select(r => r.Grade is { } g ? grades[g] : -1).ToArray();
        table = new SideTable(grades, rules, ruleGrades);
        _tables[policy] = table;
        return table;
    }

    private static T[,] Grow<T>(T[,] old)
    {
        var n = old.GetLength(0);
        var grown = new T[n + 1, n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                grown[i, j] = old[i, j];
            }
        }

        return grown;
    }

    /// <summary>Reads the weight as an exact decimal: a decimal or integer, a JSON number, or invariant-culture text.</summary>
    private static bool TryReadWeight(object fact, string field, out decimal weight)
    {
        weight = 0;
        if (!FactSource.TryGetValue(fact, field, out var raw) || raw is null)
        {
            return false;
        }

        switch (raw)
        {
            case decimal d:
                weight = d;
                return true;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                weight = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                return true;
            case string s:
                return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight);
            case JsonElement { ValueKind: JsonValueKind.Number } json:
                return json.TryGetDecimal(out weight);
            default:
                return false; // double and float are not exact money
        }
    }

    /// <summary>One version's slots: grade index → label, rule index → rule row, rule index → label of its grade (-1 none).</summary>
    private sealed class SideTable(int[] gradeSlot, int[] ruleSlot, int[] ruleGradeSlot)
    {
        public int[] GradeSlot { get; } = gradeSlot;

        public int[] RuleSlot { get; } = ruleSlot;

        public int[] RuleGradeSlot { get; } = ruleGradeSlot;

        /// <summary>The label of the grade the rule in this row gives on this side (-1 when it gives none or is not here).</summary>
        public int LabelOfSlot(int slot)
        {
            var i = Array.IndexOf(RuleSlot, slot);
            return i >= 0 ? RuleGradeSlot[i] : -1;
        }
    }

    /// <summary>One side's invalid records, errors by field, and the versions that decided.</summary>
    private sealed class SideCounts
    {
        private readonly SortedDictionary<string, long> _byField = new(StringComparer.Ordinal);
        private long _invalid;
        private string? _lastVersion;

        public List<string> Versions { get; } = [];

        public void Record(Decision decision)
        {
            var version = decision.PolicyVersion;
            if (!ReferenceEquals(version, _lastVersion))
            {
                _lastVersion = version;
                if (!Versions.Contains(version))
                {
                    Versions.Add(version);
                }
            }

            if (decision.Status == DecisionStatus.Invalid)
            {
                _invalid++;
                foreach (var error in decision.Errors)
                {
                    _byField[error.Field] = _byField.GetValueOrDefault(error.Field) + 1;
                }
            }
        }

        public void Invalid(string[] fields)
        {
            _invalid++;
            foreach (var field in fields)
            {
                _byField[field] = _byField.GetValueOrDefault(field) + 1;
            }
        }

        public ImpactInvalid ToInvalid() => new(_invalid, new Dictionary<string, long>(_byField, StringComparer.Ordinal));
    }
}
