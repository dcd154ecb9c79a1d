// `score:`, `veto:` and `grading:` of a scorecard policy.
using Tiering.Rules.Collections;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    /// <summary>The keys of score items and vetoes, apart so that loading only plain rules never builds them.</summary>
    private static class ScorecardKeys
    {
        public static readonly string[] Score = ["id", "when", "points", "because", "description", "accept"];
        public static readonly string[] Veto = ["id", "when", "grade", "outputs", "because", "description", "accept"];
    }

    private BandTable? ReadScorecard(MappingSyntax policy, MappingEntry scoreNode, ScratchList<RuleDefinition> rules, NameMap<GradeDefinition> grades, NameMap<SyntaxNode> ruleIds)
    {
        if (_read.AsSequence(scoreNode.Value, "score") is { } items)
        {
            foreach (var item in items.Items)
            {
                if (_read.AsMapping(item, "a score item") is not { } map)
                {
                    continue;
                }

                _read.CheckKeys(map, "a score item", ScorecardKeys.Score);
                var id = ReadRuleId(map, "a score item", ruleIds);
                var where = id is null ? "a score item" : $"score item '{id}'";
                var when = map.Find("when") is { } w ? GuardAggregates(BindExpression(w.Value, $"when of {where}", asCondition: true)) : null;
                var points = _read.Required(map, "points", where) is { } p ? BindExpression(p, $"points of {where}", asCondition: false) : null;
                if (id is not null && points is not null && (map.Find("when") is null || when is not null))
                {
                    rules.Add(new RuleDefinition(id, rules.Count, RuleKind.ScoreItem, when, null, OutputMap.Empty, _read.String(map.Find("because")?.Value, "because"), map.Span)
                    {
                        Points = points,
                        Accepts = ReadAccepts(map),
                        Text = $"{ScalarText(map.Find("when")?.Value) ?? "always"} → {ScalarText(map.Find("points")?.Value)} points",
                    });
                }
            }
        }

        if (policy.Find("veto") is { } vetoNode && _read.AsSequence(vetoNode.Value, "veto") is { } vetoes)
        {
            foreach (var item in vetoes.Items)
            {
                if (_read.AsMapping(item, "a veto") is not { } map)
                {
                    continue;
                }

                _read.CheckKeys(map, "a veto", ScorecardKeys.Veto);
                var id = ReadRuleId(map, "a veto", ruleIds);
                var where = id is null ? "a veto" : $"veto '{id}'";
                var when = _read.Required(map, "when", where) is { } w ? GuardAggregates(BindExpression(w, $"when of {where}", asCondition: true)) : null;
                var grade = _read.Required(map, "grade", where) is { } g ? ReadGradeRef(g, grades, $"grade of {where}") : null;
                if (id is not null && when is not null && grade is not null)
                {
                    var outputs = ReadOutputs(map.Find("outputs")?.Value, out var computed);
                    rules.Add(new RuleDefinition(id, rules.Count, RuleKind.Veto, when, grade, outputs, _read.String(map.Find("because")?.Value, "because"), map.Span) { Text = ScalarText(map.Find("when")?.Value), Accepts = ReadAccepts(map), Computed = computed });
                }
            }
        }

        var gradingNode = _read.Required(policy, "grading", "a scorecard");
        return gradingNode is null ? null : ReadBandTable(gradingNode, "grading", rules, grades, ruleIds, isGrading: true);
    }
}
