using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Compilation;

/// <summary>
/// The one place the hit policies' meaning lives: given the rules that fired (and, for <c>first</c>, the rule that hit
/// first), it picks the grade and the deciding rule — first hit; the one match of <c>unique</c>, more being a conflict;
/// the most or least severe grade of <c>worst</c>, <c>best</c> and <c>collect</c> (the first rule with it decides);
/// a scorecard's strongest veto, else its score graded by the grading table — then falls back, when nothing picked a
/// grade, to the <c>below</c> grade (the banded value under every band) and the default. It reads no frame, so every
/// engine that can say which rules fired (the compiled kernels, typed kernels, another engine) resolves them the same
/// way. Immutable and thread-safe.
/// </summary>
internal sealed class HitPolicyResolver
{
    private readonly PolicyDefinition _policy;
    private readonly HitPolicy _hitPolicy;

    /// <summary>Per rule: the index of the grade it gives, or -1.</summary>
    private readonly int[] _ruleGrade;

    private readonly BandLookup? _gradingLookup;

    /// <summary>The banded value is under every band when it is below this (or equal to it, when <see cref="_belowAtEdge"/>).</summary>
    private readonly decimal? _belowLimit;
    private readonly bool _belowAtEdge;
    private readonly int? _belowGrade;

    public HitPolicyResolver(PolicyDefinition policy)
    {
        _policy = policy;
        _hitPolicy = policy.HitPolicy;
        _ruleGrade = new int[policy.Rules.Length];
        for (var i = 0; i < _ruleGrade.Length; i++)
        {
            _ruleGrade[i] = policy.Rules[i].Grade ?? -1;
        }

        if (policy.Grading is { } grading)
        {
            _gradingLookup = BandLookup.TryCreate(grading);
        }

        var table = _hitPolicy == HitPolicy.Scorecard ? policy.Grading : policy.Bands;
        if (table is { Below: not null, Rows.Length: > 0 } && AllRowsHaveLowerEnds(table))
        {
            var limit = LowestEdge(table);
            _belowLimit = limit;
            _belowAtEdge = NoRowIncludes(table, limit);
            _belowGrade = table.Below;
        }
    }

    /// <summary>
    /// The field a band table is on, whose value <see cref="Resolve"/> needs to give the <c>below</c> grade; null when no
    /// value is needed (no <c>below</c>) or when the table grades the score (scorecards pass it as the score).
    /// </summary>
    public FieldDefinition? BelowField => _belowLimit is null || _hitPolicy == HitPolicy.Scorecard ? null : _policy.Bands!.On;

    /// <summary>Whether the policy has a <c>below</c> grade, which reads the banded value rather than the fired rules.</summary>
    public bool HasBelow => _belowLimit is not null;

    /// <summary>The <c>below</c> grade, when <see cref="HasBelow"/>: what a value under every band is classified as.</summary>
    public int BelowGrade => _belowGrade!.Value;

    /// <summary>The grade a rule gives, or -1.</summary>
    public int GradeOf(int rule) => _ruleGrade[rule];

    /// <summary>Resolves the rules that fired for one fact.</summary>
    /// <param name="first">For <c>first</c> (and a band search): the rule that hit, or -1.</param>
    /// <param name="fired">The rules that fired.</param>
    /// <param name="score">A scorecard's total (ignored by other policies).</param>
    /// <param name="banded">The value of <see cref="BelowField"/>, or null when it is missing or not needed.</param>
    public Resolution Resolve(int first, FiredSet fired, decimal score, decimal? banded)
    {
        int grade = -1, deciding = -1, gradingRow = -1;
        switch (_hitPolicy)
        {
            case HitPolicy.First:
                if (first >= 0)
                {
                    deciding = first;
                    grade = _ruleGrade[first];
                }

                break;
            case HitPolicy.Unique:
                {
                    var count = fired.Count;
                    if (count > 1)
                    {
                        return new Resolution(DecisionStatus.Conflict, -1, -1, -1);
                    }

                    if (count == 1)
                    {
                        foreach (var index in fired)
                        {
                            deciding = index;
                        }

                        grade = _ruleGrade[deciding];
                    }

                    break;
                }

            case HitPolicy.Worst:
            case HitPolicy.Best:
            case HitPolicy.Collect:
                deciding = PickByRank(fired, _hitPolicy == HitPolicy.Best, out grade);
                break;
            case HitPolicy.Scorecard:
                grade = Score(fired, score, out deciding, out gradingRow);
                break;
        }

        var anyFired = gradingRow >= 0 || fired.Count > 0;
        return Final(grade, anyFired, _hitPolicy == HitPolicy.Scorecard ? score : banded) is { } final
            ? new Resolution(DecisionStatus.Classified, final, grade >= 0 ? deciding : -1, gradingRow)
            : new Resolution(DecisionStatus.Unclassified, -1, -1, gradingRow);
    }

