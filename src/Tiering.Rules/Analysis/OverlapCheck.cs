using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Facts (or scores) that two rules match where only one should (TR4002): any two rules under hitPolicy unique (an
/// error), two band rows, two rules of a policy that says it is <c>disjoint</c>, or two grading rows (warnings).
/// </summary>
internal sealed class OverlapCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports =>
        [DiagnosticDescriptors.Overlap, DiagnosticDescriptors.OverlapUnique, DiagnosticDescriptors.OverlapInGrading];

    public override bool AppliesTo(PolicyDefinition policy) => AmongRules(policy) || policy.Grading is not null;

    public override void Run(PolicyAnalysisContext context)
    {
        // Each table kind has a method of its own: a first load compiles only the one its policy has.
        if (AmongRules(context.Policy))
        {
            CheckRules(context);
        }

        if (context.Policy.Grading is { } grading)
        {
            CheckGrading(context, grading);
        }
    }

    /// <summary>Overlaps between rules are findings only between bands, under hitPolicy unique, or in a policy that says it is disjoint.</summary>
    private static bool AmongRules(PolicyDefinition policy) =>
        policy.HitPolicy == HitPolicy.Unique || policy.Bands is not null || policy.Disjoint;

    private static void CheckRules(PolicyAnalysisContext context)
    {
        var policy = context.Policy;
        var rules = policy.Rules;
        var regions = context.Regions;
        var unique = policy.HitPolicy == HitPolicy.Unique;
        for (var j = 0; j < rules.Length; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var a = rules[i];
                var b = rules[j];
                var bothBands = a.Kind == RuleKind.Band && b.Kind == RuleKind.Band;
                var bothRules = a.Kind is RuleKind.Rule && b.Kind is RuleKind.Rule;
                if (!(unique || bothBands || (policy.Disjoint && bothRules)))
                {
                    continue;
                }

                if (regions[i] is not { IsEmpty: false } ra || regions[j] is not { IsEmpty: false } rb)
                {
                    continue;
                }

                if (ra.Intersect(rb, PolicyAnalysisContext.BoxLimit) is { IsEmpty: false } both)
                {
                    var witness = context.Witness(both.Boxes[0], PolicyAnalysisContext.ReadIndices(a, b));
                    var shown = PolicyAnalysisContext.Show(witness);
                    if (unique)
                    {
                        context.Report(DiagnosticDescriptors.OverlapUnique, b.Span, [b.Id, a.Id], witness, shown, a.Id, b.Id);
                    }
                    else
                    {
                        var why = bothBands
                            ? $"bands should not overlap; {(policy.HitPolicy == HitPolicy.First ? $"'{a.Id}' wins as it comes first" : "both fire")}"
                            : "the policy says its rules are disjoint";
                        context.Report(DiagnosticDescriptors.Overlap, b.Span, [b.Id, a.Id], witness, shown, a.Id, b.Id, why);
                    }
                }
            }
        }
    }

    private static void CheckGrading(PolicyAnalysisContext context, BandTable grading)
    {
        var rows = grading.Rows;
        var sets = PolicyAnalysisContext.ScoreSets(grading);
        for (var j = 0; j < rows.Length; j++)
        {
            for (var i = 0; i < j; i++)
            {
                // Pick is null only where the rows share no decimal (two adjacent last digits, both excluded).
                if (sets[i].Intersect(sets[j]).Pick() is { } score)
                {
                    context.Report(DiagnosticDescriptors.OverlapInGrading, rows[j].Span, [rows[j].Id, rows[i].Id], new() { ["score"] = score }, score, rows[i].Id, rows[j].Id);
                }
            }
        }
    }
}
