using System.Collections.Immutable;
using Tiering.Rules.Compilation;
using Tiering.Rules.Model;

namespace Tiering.Rules;

/// <summary>
/// The result of deciding one fact against one policy: status, grade, outputs, the rules that fired with their
/// evidence, and per-field errors. Immutable and safe to share between threads; the fired rules and their evidence
/// are materialised on first access.
/// </summary>
public sealed class Decision
{
    private static readonly IReadOnlyDictionary<string, string> NoOutputs = ImmutableDictionary<string, string>.Empty;

    private readonly CompiledPolicy _policy;
    private readonly Frame? _frame;
    private readonly int _grade;
    private readonly int _deciding;
    private IReadOnlyList<FiredRule>? _firedRules;
    private IReadOnlyList<string>? _firedIds;
    private IReadOnlyDictionary<string, string>? _outputs;

    internal Decision(CompiledPolicy policy, Frame? frame, DecisionStatus status, int grade, int deciding, DateOnly? asOf)
    {
        _policy = policy;
        _frame = frame;
        _grade = grade;
        _deciding = deciding;
        Status = status;
        AsOf = asOf;
    }

    internal static Decision Invalid(CompiledPolicy policy, Frame? frame, DateOnly? asOf, IReadOnlyList<FieldError> errors) =>
        new(policy, frame, DecisionStatus.Invalid, -1, -1, asOf) { ErrorList = errors };

    internal IReadOnlyList<FieldError> ErrorList { get; init; } = [];

    /// <summary>How many versions of the policy were loaded when this decision was made.</summary>
    internal int VersionCount { get; set; } = 1;

    /// <summary>The id of the policy that decided.</summary>
    public string PolicyId => _policy.Definition.Id;

    /// <summary>The version of the policy that decided (the one effective on <see cref="AsOf"/>).</summary>
    public string PolicyVersion => _policy.Definition.Version;

    /// <summary>The as-of date the decision was made for, if one was given.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>What the decision came to.</summary>
    public DecisionStatus Status { get; }

    /// <summary>The grade, when <see cref="Status"/> is <see cref="DecisionStatus.Classified"/>; otherwise null.</summary>
    public Grade? Grade => _grade >= 0 ? _policy.Grades[_grade] : null;

    /// <summary>The scorecard total, for scorecard policies that reached the rules; otherwise null.</summary>
    public decimal? Score => _policy.Definition.HitPolicy == HitPolicy.Scorecard && _frame is not null && Status is DecisionStatus.Classified or DecisionStatus.Unclassified
        ? _frame.Score
        : null;

    /// <summary>
    /// Per-field errors when <see cref="Status"/> is <see cref="DecisionStatus.Invalid"/> or <see cref="DecisionStatus.Conflict"/>;
    /// for <see cref="DecisionStatus.Unclassified"/> one <see cref="FieldErrorKind.NoMatch"/> entry saying which value fell
    /// through; otherwise empty.
    /// </summary>
    public IReadOnlyList<FieldError> Errors => ErrorList;

    /// <summary>
    /// The outputs: the grade's declared outputs overlaid by those of the rule that decided (for <c>collect</c>, of every
    /// fired rule). Empty when there is no grade.
    /// </summary>
    public IReadOnlyDictionary<string, string> Outputs => _outputs ??= BuildOutputs();

    /// <summary>The ids of the rules that fired, in file order.</summary>
    public IReadOnlyList<string> FiredRuleIds => _firedIds ??= BuildFiredIds();

    /// <summary>The rules that fired, in file order, each with the values it read.</summary>
    public IReadOnlyList<FiredRule> FiredRules => _firedRules ??= BuildFiredRules();

    /// <summary>The id of the rule whose grade became the decision's grade, or null (default grade, <c>below</c>, no grade).</summary>
    public string? DecidingRuleId => _deciding >= 0 ? _policy.Definition.Rules[_deciding].Id : null;

    private bool HasRuleResults => _frame is not null && Status is DecisionStatus.Classified or DecisionStatus.Unclassified or DecisionStatus.Conflict;