    /// <summary>
    /// Resolves a typed kernel's result: <paramref name="first"/> is the deciding rule already under <c>first</c> and for
    /// a band; worst, best and collect pick it here from the fired rules, and under <c>unique</c> the one fired rule decides. Null for
    /// the outcomes a typed kernel leaves to the general path, which reports them with their errors: a conflict, or
    /// nothing that classifies.
    /// </summary>
    /// <param name="fired">The fired rules (typed kernels serve policies of up to 64 rules, no scorecards).</param>
    /// <param name="first">The kernel's result code.</param>
    /// <param name="banded">The banded value (a typed kernel sets it for every band table on a field).</param>
    public Resolution? ResolveTyped(ulong fired, int first, decimal banded)
    {
        var deciding = first;
        if (_hitPolicy is HitPolicy.Worst or HitPolicy.Best or HitPolicy.Collect)
        {
            // The kernel only says which rules fired (tracking the pick per rule cost a branch per fired rule); the pick
            // is made here, once per fired set, since a typed decision is kept per fired set.
            deciding = PickByRank(new FiredSet(fired, null), _hitPolicy == HitPolicy.Best, out _);
        }
        else if (_hitPolicy == HitPolicy.Unique)
        {
            if (System.Numerics.BitOperations.PopCount(fired) > 1)
            {
                return null;
            }

            deciding = fired != 0 ? System.Numerics.BitOperations.TrailingZeroCount(fired) : -1;
        }

        var grade = deciding >= 0 ? _ruleGrade[deciding] : -1;
        return Final(grade, fired != 0, banded) is { } final
            ? new Resolution(DecisionStatus.Classified, final, grade >= 0 ? deciding : -1, -1)
            : null;
    }

    /// <summary>
    /// The grade once the hit policy has picked <paramref name="picked"/> (or -1): that grade; none (-1) for a
    /// <c>collect</c> that fired rules without grades and has no default; the <c>below</c> grade when the banded value
    /// lies under every band; the default. Null when nothing classifies (unclassified).
    /// </summary>
    private int? Final(int picked, bool anyFired, decimal? banded)
    {
        if (picked >= 0)
        {
            return picked;
        }

        if (_hitPolicy == HitPolicy.Collect && anyFired && _policy.DefaultGrade is null)
        {
            return -1;
        }

        if (_belowLimit is { } limit && banded is { } value)
        {
            var c = decimal.Compare(value, limit);
            if (c < 0 || (c == 0 && _belowAtEdge))
            {
                return _belowGrade;
            }
        }

        return _policy.DefaultGrade;
    }

    /// <summary>The deciding rule by grade rank (-1 when none has a grade), its grade in <paramref name="grade"/>. Out
    /// parameters rather than a tuple, here and in <see cref="Score"/>: a value tuple over int is a type a first decision
    /// would load.</summary>
    private int PickByRank(FiredSet fired, bool best, out int grade)
    {
        var ruleGrade = _ruleGrade;
        grade = -1;
        var deciding = -1;
        foreach (var index in fired)
        {
            var g = ruleGrade[index];
            if (g >= 0 && (grade < 0 || (best ? g < grade : g > grade)))
            {
                grade = g;
                deciding = index;
            }
        }

        return deciding;
    }

    /// <summary>A scorecard: the strongest veto that fired, else the grading row the score falls in.</summary>
    /// <returns>The grade, or -1; the deciding rule and grading row in the out parameters (-1 when none).</returns>
    private int Score(FiredSet fired, decimal score, out int deciding, out int gradingRow)
    {
        var rules = _policy.Rules;
        int veto = -1, vetoGrade = -1;
        foreach (var index in fired)
        {
            if (rules[index].Kind == RuleKind.Veto && rules[index].Grade is { } g && g > vetoGrade)
            {
                veto = index;
                vetoGrade = g;
            }
        }

        gradingRow = -1;
        deciding = veto;
        if (veto >= 0)
        {
            return vetoGrade;
        }

        if (_policy.Grading is not { } grading)
        {
            return -1;
        }

        var row = -1;
        if (_gradingLookup is not null)
        {
            row = _gradingLookup.Find(score);
        }
        else
        {
            foreach (var candidate in grading.Rows)
            {
                if (candidate.Interval!.Value.Contains(score))
                {
                    row = candidate.Index;
                    break;
                }
            }
        }

        if (row < 0)
        {
            return -1;
        }

        deciding = row;
        gradingRow = row;
        return rules[row].Grade!.Value;
    }

    private static bool AllRowsHaveLowerEnds(BandTable table)
    {
        foreach (var row in table.Rows)
        {
            if (row.Interval!.Value.Low is null)
            {
                return false;
            }
        }

        return true;
    }

    private static decimal LowestEdge(BandTable table)
    {
        var lowest = decimal.MaxValue;
        foreach (var row in table.Rows)
        {
            lowest = Math.Min(lowest, row.Interval!.Value.Low!.Value);
        }

        return lowest;
    }

    /// <summary>Whether no row that starts at the lowest edge includes it (then the edge itself is below every band).</summary>
    private static bool NoRowIncludes(BandTable table, decimal edge)
    {
        foreach (var row in table.Rows)
        {
            if (row.Interval!.Value.Low == edge && row.Interval.Value.LowInclusive)
            {
                return false;
            }
        }

        return true;
    }
}
