using System.Globalization;
using System.Text;

namespace Tiering.Rules.NRules.Tests.Support;

/// <summary>Two decisions compared member by member: everything a caller can read of a decision.</summary>
internal static class Same
{
    /// <summary>A decision as text holding every public member (status, version, grade, deciding and fired rules with
    /// their points, the collect list in its order with each rule's outputs, score, outputs, errors with kinds, as-of date), so that two decisions differ exactly when these do.</summary>
    public static string Describe(Decision d)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{d.PolicyId}@{d.PolicyVersion} {d.Status} grade={d.Grade?.Id ?? "-"} deciding={d.DecidingRuleId ?? "-"}");
        text.Append(CultureInfo.InvariantCulture, $" asOf={d.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"} score={d.Score?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        text.Append(" fired=[").AppendJoin(",", d.FiredRules.Select(r => r.Points is { } p ? $"{r.Id}:{p.ToString(CultureInfo.InvariantCulture)}" : r.Id)).Append(']');
        text.Append(" collected=[").AppendJoin(",", d.Collected.Select(r => $"{r.Id}{(r.Priority is { } p ? "@" + p.ToString(CultureInfo.InvariantCulture) : string.Empty)}{{{string.Join(";", r.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))}}}")).Append(']');
        text.Append(" outputs={").AppendJoin(",", d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")).Append('}');
        text.Append(" errors=[").AppendJoin(" | ", d.Errors.Select(e => $"{e.Kind} {e.Field}: {e.Message}")).Append(']');
        if (d.Group is { } g)
        {
            text.Append(CultureInfo.InvariantCulture, $" group={g.Key} members={g.Members} excluded={g.Excluded} aggregates=[");
            text.AppendJoin(",", g.Aggregates.Select(a => $"{a.Name}={a.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"}({a.Counted};{a.Part};{a.Whole};{a.WhyMissing};{string.Join('+', a.RuleIds)})")).Append(']');
        }

        return text.ToString();
    }
}
