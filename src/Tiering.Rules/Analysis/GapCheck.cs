using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// In a policy without a <c>default</c>, facts within the declared domains that no rule or band matches, or scores
/// that no grading row takes (TR4001): up to <see cref="MaxGapsReported"/> of each, each with a witness and the rows
/// either side of it. A <c>below</c> grade closes the bottom explicitly. Scorecards (whose items all count) and
/// collect policies (which may match nothing) have no rule gaps; a scorecard's grading can.
/// </summary>
internal sealed class GapCheck : PolicyCheck
{
    private const int MaxGapsReported = 8;

    public override ImmutableArray<DiagnosticDescriptor> Reports =>
        [DiagnosticDescriptors.GapInRules, DiagnosticDescriptors.GapInBands, DiagnosticDescriptors.GapInGrading];

    public override bool AppliesTo(PolicyDefinition policy) =>
        policy.DefaultGrade is null && (AmongRules(policy) || policy.Grading is not null);

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

    private static bool AmongRules(PolicyDefinition policy) => policy.HitPolicy is not (HitPolicy.Scorecard or HitPolicy.Collect);

    private static void CheckRules(PolicyAnalysisContext context)
    {
        var policy = context.Policy;
        var regions = context.Regions;
        var domains = context.Domains;
        var rules = policy.Rules.Where(r => r.Kind is RuleKind.Rule or RuleKind.Band).ToList();
        if (rules.Count == 0 || rules.Any(r => regions[r.Index] is null))
        {
            if (rules.Count > 0)
            {
                context.ReportBeyond(DiagnosticDescriptors.GapsNotChecked, policy.RulesSpan, [], "some rule is beyond the analysis, so which facts fall through cannot be proven");
            }

            return;
        }

        var fields = rules.SelectMany(r => r.Reads).Select(f => f.Index).Distinct().Order().ToList();
        var universe = new Region([fields.Aggregate(Box.All, (box, f) => box.With(f, domains[f]))]);
        if (policy.AppliesWhen is not null)
        {
            var translator = new ConditionTranslator(context.Spaces, PolicyAnalysisContext.BoxLimit, context.Budget);
            if (translator.Translate(policy.AppliesWhen) is { } scope && universe.Intersect(scope.Clip(domains), PolicyAnalysisContext.BoxLimit, context.Budget) is { } inScope)
            {
                universe = inScope;
            }
        }

        var covered = rules.Aggregate(Region.Empty, (acc, r) => acc.Union(regions[r.Index]!));
        if (policy.Bands is { Below: not null, On: { } on } bands && LowestEdge(bands) is { } lowest)
        {
            covered = covered.Union(new Region([Box.Of(on.Index, IntervalSet.Of(new Span1(null, false, lowest.Low, !lowest.LowInclusive), context.Spaces[on.Index].IsInteger))]));
        }

        var gaps = universe.Minus(covered, domains, PolicyAnalysisContext.BoxLimit, context.Budget);
        if (gaps is null)
        {
            if (context.Budget.Exhausted)
            {
                return; // the analyzer says the analysis is incomplete
            }

            context.ReportBeyond(DiagnosticDescriptors.GapsNotChecked, policy.RulesSpan, [], "the rules are too many and too entangled for the box analysis");
            return;
        }

        foreach (var gap in gaps.Boxes.SelectMany(SplitSpans).Take(MaxGapsReported))
        {
            var witness = context.Witness(gap, fields);
            if (policy.Bands is { On: { } bandField } table)
            {
                var value = context.Spaces[bandField.Index].Encode(RuntimeValue.FromNumber((decimal)witness[bandField.Name]!));
                var live = table.Rows.Where(r => regions[r.Index] is { IsEmpty: false }).ToList();
                var below = live.Where(r => r.Interval!.Value.High is { } h && h <= value).OrderByDescending(r => r.Interval!.Value.High).FirstOrDefault();
                var above = live.Where(r => r.Interval!.Value.Low is { } l && l >= value).OrderBy(r => r.Interval!.Value.Low).FirstOrDefault();
                var between = (below, above) switch
                {
                    ({ } lo, { } hi) => $" (between {lo.Id} and {hi.Id})",
                    ({ } lo, null) => $" (above {lo.Id})",
                    (null, { } hi) => $" (below {hi.Id}; no 'below' grade)",
                    _ => string.Empty,
                };
                var at = below?.Span ?? above?.Span ?? table.Span;
                context.Report(DiagnosticDescriptors.GapInBands, at, [.. new[] { below?.Id, above?.Id }.OfType<string>()], witness,
                    PolicyAnalysisContext.Show(witness), between);
            }
            else
            {
                // The rules that read a field the gap constrains are the ones an author would look at (and may accept it on).
                var constrained = Enumerable.Range(0, gap.Count).Where(i => !domains[gap.FieldAt(i)].IsSubsetOf(gap.SetAt(i))).Select(gap.FieldAt).ToHashSet();
                var involved = rules.Where(r => r.Reads.Any(f => constrained.Contains(f.Index))).Select(r => r.Id).ToArray();
                context.Report(DiagnosticDescriptors.GapInRules, policy.RulesSpan, involved, witness, PolicyAnalysisContext.Show(witness), Neighbours(gap, constrained, rules, regions));
            }
        }
    }

