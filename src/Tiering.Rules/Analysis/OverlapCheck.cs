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
        if (BandPairs(context) is { } pairs)
        {
            foreach (var pair in pairs)
            {
                if (!ComparePair(context, (int)(pair & 0xFFFF_FFFF), (int)(pair >> 32)))
                {
                    return;
                }
            }

            return;
        }

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

                if (regions[i] is not { IsEmpty: false } || regions[j] is not { IsEmpty: false })
                {
                    continue;
                }

                if (!ComparePair(context, i, j))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reports the overlap of rules <paramref name="i"/> &lt; <paramref name="j"/>, if any; false when the analysis budget ran out.</summary>
    private static bool ComparePair(PolicyAnalysisContext context, int i, int j)
    {
        var policy = context.Policy;
        var (a, b) = (policy.Rules[i], policy.Rules[j]);
        var both = context.Regions[i]!.Intersect(context.Regions[j]!, PolicyAnalysisContext.BoxLimit, context.Budget);
        if (context.Budget.Exhausted)
        {
            return false; // the analyzer says the analysis is incomplete
        }

        if (both is { IsEmpty: false })
        {
            var witness = context.Witness(both.Boxes[0], PolicyAnalysisContext.ReadIndices(a, b));
            var shown = PolicyAnalysisContext.Show(witness);
            if (policy.HitPolicy == HitPolicy.Unique)
            {
                context.Report(DiagnosticDescriptors.OverlapUnique, b.Span, [b.Id, a.Id], witness, shown, a.Id, b.Id);
            }
            else
            {
                var why = a.Kind == RuleKind.Band && b.Kind == RuleKind.Band
                    ? $"bands should not overlap; {(policy.HitPolicy == HitPolicy.First ? $"'{a.Id}' wins as it comes first" : "both fire")}"
                    : "the policy says its rules are disjoint";
                context.Report(DiagnosticDescriptors.Overlap, b.Span, [b.Id, a.Id], witness, shown, a.Id, b.Id, why);
            }
        }

        return true;
    }

    /// <summary>
    /// For a band table (no <c>unique</c>, no <c>disjoint</c>), the pairs of rows whose intervals meet, as
    /// <c>(later &lt;&lt; 32) | earlier</c> in the order the pairwise loop visits them; null when some row is not one
    /// interval of the table's field (then every pair is compared). Sorted by lower end, a row can only meet rows that
    /// have not ended where it starts, so a table of a thousand disjoint rows costs a sort, not half a million
    /// intersections.
    /// </summary>
    private static List<long>? BandPairs(PolicyAnalysisContext context)
    {
        var policy = context.Policy;
        if (policy.Bands is not { On: { } on } || policy.HitPolicy == HitPolicy.Unique || policy.Disjoint)
        {
            return null;
        }

        var rows = new List<int>();
        var spans = new Span1[policy.Rules.Length];
        foreach (var rule in policy.Rules)
        {
            if (rule.Kind != RuleKind.Band)
            {
                return null;
            }

            if (context.Regions[rule.Index] is not { IsEmpty: false } region)
            {
                continue;
            }

            if (region.Boxes.Length != 1 || region.Boxes[0].Count != 1 || region.Boxes[0].FieldAt(0) != on.Index || region.Boxes[0].SetAt(0).Spans.Length != 1)
            {
                return null;
            }

            spans[rule.Index] = region.Boxes[0].SetAt(0).Spans[0];
            rows.Add(rule.Index);
        }

        rows.Sort((x, y) => LowFirst(spans[x], spans[y]));
        var pairs = new List<long>();
        var open = new List<int>();
        foreach (var row in rows)
        {
            var span = spans[row];
            open.RemoveAll(o => EndsBefore(spans[o], span));
            foreach (var other in open)
            {
                if (!context.Budget.Spend())
                {
                    break;
                }

                pairs.Add(((long)Math.Max(row, other) << 32) | (uint)Math.Min(row, other));
            }

            open.Add(row);
        }

        pairs.Sort();
        return pairs;
    }

    /// <summary>Unbounded below first, then by lower end, an inclusive end first.</summary>
    private static int LowFirst(Span1 a, Span1 b)
    {
        if (a.Low is null || b.Low is null)
        {
            return a.Low is null ? (b.Low is null ? 0 : -1) : 1;
        }

        var c = a.Low.Value.CompareTo(b.Low.Value);
        return c != 0 ? c : (a.LowIn == b.LowIn ? 0 : a.LowIn ? -1 : 1);
    }

    /// <summary>Whether <paramref name="earlier"/> (starting no later) ends before <paramref name="later"/> starts: then no row after it meets it either.</summary>
    private static bool EndsBefore(Span1 earlier, Span1 later) =>
        earlier.High is { } high && later.Low is { } low && (high < low || (high == low && !(earlier.HighIn && later.LowIn)));

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
