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
        if (OneFieldSets(context) is { } sets)
        {
            RunOnOneField(context, sets);
            return;
        }

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

                if (region.Intersect(earlier, PolicyAnalysisContext.BoxLimit, context.Budget) is { IsEmpty: false })
                {
                    maskers.Add(j);
                }

                remaining = remaining.Minus(earlier, context.Domains, PolicyAnalysisContext.BoxLimit, context.Budget);
            }

            if (context.Budget.Exhausted)
            {
                return; // the analyzer says the analysis is incomplete
            }

            if (remaining is { IsEmpty: true } && maskers.Count > 0
                && region.Intersect(regions[maskers[0]]!, PolicyAnalysisContext.BoxLimit, context.Budget) is { IsEmpty: false } shared)
            {
                var witnessBox = shared.Boxes[0];
                var witness = context.Witness(witnessBox, PolicyAnalysisContext.ReadIndices(rules[i], rules[maskers[0]]));
                var ids = maskers.Select(m => rules[m].Id).ToArray();
                context.Report(DiagnosticDescriptors.Masked, rules[i].Span, [rules[i].Id, .. ids], witness,
                    rules[i].Id, string.Join(", ", ids.Select(id => $"'{id}'")), PolicyAnalysisContext.Show(witness));
            }
        }
    }

    /// <summary>
    /// When every rule that can fire is one set of values of one and the same field (a band table, or rules like
    /// <c>x &gt;= 10 and x &lt; 20</c>), each rule's set by rule index; else null. Masking is then a question about sets of
    /// numbers, answered without cutting boxes.
    /// </summary>
    private static IntervalSet?[]? OneFieldSets(PolicyAnalysisContext context)
    {
        var sets = new IntervalSet?[context.Policy.Rules.Length];
        var field = -1;
        for (var i = 0; i < sets.Length; i++)
        {
            if (context.Regions[i] is not { IsEmpty: false } region)
            {
                continue;
            }

            if (region.Boxes.Length != 1 || region.Boxes[0].Count != 1 || (field >= 0 && region.Boxes[0].FieldAt(0) != field))
            {
                return null;
            }

            field = region.Boxes[0].FieldAt(0);
            sets[i] = region.Boxes[0].SetAt(0);
        }

        return sets;
    }

    /// <summary>The check over one field: a rule is masked when the union of the earlier rules' sets holds its set.</summary>
    private static void RunOnOneField(PolicyAnalysisContext context, IntervalSet?[] sets)
    {
        var rules = context.Policy.Rules;
        IntervalSet? earlier = null;
        for (var i = 0; i < rules.Length; i++)
        {
            if (sets[i] is not { } set)
            {
                continue;
            }

            if (!context.Budget.Spend())
            {
                return; // the analyzer says the analysis is incomplete
            }

            if (earlier is not null && set.IsSubsetOf(earlier))
            {
                // The earlier rules that share facts with it, up to the one that completes the cover (as the general loop).
                var maskers = new List<int>();
                var rest = set;
                for (var j = 0; j < i && !rest.IsEmpty; j++)
                {
                    if (sets[j] is { } other)
                    {
                        if (!set.Intersect(other).IsEmpty)
                        {
                            maskers.Add(j);
                        }

                        rest = rest.Minus(other);
                    }
                }

                var witnessBox = context.Regions[i]!.Boxes[0].With(context.Regions[i]!.Boxes[0].FieldAt(0), set.Intersect(sets[maskers[0]]!));
                var witness = context.Witness(witnessBox, PolicyAnalysisContext.ReadIndices(rules[i], rules[maskers[0]]));
                var ids = maskers.Select(m => rules[m].Id).ToArray();
                context.Report(DiagnosticDescriptors.Masked, rules[i].Span, [rules[i].Id, .. ids], witness,
                    rules[i].Id, string.Join(", ", ids.Select(id => $"'{id}'")), PolicyAnalysisContext.Show(witness));
            }

            earlier = earlier is null ? set : earlier.Union(set);
        }
    }
}