    private IReadOnlyDictionary<string, string> BuildOutputs()
    {
        if (Status != DecisionStatus.Classified)
        {
            return NoOutputs;
        }

        if (_policy.Definition.HitPolicy == HitPolicy.Collect && _frame is not null)
        {
            var merged = _grade >= 0 ? _policy.GradeOutputs[_grade] : ImmutableDictionary<string, string>.Empty;
            foreach (var index in _frame.FiredIndices())
            {
                merged = merged.SetItems(_policy.Definition.Rules[index].Outputs);
            }

            return merged;
        }

        if (_deciding >= 0)
        {
            return _policy.RuleOutputs[_deciding];
        }

        return _grade >= 0 ? _policy.GradeOutputs[_grade] : NoOutputs;
    }

    private IReadOnlyList<string> BuildFiredIds() => HasRuleResults ? _policy.FiredIds(_frame!) : [];

    private IReadOnlyList<FiredRule> BuildFiredRules()
    {
        if (!HasRuleResults)
        {
            return [];
        }

        var result = new List<FiredRule>();
        foreach (var index in _frame!.FiredIndices())
        {
            var rule = _policy.Definition.Rules[index];
            var evidence = rule.Reads.Select(f => new FieldReading(f.Name, _frame.IsMissing(f.Index) ? null : _frame.Read(f).ToObject(f))).ToList();
            if (rule.Kind == RuleKind.GradingBand)
            {
                evidence.Add(new FieldReading("score", _frame.Score));
            }

            result.Add(new FiredRule(
                rule.Id,
                rule.Grade is { } g ? _policy.Grades[g] : null,
                rule.Span,
                rule.Because,
                evidence,
                rule.Outputs)
            {
                Points = rule.Kind == RuleKind.ScoreItem ? _frame.ItemPoints![index] : null,
            });
        }

        return result;
    }

    /// <summary>Builds a readable trace of this decision: the version and why, every rule with the values it read and whether it fired.</summary>
    /// <returns>The trace; its <see cref="DecisionTrace.ToString"/> renders text for people.</returns>
    public DecisionTrace Explain()
    {
        var definition = _policy.Definition;
        var reachedRules = HasRuleResults;
        var facts = definition.AllFields
            .Select(f => new FieldReading(f.Name, _frame is null || _frame.IsMissing(f.Index) || (Status == DecisionStatus.Invalid && ErrorList.Any(e => e.Field == f.Name)) ? null : _frame.Read(f).ToObject(f)))
            .ToList();
        var rules = new List<RuleTrace>();
        foreach (var rule in definition.Rules)
        {
            var fired = reachedRules && _frame!.IsFired(rule.Index);
            var checkedRule = reachedRules
                && (definition.HitPolicy != HitPolicy.First || _deciding < 0 || rule.Index <= _deciding);
            var outcome = fired ? RuleOutcome.Fired : checkedRule ? RuleOutcome.NotFired : RuleOutcome.NotChecked;
            var readings = _frame is null
                ? []
                : rule.Reads.Select(f => new FieldReading(f.Name, _frame.IsMissing(f.Index) ? null : _frame.Read(f).ToObject(f))).ToList();
            rules.Add(new RuleTrace(
                rule.Id,
                rule.Text,
                rule.Grade is { } g ? _policy.Grades[g] : null,
                outcome,
                readings,
                rule.Because,
                fired && rule.Kind == RuleKind.ScoreItem ? _frame!.ItemPoints![rule.Index] : null));
        }

        bool? applies = definition.AppliesWhen is null ? null
            : Status == DecisionStatus.NotApplicable && _frame is not null ? false
            : reachedRules ? true
            : null;
        return new DecisionTrace(this, definition.Title, definition.HitPolicy, VersionReason(), definition.AppliesWhenText, applies, facts, rules);
    }

    private string VersionReason()
    {
        var p = _policy.Definition;
        if (p.EffectiveFrom is null && p.EffectiveUntil is null)
        {
            return VersionCount == 1 ? "the only version loaded (no effective dates)" : "not effective-dated";
        }

        var range = $"effective {p.EffectiveFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(any time)"} until {p.EffectiveUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(open)"} (exclusive)";
        return AsOf is { } asOf
            ? $"{range}; it covers the as-of date {asOf:yyyy-MM-dd} ({VersionCount} version(s) loaded)"
            : $"{range}; the only version loaded, no as-of date given";
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{PolicyId}@{PolicyVersion}: {Status.ToString().ToLowerInvariant()}{(Grade is { } g ? " " + g.Id : string.Empty)} [{string.Join(", ", FiredRuleIds)}]";
}
