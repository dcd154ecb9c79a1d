using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Under hitPolicy first, a rule every fact of which is taken by earlier rules (TR4005), with the earlier rules that
/// share facts with it and a fact that both match.
/// </summary>
internal sealed class MaskedRuleCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.Masked];

    public override bool AppliesTo(PolicyDefinition policy) => policy.HitPolicy == HitPolicy.First;

    public override void Run(PolicyAnalysisContext context)
    {
        var rules = context.Policy.Rules;
        var regions = context.Regions;
        for (var i = 0; i < rules.Length; i++)
        {
            if (regions[i] is not { IsEmpty: false } region)
            {
                continue;
            }

            var remaining = region;
            var maskers = new List<int>();
            for (var j = 0; j < i && remaining is { IsEmpty: false }; j++)
            {
                if (regions[j] is not { IsEmpty: false } earlier)
                {
                    continue;
                }

                if (region.Intersect(earlier, PolicyAnalysisContext.BoxLimit) is { IsEmpty: false })
                {
                    maskers.Add(j);
                }

                remaining = remaining.Minus(earlier, context.Domains, PolicyAnalysisContext.BoxLimit);
            }

            if (remaining is { IsEmpty: true } && maskers.Count > 0)
            {
                var witnessBox = region.Intersect(regions[maskers[0]]!, PolicyAnalysisContext.BoxLimit)!.Boxes[0];
                var witness = context.Witness(witnessBox, PolicyAnalysisContext.ReadIndices(rules[i], rules[maskers[0]]));
                var ids = maskers.Select(m => rules[m].Id).ToArray();
                context.Report(DiagnosticDescriptors.Masked, rules[i].Span, [rules[i].Id, .. ids], witness,
                    rules[i].Id, string.Join(", ", ids.Select(id => $"'{id}'")), PolicyAnalysisContext.Show(witness));
            }
        }
    }
}