    /// <summary>
    /// For a gap on one field, the rules on either side of it: the first (in file order) that matches the value just
    /// under the gap and the first that matches the value just over it, the gap's other values kept
    /// (" (between SM-01 and SUB-01)"); empty when the gap constrains several fields or no rule borders it.
    /// </summary>
    private static string Neighbours(Box gap, HashSet<int> constrained, List<RuleDefinition> rules, IReadOnlyList<Region?> regions)
    {
        if (constrained.Count != 1)
        {
            return string.Empty;
        }

        var field = constrained.First();
        var at = Enumerable.Range(0, gap.Count).First(i => gap.FieldAt(i) == field);
        var set = gap.SetAt(at);
        if (set.Spans.Length != 1)
        {
            return string.Empty;
        }

        var span = set.Spans[0];
        const decimal Hair = 0.000000001m;

        // At the ends of the decimal range there is nothing under or over the gap (and the step would overflow).
        var under = span.Low is not { } low || low <= decimal.MinValue + 1 ? null
            : !span.LowIn ? new Span1(low, true, low, true)
            : set.Integer ? new Span1(low - 1, true, low - 1, true)
            : new Span1(low - Hair, false, low, false);
        var over = span.High is not { } high || high >= decimal.MaxValue - 1 ? null
            : !span.HighIn ? new Span1(high, true, high, true)
            : set.Integer ? new Span1(high + 1, true, high + 1, true)
            : new Span1(high, false, high + Hair, false);
        var below = Bordering(under);
        var above = Bordering(over);
        return (below, above) switch
        {
            ({ } lo, { } hi) => $" (between {lo.Id} and {hi.Id})",
            ({ } lo, null) => $" (above {lo.Id})",
            (null, { } hi) => $" (below {hi.Id})",
            _ => string.Empty,
        };

        RuleDefinition? Bordering(Span1? edge)
        {
            if (edge is null)
            {
                return null;
            }

            var probe = gap.With(field, IntervalSet.Of(edge, set.Integer));
            return rules.FirstOrDefault(r => regions[r.Index]!.Boxes.Any(b => b.Intersect(probe) is not null));
        }
    }

    private static void CheckGrading(PolicyAnalysisContext context, BandTable grading)
    {
        var rows = grading.Rows;
        var sets = PolicyAnalysisContext.ScoreSets(grading);
        var covered = sets.Aggregate(IntervalSet.Empty(false), (acc, s) => acc.Union(s));
        if (grading.Below is not null && LowestEdge(grading) is { } lowest)
        {
            covered = covered.Union(IntervalSet.Of(new Span1(null, false, lowest.Low, !lowest.LowInclusive), false));
        }

        foreach (var gap in covered.Complement().Spans.Take(MaxGapsReported))
        {
            if (IntervalSet.Of(gap, false).Pick() is not { } score)
            {
                continue; // no decimal lies in it (two adjacent last digits, both excluded): not a gap a score can fall into
            }

            var below = rows.Where(r => r.Interval!.Value.High is { } h && h <= score).OrderByDescending(r => r.Interval!.Value.High).FirstOrDefault();
            context.Report(DiagnosticDescriptors.GapInGrading, (below ?? rows[0]).Span, [.. new[] { below?.Id }.OfType<string>()], new() { ["score"] = score }, score);
        }
    }

    /// <summary>Splits a box whose constraints hold several disjoint intervals into one box per combination, so each gap is reported on its own.</summary>
    private static IEnumerable<Box> SplitSpans(Box box)
    {
        IEnumerable<Box> result = [Box.All];
        for (var i = 0; i < box.Count; i++)
        {
            var (field, set) = (box.FieldAt(i), box.SetAt(i));
            var pieces = set.Spans.Select(span => IntervalSet.Of(span, set.Integer)).ToList();
            result = result.SelectMany(b => pieces.Select(p => b.With(field, p))).Take(MaxGapsReported).ToList();
        }

        return result;
    }

    /// <summary>The lowest edge of the table, when every row has a lower edge (then a <c>below</c> grade takes what is under it).</summary>
    private static Interval? LowestEdge(BandTable table) =>
        table.Rows.Select(r => r.Interval!.Value).Where(i => i.Low is not null).OrderBy(i => i.Low).ThenBy(i => i.LowInclusive ? 0 : 1).Cast<Interval?>().FirstOrDefault()
        is { } lowest && table.Rows.All(r => r.Interval!.Value.Low is not null) ? lowest : null;
}
