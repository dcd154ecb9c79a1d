using System.Globalization;
using System.Text;

namespace Tiering.Rules;

/// <summary>
/// A readable account of one decision, for people: the version and why, each rule checked with its values, the result.
/// Immutable; <see cref="ToString"/> renders it as text.
/// </summary>
public sealed class DecisionTrace
{
    /// <summary>Creates a trace.</summary>
    /// <param name="decision">The decision traced.</param>
    /// <param name="title">The policy title.</param>
    /// <param name="hitPolicy">The hit policy.</param>
    /// <param name="versionReason">Why this version was chosen.</param>
    /// <param name="appliesWhen">The scope condition as written, if any.</param>
    /// <param name="applies">Whether the scope condition held.</param>
    /// <param name="facts">Every declared field with the value the decision saw.</param>
    /// <param name="rules">Every rule, in file order.</param>
    internal DecisionTrace(
        Decision decision,
        string? title,
        HitPolicy hitPolicy,
        string versionReason,
        string? appliesWhen,
        bool? applies,
        IReadOnlyList<FieldReading> facts,
        IReadOnlyList<RuleTrace> rules)
    {
        Decision = decision;
        Title = title;
        HitPolicy = hitPolicy;
        VersionReason = versionReason;
        AppliesWhen = appliesWhen;
        Applies = applies;
        Facts = facts;
        Rules = rules;
    }

    /// <summary>The decision traced.</summary>
    public Decision Decision { get; }

    /// <summary>The policy title.</summary>
    public string? Title { get; }

    /// <summary>The hit policy.</summary>
    public HitPolicy HitPolicy { get; }

    /// <summary>Why this version was chosen.</summary>
    public string VersionReason { get; }

    /// <summary>The scope condition as written, if any.</summary>
    public string? AppliesWhen { get; }

    /// <summary>Whether the scope condition held (null when it was not evaluated or there is none).</summary>
    public bool? Applies { get; }

    /// <summary>Every declared field with the value the decision saw.</summary>
    public IReadOnlyList<FieldReading> Facts { get; }

    /// <summary>Every rule, in file order.</summary>
    public IReadOnlyList<RuleTrace> Rules { get; }

    /// <summary>Renders the trace as indented text (UTF-8 safe; Chinese labels and citations are kept as written).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var d = Decision;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Policy {d.PolicyId} version {d.PolicyVersion}");
        sb.AppendLine(Title is null ? string.Empty : $" — {Title}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  version: {VersionReason}");
        if (d.Group is { } group)
        {
            AppendGroup(sb, group);
        }

        sb.AppendLine("Facts:");
        foreach (var fact in Facts)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {fact.Field} = {(fact.Value is null && IsInvalid(fact.Field) ? "(invalid: see the errors below)" : FieldReading.Show(fact.Value))}");
        }

        if (AppliesWhen is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Scope: appliesWhen {AppliesWhen} → {(Applies is { } a ? (a ? "true" : "false (not applicable)") : "not evaluated")}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"Rules (hitPolicy {HitPolicy.ToString().ToLowerInvariant()}: {Describe(HitPolicy)}):");
        foreach (var rule in Rules)
        {
            var mark = rule.Outcome switch
            {
                RuleOutcome.Fired => "✓ fired  ",
                RuleOutcome.NotFired => "✗ no     ",
                _ => "· skipped",
            };
            var grade = rule.Grade is { } g ? $" → {g}" : string.Empty;
            var points = rule.Points is { } p ? $" ({(p >= 0 ? "+" : string.Empty)}{p.ToString(CultureInfo.InvariantCulture)} points)" : string.Empty;
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {mark} {rule.Id}: {rule.Condition}{grade}{points}");
            if (rule.Readings.Count > 0 && rule.Outcome != RuleOutcome.NotChecked)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"             read: {string.Join(", ", rule.Readings.Select(r => $"{r.Field} = {FieldReading.Show(r.Value)}"))}");
            }

            if (rule.Because is not null && rule.Outcome == RuleOutcome.Fired)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"             because: {rule.Because}");
            }
        }

        if (d.Score is { } score)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Score: {score.ToString(CultureInfo.InvariantCulture)}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"Result: {d.Status.ToSnakeCase()}");
        if (d.Grade is { } grade2)
        {
            sb.Append(CultureInfo.InvariantCulture, $" — {grade2}");
            sb.Append(d.DecidingRuleId is { } by ? $", decided by {by}" : d.Status == DecisionStatus.Classified ? ", no rule decided (default or below)" : string.Empty);
        }

        sb.AppendLine();
        foreach (var (key, value) in d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var formula = d.Computed?.Outputs.FirstOrDefault(o => o.Name == key) is { } computed ? $"  (= {computed.Text})" : string.Empty;
            sb.AppendLine(CultureInfo.InvariantCulture, $"  output {key} = {value}{formula}");
        }

        if (HitPolicy == HitPolicy.Collect && d.FiredRules.Any(r => r.Outputs.Count > 0))
        {
            var collected = d.Collected;
            sb.AppendLine(collected.Count > 0 && collected[0].Priority is not null ? "Collected (by priority, then rule order):" : "Collected (rule order):");
            foreach (var rule in collected.Where(r => r.Outputs.Count > 0))
            {
                var priority = rule.Priority is { } p ? $" (priority {p.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {rule.Id}{priority}: {string.Join(", ", rule.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} = {o.Value}"))}");
            }
        }

        foreach (var error in d.Errors)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  error {error.Field}: {error.Message}");
        }

        return sb.ToString();
    }

    /// <summary>The group of a group policy's decision: key, members, and every aggregate with its evidence.</summary>
    internal static void AppendGroup(StringBuilder sb, DecisionGroup group)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"Group: {string.Join(", ", group.KeyFields.Select((f, i) => $"{f} = {group.KeyValues[i]}"))} — {group.Members} member(s) counted{(group.Excluded > 0 ? $", {group.Excluded} excluded (invalid, not counted)" : string.Empty)}");
        foreach (var a in group.Aggregates)
        {
            var value = a.Value is { } v ? AggregateValue.Format(v) : "(missing)";
            sb.Append(CultureInfo.InvariantCulture, $"  group.{a.Name} = {value}  [{a.Description}; {a.Counted} member(s)");
            if (a.Part is { } part && a.Whole is { } whole)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; {AggregateValue.Format(part)} of {AggregateValue.Format(whole)}");
            }

            if (a.RuleIds.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; member rules: {string.Join(", ", a.RuleIds)}");
            }

            sb.AppendLine("]");
            if (a.WhyMissing is { } why)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    {why}; a rule that reads group.{a.Name} does not fire");
            }
        }
    }

    /// <summary>This trace for the same outcome reported as a group's decision.</summary>
    internal DecisionTrace WithDecision(Decision decision) => new(decision, Title, HitPolicy, VersionReason, AppliesWhen, Applies, Facts, Rules);

    /// <summary>Whether the decision rejects the field's value (as opposed to finding it absent).</summary>
    private bool IsInvalid(string field)
    {
        foreach (var error in Decision.Errors)
        {
            if (error.Field == field && error.Kind != FieldErrorKind.Missing)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(HitPolicy policy) => policy switch
    {
        HitPolicy.First => "rules in file order, the first that matches decides",
        HitPolicy.Unique => "at most one rule may match",
        HitPolicy.Worst => "every rule is checked, the most severe grade wins",
        HitPolicy.Best => "every rule is checked, the least severe grade wins",
        HitPolicy.Collect => "every rule is checked, all outputs are collected",
        _ => "points are summed, a veto wins, the score is graded by bands",
    };
}
