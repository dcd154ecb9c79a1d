using System.Collections.Immutable;
using System.Globalization;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Text;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Static analysis of one policy, after the model is built and before it is compiled: gaps, overlaps, rules that
/// can never fire, dead grades, inconsistent outputs, unread fields and band edges outside the domain. Every finding
/// carries a code, the rules involved, a position and a witness — a concrete assignment of field values that shows
/// the problem. Conditions are analysed as unions of per-field boxes (intervals for numbers and dates, value sets for
/// enums, booleans and text); what is beyond that (arithmetic over fields, two-field comparisons) is said in an info
/// finding instead of guessed. Findings the author accepted in the YAML become info, never disappear.
/// </summary>
internal sealed class PolicyAnalyzer
{
    private const int BoxLimit = 4096;
    private const int MaxGapsReported = 8;

    private readonly PolicyDefinition _policy;
    private readonly Dictionary<int, FieldSpace> _spaces = [];
    private readonly Dictionary<int, IntervalSet> _domains = [];
    private readonly List<Finding> _findings = [];

    private PolicyAnalyzer(PolicyDefinition policy)
    {
        _policy = policy;
        // The text literals compared with each text field (they cut its domain into values); none without text fields.
        var literals = new Dictionary<int, List<string>>();
        if (HasTextFields(policy))
        {
            foreach (var expr in Conditions(policy))
            {
                CollectTexts(expr, literals);
            }
        }

        foreach (var field in policy.AllFields)
        {
            var space = FieldSpace.For(field, literals.GetValueOrDefault(field.Index) ?? []);
            _spaces[field.Index] = space;
            _domains[field.Index] = space.Domain;
        }
    }

    private sealed record Finding(DiagnosticDescriptor Descriptor, SourceSpan Span, string[] Rules, object?[] Args, Dictionary<string, object?>? Witness, bool AcceptableAtTable = false);

    public static IReadOnlyList<Diagnostic> Analyze(PolicyDefinition policy)
    {
        var analyzer = new PolicyAnalyzer(policy);
        analyzer.Run();
        return analyzer.ToDiagnostics();
    }

    private static IEnumerable<BoundExpr> Conditions(PolicyDefinition policy)
    {
        if (policy.AppliesWhen is not null)
        {
            yield return policy.AppliesWhen;
        }

        foreach (var rule in policy.Rules)
        {
            if (rule.Condition is not null)
            {
                yield return rule.Condition;
            }
        }
    }

    private static void CollectTexts(BoundExpr expr, Dictionary<int, List<string>> literals)
    {
        switch (expr)
        {
            case BoundCompare { Left: BoundField f, Right: BoundLiteral { Type.Kind: ValueKind.Text } l }:
                Add(f.Field.Index, l.Value.Text!);
                break;
            case BoundCompare { Left: BoundLiteral { Type.Kind: ValueKind.Text } l, Right: BoundField f }:
                Add(f.Field.Index, l.Value.Text!);
                break;
            case BoundSet { Subject: BoundField { Type.Kind: ValueKind.Text } f } set:
                foreach (var value in set.Values)
                {
                    Add(f.Field.Index, value.Text!);
                }

                break;
        }

        foreach (var child in BoundExprWalker.Children(expr))
        {
            CollectTexts(child, literals);
        }

        void Add(int field, string text)
        {
            if (!literals.TryGetValue(field, out var list))
            {
                literals[field] = list = [];
            }

            list.Add(text);
        }
    }

    private void Run()
    {
        var rules = _policy.Rules;
        var regions = new Region?[rules.Length];
        foreach (var rule in rules)
        {
            if (rule.Kind == RuleKind.GradingBand)
            {
                continue;
            }

            regions[rule.Index] = RuleRegion(rule);
        }

        // Each check is called only where it applies (not called and returning early): a first load then compiles
        // only the checks its policy needs.
        if (_policy.HitPolicy == HitPolicy.First)
        {
            CheckFirstMasking(regions);
        }

        // Overlaps are findings only between bands, under hitPolicy unique, or in a policy that says it is disjoint.
        if (_policy.HitPolicy == HitPolicy.Unique || _policy.Bands is not null || _policy.Disjoint)
        {
            CheckOverlaps(regions);
        }

        if (_policy.DefaultGrade is null && _policy.HitPolicy is not (HitPolicy.Scorecard or HitPolicy.Collect))
        {
            CheckGaps(regions);
        }

        if (_policy.Grading is { } grading)
        {
            CheckGrading(grading);
        }

        CheckDeadGrades();
        if (_policy.HitPolicy != HitPolicy.Collect && HasOutputs(_policy))
        {
            CheckOutputs();
        }

        CheckUnreadFields();
        if (_policy.Bands is { On: { } on } bands)
        {
            CheckBandEdges(bands, on);
        }
    }

