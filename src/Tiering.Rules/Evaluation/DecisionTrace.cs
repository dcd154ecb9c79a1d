using System.Globalization;
using System.Text;
using Tiering.Rules.Model;

namespace Tiering.Rules;

/// <summary>How one rule fared in a decision.</summary>
public enum RuleOutcome
{
    /// <summary>The rule's condition held.</summary>
    Fired,

    /// <summary>The rule was checked and its condition did not hold.</summary>
    NotFired,

    /// <summary>The rule was not checked (an earlier rule decided under hitPolicy first, or the fact never reached the rules).</summary>
    NotChecked,
}

/// <summary>One rule in a trace: what it says, what it read, and whether it fired.</summary>
/// <param name="Id">The rule id.</param>
/// <param name="Condition">The condition as written (a band's interval for band rows).</param>
/// <param name="Grade">The grade the rule gives, if any.</param>
/// <param name="Outcome">Whether it fired.</param>
/// <param name="Readings">The values it read.</param>
/// <param name="Because">The citation.</param>
/// <param name="Points">The points it added (scorecard items that fired).</param>
public sealed record RuleTrace(string Id, string? Condition, Grade? Grade, RuleOutcome Outcome, IReadOnlyList<FieldReading> Readings, string? Because, decimal? Points);

/// <summary>A readable account of one decision, for people: the version and why, each rule checked with its values, the result.</summary>
/// <param name="Decision">The decision traced.</param>
/// <param name="Title">The policy title.</param>
/// <param name="HitPolicy">The hit policy.</param>
/// <param name="VersionReason">Why this version was chosen.</param>
/// <param name="AppliesWhen">The scope condition as written, if any.</param>
/// <param name="Applies">Whether the scope condition held (null when it was not evaluated or there is none).</param>
/// <param name="Facts">Every declared field with the value the decision saw.</param>
/// <param name="Rules">Every rule, in file order.</param>
public sealed record DecisionTrace(
    Decision Decision,
    string? Title,
    HitPolicy HitPolicy,
    string VersionReason,
    string? AppliesWhen,
    bool? Applies,
    IReadOnlyList<FieldReading> Facts,
    IReadOnlyList<RuleTrace> Rules)
{
    /// <summary>Renders the trace as indented text (UTF-8 safe; Chinese labels and citations are kept as written).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var d = Decision;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Policy {d.PolicyId} version {d.PolicyVersion}");
        sb.AppendLine(Title is null ? string.Empty : $" — {Title}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  version: {VersionReason}");
        sb.AppendLine("Facts:");
        foreach (var fact in Facts)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {fact.Field} = {Show(fact.Value)}");
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
            var points = rule.Points is { } p ? $" (+{p.ToString(CultureInfo.InvariantCulture)} points)" : string.Empty;
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {mark} {rule.Id}: {rule.Condition}{grade}{points}");
            if (rule.Readings.Count > 0 && rule.Outcome != RuleOutcome.NotChecked)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"             read: {string.Join(", ", rule.Readings.Select(r => $"{r.Field} = {Show(r.Value)}"))}");
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

        sb.Append(CultureInfo.InvariantCulture, $"Result: {Testing.PolicyTestFile.StatusName(d.Status)}");
        if (d.Grade is { } grade2)
        {
            sb.Append(CultureInfo.InvariantCulture, $" — {grade2}");
            sb.Append(d.DecidingRuleId is { } by ? $", decided by {by}" : d.Status == DecisionStatus.Classified ? ", no rule decided (default or below)" : string.Empty);
        }

        sb.AppendLine();
        foreach (var (key, value) in d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  output {key} = {value}");
        }

        foreach (var error in d.Errors)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  error {error.Field}: {error.Message}");
        }

        return sb.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "(missing)",
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

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
