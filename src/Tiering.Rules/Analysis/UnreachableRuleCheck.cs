using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Rules that can never fire: a condition that contradicts itself (TR4003) or lies outside the declared domains
/// (TR4004). Runs first, for every policy: it translates each rule's condition into the region
/// (<see cref="PolicyAnalysisContext.Regions"/>) that the masking, overlap and gap checks read, and says which rules
/// are beyond the analysis.
/// </summary>
internal sealed class UnreachableRuleCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.Contradiction, DiagnosticDescriptors.OutsideDomain];

    public override void Run(PolicyAnalysisContext context)
    {
        var rules = context.Policy.Rules;
        var regions = new Region?[rules.Length];
        foreach (var rule in rules)
        {
            if (rule.Kind == RuleKind.GradingBand)
            {
                continue;
            }

            regions[rule.Index] = RuleRegion(context, rule);
        }

        context.Regions = regions;
    }

    /// <summary>The region a rule matches within the domain; reports contradictions and beyond-analysis conditions.</summary>
    private static Region? RuleRegion(PolicyAnalysisContext context, RuleDefinition rule)
    {
        if (rule.Condition is null)
        {
            return rule.Kind == RuleKind.ScoreItem ? Region.All : null;
        }

        var translator = new ConditionTranslator(context.Spaces, PolicyAnalysisContext.BoxLimit, context.Budget);
        var raw = translator.Translate(rule.Condition);
        if (raw is null)
        {
            context.ReportBeyond(DiagnosticDescriptors.BeyondAnalysis, rule.Span, [rule.Id], rule.Id, translator.Reason);
            return null;
        }

        if (!CanMatch(context, raw))
        {
            context.Report(DiagnosticDescriptors.Contradiction, rule.Span, [rule.Id], null, rule.Id, rule.Text ?? "its condition");
            return Region.Empty;
        }

        var clipped = raw.Clip(context.Domains);
        if (clipped.IsEmpty)
        {
            context.Report(DiagnosticDescriptors.OutsideDomain, rule.Span, [rule.Id], null, rule.Id, FieldsAndDomains(context, raw));
            return Region.Empty;
        }

        return clipped;
    }

    /// <summary>The fields a condition constrains, each with its domain (a method of its own: its lambda's closure would cost every rule an allocation).</summary>
    private static string FieldsAndDomains(PolicyAnalysisContext context, Region raw) =>
        string.Join(", ", raw.Boxes.SelectMany(b => b.Fields).Distinct().Select(i => $"'{context.Spaces[i].Field.Name}' ({context.Domain(i)})"));

    /// <summary>Whether some box of the condition holds a value once each field is held to whole numbers where it must be.</summary>
    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    private static bool CanMatch(PolicyAnalysisContext context, Region raw)
    {
        foreach (var box in raw.Boxes)
        {
            if (!box.HasEmptySet && box.Clip(context.IntegerOnly) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