    /// <summary>The region a rule matches within the domain; reports contradictions and beyond-analysis conditions.</summary>
    private Region? RuleRegion(RuleDefinition rule)
    {
        if (rule.Condition is null)
        {
            return rule.Kind == RuleKind.ScoreItem ? Region.All : null;
        }

        var translator = new ConditionTranslator(_spaces, BoxLimit);
        var raw = translator.Translate(rule.Condition);
        if (raw is null)
        {
            Add(DiagnosticDescriptors.BeyondAnalysis, rule.Span, [rule.Id], null,
                $"rule '{rule.Id}' is beyond the analysis ({translator.Reason}); gaps, overlaps and masking that involve it are not checked");
            return null;
        }

        if (!CanMatch(raw))
        {
            Add(DiagnosticDescriptors.Contradiction, rule.Span, [rule.Id], null, rule.Id, rule.Text ?? "its condition");
            return Region.Empty;
        }

        var clipped = raw.Clip(_domains);
        if (clipped.IsEmpty)
        {
            var fields = string.Join(", ", raw.Boxes.SelectMany(b => b.Fields).Distinct().Select(i => $"'{_spaces[i].Field.Name}' ({Domain(i)})"));
            Add(DiagnosticDescriptors.OutsideDomain, rule.Span, [rule.Id], null, rule.Id, fields);
            return Region.Empty;
        }

        return clipped;
    }

    private Dictionary<int, IntervalSet>? _integerOnly;

    /// <summary>Domains that only say which fields are whole numbers (for telling contradictions from domain misses); built once.</summary>
    private Dictionary<int, IntervalSet> IntegerOnly => _integerOnly ??= BuildIntegerOnly();

    private Dictionary<int, IntervalSet> BuildIntegerOnly()
    {
        var domains = new Dictionary<int, IntervalSet>(_spaces.Count);
        foreach (var space in _spaces.Values)
        {
            domains[space.Field.Index] = space.Field.Type is FieldType.Decimal or FieldType.Integer or FieldType.Date ? IntervalSet.All(space.IsInteger) : space.Domain;
        }

        return domains;
    }

    private string Domain(int field) => _domains[field].ToString();

    private void CheckFirstMasking(Region?[] regions)
    {
        var rules = _policy.Rules;
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

                if (region.Intersect(earlier, BoxLimit) is { IsEmpty: false })
                {
                    maskers.Add(j);
                }

                remaining = remaining.Minus(earlier, _domains, BoxLimit);
            }

