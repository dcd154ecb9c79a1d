using System.Globalization;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules;

/// <summary>Builds the <see cref="DecisionTrace"/> of a decision from the frame it was decided in.</summary>
internal static class TraceBuilder
{
    /// <param name="decision">The decision.</param>
    /// <param name="frame">The frame the fact was bound into, or null when no version could decide.</param>
    /// <param name="versionCount">How many versions of the policy are loaded.</param>
    public static DecisionTrace Build(Decision decision, Frame? frame, int versionCount)
    {
        var policy = decision.Policy;
        var definition = policy.Definition;
        var status = decision.Status;
        var reachedRules = frame is not null && status is DecisionStatus.Classified or DecisionStatus.Unclassified or DecisionStatus.Conflict;
        // A group decided by the policy's own rules shows the group fact only: its members' fields are not in its frame.
        var groupFact = definition.Group is { DecidesGroups: true, DecideWith: null } group ? group : null;
        var facts = definition.AllFields
            .Where(f => groupFact is null || f.IsAggregate || groupFact.Key.Any(k => k.Index == f.Index) || groupFact.Constant.Any(c => c.Index == f.Index))
            .Select(f => new FieldReading(f.Name, frame is null || frame.IsMissing(f.Index) || (status == DecisionStatus.Invalid && decision.Errors.Any(e => e.Field == f.Name)) ? null : frame.Read(f).ToObject(f)))
            .ToList();
        var deciding = decision.DecidingIndex;
        var rules = new List<RuleTrace>();
        foreach (var rule in definition.Rules)
        {
            var fired = reachedRules && decision.IsFired(rule.Index);
            var checkedRule = reachedRules
                && (definition.HitPolicy != HitPolicy.First || deciding < 0 || rule.Index <= deciding);
            var outcome = fired ? RuleOutcome.Fired : checkedRule ? RuleOutcome.NotFired : RuleOutcome.NotChecked;
            List<FieldReading> readings = frame is null
                ? []
                : [.. rule.Reads.Select(f => new FieldReading(f.Name, frame.IsMissing(f.Index) ? null : frame.Read(f).ToObject(f)))];
            if (frame is not null && rule.Kind == RuleKind.GradingBand)
            {
                readings.Add(new FieldReading("score", frame.Score));
            }

            rules.Add(new RuleTrace(
                rule.Id,
                rule.Text,
                rule.Grade is { } g ? policy.Compiled.Grades[g] : null,
                outcome,
                readings,
                rule.Because,
                fired && rule.Kind == RuleKind.ScoreItem ? frame!.ItemPoints![rule.Index] : null));
        }

        bool? applies = definition.AppliesWhen is null ? null
            : status == DecisionStatus.NotApplicable && frame is not null ? false
            : reachedRules ? true
            : null;
        return new DecisionTrace(decision, definition.Title, definition.HitPolicy, VersionReason(definition, decision.AsOf, versionCount), definition.AppliesWhenText, applies, facts, rules);
    }

    private static string VersionReason(PolicyDefinition p, DateOnly? asOf, int versionCount)
    {
        if (p.EffectiveFrom is null && p.EffectiveUntil is null)
        {
            return versionCount == 1 ? "the only version loaded (no effective dates)" : "not effective-dated";
        }

        var from = p.EffectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(any time)";
        var range = p.EffectiveUntil is { } until
            ? $"effective {from} until {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (exclusive)"
            : $"effective from {from}, open-ended";
        return asOf is { } date
            ? $"{range}; it covers the as-of date {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({versionCount} version(s) loaded)"
            : versionCount == 1
                ? $"{range}; the only version loaded, no as-of date given"
                : $"{range}; the latest of {versionCount} versions loaded, none chosen: no as-of date given";
    }
}