            if (remaining is { IsEmpty: true } && maskers.Count > 0)
            {
                var witnessBox = region.Intersect(regions[maskers[0]]!, BoxLimit)!.Boxes[0];
                var witness = Witness(witnessBox, ReadIndices(rules[i], rules[maskers[0]]));
                var ids = maskers.Select(m => rules[m].Id).ToArray();
                Add(DiagnosticDescriptors.Masked, rules[i].Span, [rules[i].Id, .. ids], witness,
                    rules[i].Id, string.Join(", ", ids.Select(id => $"'{id}'")), Show(witness));
            }
        }
    }

    private void CheckOverlaps(Region?[] regions)
    {
        var rules = _policy.Rules;
        var unique = _policy.HitPolicy == HitPolicy.Unique;
        for (var j = 0; j < rules.Length; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var a = rules[i];
                var b = rules[j];
                var bothBands = a.Kind == RuleKind.Band && b.Kind == RuleKind.Band;
                var bothRules = a.Kind is RuleKind.Rule && b.Kind is RuleKind.Rule;
                if (!(unique || bothBands || (_policy.Disjoint && bothRules)))
                {
                    continue;
                }

                if (regions[i] is not { IsEmpty: false } ra || regions[j] is not { IsEmpty: false } rb)
                {
                    continue;
                }

                if (ra.Intersect(rb, BoxLimit) is { IsEmpty: false } both)
                {
                    var witness = Witness(both.Boxes[0], ReadIndices(a, b));
                    var message = $"{Show(witness)} matches both '{a.Id}' and '{b.Id}'"
                        + (unique ? " (hitPolicy unique allows one)" : bothBands ? $" (bands should not overlap; {(_policy.HitPolicy == HitPolicy.First ? $"'{a.Id}' wins as it comes first" : "both fire")})" : " (the policy says its rules are disjoint)");
                    Add(unique ? DiagnosticDescriptors.OverlapUnique : DiagnosticDescriptors.Overlap, b.Span, [b.Id, a.Id], witness, message);
                }
            }
        }
    }

    private void CheckGaps(Region?[] regions)
    {
        var rules = _policy.Rules.Where(r => r.Kind is RuleKind.Rule or RuleKind.Band).ToList();
        if (rules.Count == 0 || rules.Any(r => regions[r.Index] is null))
        {
            if (rules.Count > 0)
            {
                Add(DiagnosticDescriptors.BeyondAnalysis, _policy.RulesSpan, [], null,
                    "gaps are not checked: some rule is beyond the analysis, so which facts fall through cannot be proven");
            }

            return;
        }

        var fields = rules.SelectMany(r => r.Reads).Select(f => f.Index).Distinct().Order().ToList();
        var universe = new Region([fields.Aggregate(Box.All, (box, f) => box.With(f, _domains[f]))]);
        if (_policy.AppliesWhen is not null)
        {
            var translator = new ConditionTranslator(_spaces, BoxLimit);
            if (translator.Translate(_policy.AppliesWhen) is { } scope && universe.Intersect(scope.Clip(_domains), BoxLimit) is { } inScope)
            {
                universe = inScope;
            }
        }

        var covered = rules.Aggregate(Region.Empty, (acc, r) => acc.Union(regions[r.Index]!));
        if (_policy.Bands is { Below: not null, On: { } on } bands && LowestEdge(bands) is { } lowest)
        {
            covered = covered.Union(new Region([Box.Of(on.Index, IntervalSet.Of(new Span1(null, false, lowest.Low, !lowest.LowInclusive), _spaces[on.Index].IsInteger))]));
        }

        var gaps = universe.Minus(covered, _domains, BoxLimit);
        if (gaps is null)
        {
            Add(DiagnosticDescriptors.BeyondAnalysis, _policy.RulesSpan, [], null, "gaps are not checked: the rules are too many and too entangled for the box analysis");
            return;
        }

        foreach (var gap in gaps.Boxes.SelectMany(SplitSpans).Take(MaxGapsReported))
        {
            var witness = Witness(gap, fields);
            if (_policy.Bands is { On: { } bandField } table)
            {
                var value = _spaces[bandField.Index].Encode(RuntimeValue.FromNumber((decimal)witness[bandField.Name]!));
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
                Add(DiagnosticDescriptors.Gap, at, [.. new[] { below?.Id, above?.Id }.OfType<string>()], witness,
                    $"{Show(witness)} matches no band{between} and the policy has no default", true);
            }
            else
            {
                // The rules that read a field the gap constrains are the ones an author would look at (and may accept it on).
                var constrained = Enumerable.Range(0, gap.Count).Where(i => !_domains[gap.FieldAt(i)].IsSubsetOf(gap.SetAt(i))).Select(gap.FieldAt).ToHashSet();
                var involved = rules.Where(r => r.Reads.Any(f => constrained.Contains(f.Index))).Select(r => r.Id).ToArray();
                Add(DiagnosticDescriptors.Gap, _policy.RulesSpan, involved, witness, $"{Show(witness)} matches no rule and the policy has no default");
            }
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

    private static Interval? LowestEdge(BandTable table) =>
        table.Rows.Select(r => r.Interval!.Value).Where(i => i.Low is not null).OrderBy(i => i.Low).ThenBy(i => i.LowInclusive ? 0 : 1).Cast<Interval?>().FirstOrDefault()
        is { } lowest && table.Rows.All(r => r.Interval!.Value.Low is not null) ? lowest : null;

    private void CheckGrading(BandTable grading)
    {
        var rows = grading.Rows;
        var sets = rows.Select(r => IntervalSet.Of(Span(r.Interval!.Value), false)).ToList();
        for (var j = 0; j < rows.Length; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var both = sets[i].Intersect(sets[j]);
                if (!both.IsEmpty)
                {
                    var score = both.Pick()!.Value;
                    Add(DiagnosticDescriptors.Overlap, rows[j].Span, [rows[j].Id, rows[i].Id], new() { ["score"] = score },
                        $"score = {score.ToString(CultureInfo.InvariantCulture)} falls in both grading rows '{rows[i].Id}' and '{rows[j].Id}'");
                }
            }
        }

        if (_policy.DefaultGrade is not null)
        {
            return;
        }

        var covered = sets.Aggregate(IntervalSet.Empty(false), (acc, s) => acc.Union(s));
        if (grading.Below is not null && LowestEdge(grading) is { } lowest)
        {
            covered = covered.Union(IntervalSet.Of(new Span1(null, false, lowest.Low, !lowest.LowInclusive), false));
        }

        foreach (var gap in covered.Complement().Spans.Take(MaxGapsReported))
        {
            var score = IntervalSet.Of(gap, false).Pick()!.Value;
            var below = rows.Where(r => r.Interval!.Value.High is { } h && h <= score).OrderByDescending(r => r.Interval!.Value.High).FirstOrDefault();
            Add(DiagnosticDescriptors.Gap, (below ?? rows[0]).Span, [.. new[] { below?.Id }.OfType<string>()], new() { ["score"] = score },
                $"score = {score.ToString(CultureInfo.InvariantCulture)} matches no grading row and the policy has no default", true);
        }

        static Span1 Span(Interval i) => new(i.Low, i.LowInclusive, i.High, i.HighInclusive);
    }

    private void CheckDeadGrades()
    {
        var produced = new HashSet<int>();
        foreach (var rule in _policy.Rules)
        {
            if (rule.Grade is { } g)
            {
                produced.Add(g);
            }
        }

        foreach (var extra in new[] { _policy.DefaultGrade, _policy.Bands?.Below, _policy.Grading?.Below })
        {
            if (extra is { } g)
            {
                produced.Add(g);
            }
        }

        foreach (var grade in _policy.Grades)
        {
            if (!produced.Contains(grade.Rank))
            {
                Add(DiagnosticDescriptors.DeadGrade, grade.Span, [], null, grade.Id);
            }
        }
    }

    private void CheckOutputs()
    {
        // Every way a decision can end: a rule's grade (with that rule's outputs), the default, the below grade.
        var outcomes = new List<Outcome>();
        foreach (var rule in _policy.Rules.Where(r => r.Grade is not null && r.Kind != RuleKind.ScoreItem))
        {
            var grade = _policy.Grades[rule.Grade!.Value];
            outcomes.Add(new Outcome($"{grade.Id} by '{rule.Id}'", rule.Span, rule.Id, grade.Outputs.Keys.Concat(rule.Outputs.Keys).ToHashSet(StringComparer.Ordinal)));
        }

        AddGradeOutcome(_policy.DefaultGrade, "default");
        AddGradeOutcome(_policy.Bands?.Below ?? _policy.Grading?.Below, "below");

        var allKeys = outcomes.SelectMany(o => o.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in allKeys)
        {
            var with = outcomes.Where(o => o.Keys.Contains(key)).ToList();
            var without = outcomes.Where(o => !o.Keys.Contains(key)).ToList();
            if (without.Count == 0)
            {
                continue;
            }

            Add(DiagnosticDescriptors.InconsistentOutputs, without[0].Span, [.. without.Select(o => o.Rule).OfType<string>()], null,
                key, List(with), List(without));
        }

        void AddGradeOutcome(int? grade, string how)
        {
            if (grade is { } g)
            {
                var definition = _policy.Grades[g];
                outcomes.Add(new Outcome($"{definition.Id} ({how})", definition.Span, null, definition.Outputs.Keys.ToHashSet(StringComparer.Ordinal)));
            }
        }

        static string List(List<Outcome> items) =>
            string.Join(", ", items.Take(3).Select(o => o.Name)) + (items.Count > 3 ? $" and {items.Count - 3} more" : string.Empty);
    }

    /// <summary>One way a decision can end, with the output keys it sets.</summary>
    private sealed record Outcome(string Name, SourceSpan Span, string? Rule, ISet<string> Keys);

    private void CheckUnreadFields()
    {
        var read = new HashSet<int>();
        MarkRead(_policy.AppliesWhen);
        foreach (var rule in _policy.Rules)
        {
            MarkRead(rule.Condition);
            MarkRead(rule.Points);
        }

        if (_policy.Bands?.On is { } on)
        {
            read.Add(on.Index);
        }

        foreach (var field in _policy.Fields)
        {
            if (!read.Contains(field.Index))
            {
                Add(DiagnosticDescriptors.UnreadField, field.Span, [], null, field.Name);
            }
        }

        void MarkRead(BoundExpr? expr)
        {
            if (expr is not null)
            {
                foreach (var field in BoundExprWalker.FieldsRead(expr))
                {
                    read.Add(field.Index);
                }
            }
        }
    }

    private void CheckBandEdges(BandTable bands, FieldDefinition on)
    {
        foreach (var row in bands.Rows)
        {
            foreach (var edge in new[] { row.Interval!.Value.Low, row.Interval.Value.High })
            {
                if (edge is { } e && ((on.Min is { } min && e < min) || (on.Max is { } max && e > max)))
                {
                    Add(DiagnosticDescriptors.EdgeOutsideDomain, row.Span, [row.Id], null, row.Id, e.ToString(CultureInfo.InvariantCulture), on.Name, Domain(on.Index));
                }
            }
        }
    }

    private List<int> ReadIndices(params RuleDefinition[] rules) =>
        [.. rules.SelectMany(r => r.Reads).Select(f => f.Index).Distinct().Order()];

    private Dictionary<string, object?> Witness(Box box, IEnumerable<int> fields)
    {
        var witness = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields.Concat(box.Fields).Distinct().Order())
        {
            var space = _spaces[field];
            var value = box.Get(field, _domains[field]).Pick() ?? 0;
            witness[space.Field.Name] = space.Decode(value);
        }

        return witness;
    }

    private string Show(Dictionary<string, object?> witness) =>
        string.Join(", ", witness.Select(kv => $"{kv.Key} = {Format(kv.Value)}"));

    private static string Format(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private void Add(DiagnosticDescriptor descriptor, SourceSpan span, string[] rules, Dictionary<string, object?>? witness, params object?[] args) =>
        _findings.Add(new Finding(descriptor, span, rules, args, witness));

    private void Add(DiagnosticDescriptor descriptor, SourceSpan span, string[] rules, Dictionary<string, object?>? witness, string message, bool acceptableAtTable) =>
        _findings.Add(new Finding(descriptor, span, rules, [message], witness, acceptableAtTable));

    private IReadOnlyList<Diagnostic> ToDiagnostics() =>
        _findings.Count == 0 && !HasAccepts(_policy) ? [] : Resolve();

    // Loops, not LINQ, for what every load asks (each lambda is one more method for a first load to compile).
    private static bool HasTextFields(PolicyDefinition policy)
    {
        foreach (var field in policy.AllFields)
        {
            if (field.Type == FieldType.String)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOutputs(PolicyDefinition policy)
    {
        foreach (var grade in policy.Grades)
        {
            if (!grade.Outputs.IsEmpty)
            {
                return true;
            }
        }

        foreach (var rule in policy.Rules)
        {
            if (!rule.Outputs.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAccepts(PolicyDefinition policy)
    {
        if (!policy.Accepts.IsEmpty || policy.Bands is { Accepts.IsEmpty: false } || policy.Grading is { Accepts.IsEmpty: false })
        {
            return true;
        }

        foreach (var rule in policy.Rules)
        {
            if (!rule.Accepts.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some box of the condition holds a value once each field is held to whole numbers where it must be.</summary>
    private bool CanMatch(Region raw)
    {
        foreach (var box in raw.Boxes)
        {
            if (!box.HasEmptySet && box.Clip(IntegerOnly) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<Acceptance> DeclaredAccepts() =>
        _policy.Rules.SelectMany(r => r.Accepts)
            .Concat(_policy.Bands?.Accepts ?? [])
            .Concat(_policy.Grading?.Accepts ?? [])
            .Concat(_policy.Accepts);

    /// <summary>The findings as diagnostics, each accepted one as such, and every acceptance no finding used.</summary>
    private List<Diagnostic> Resolve()
    {
        var byRule = _policy.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var used = new HashSet<Acceptance>();
        var result = new List<Diagnostic>();
        foreach (var finding in _findings)
        {
            var diagnostic = finding.Descriptor.Create(finding.Span, finding.Args) with
            {
                Witness = finding.Witness,
                RuleIds = finding.Rules,
                PolicyId = _policy.Id,
            };
            var accept = finding.Rules.SelectMany(id => byRule.TryGetValue(id, out var rule) ? rule.Accepts : [])
                .Concat(_policy.Bands?.Accepts ?? [])
                .Concat(_policy.Grading?.Accepts ?? [])
                .Concat(_policy.Accepts)
                .FirstOrDefault(a => a.Code == diagnostic.Code);
            if (accept is not null && diagnostic.Severity != DiagnosticSeverity.Info)
            {
                used.Add(accept);
                diagnostic = DiagnosticDescriptors.Accepted.Create(finding.Span, $"{diagnostic.Code} {diagnostic.Message}", accept.Reason) with
                {
                    Witness = diagnostic.Witness,
                    RuleIds = diagnostic.RuleIds,
                    PolicyId = _policy.Id,
                };
            }

            result.Add(diagnostic);
        }

        foreach (var accept in DeclaredAccepts().Where(a => !used.Contains(a)))
        {
            result.Add(DiagnosticDescriptors.UnusedAccept.Create(accept.Span, accept.Code) with { PolicyId = _policy.Id });
        }

        return result;
    }
}
