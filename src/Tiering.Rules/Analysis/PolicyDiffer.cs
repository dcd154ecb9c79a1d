using System.Globalization;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>One region of the input space where two versions of a policy decide differently.</summary>
/// <param name="From">The grade id (or status name) before.</param>
/// <param name="To">The grade id (or status name) after.</param>
/// <param name="Description">The region as an author reads it: <c>overdueDays in [91, 180] and not restructured</c>.</param>
/// <param name="Witness">A fact inside the region, valid under both versions: field name to value.</param>
/// <param name="Undecided">Rules beyond the analysis that could change a side's verdict inside the region (empty: exact).</param>
internal sealed record DiffRegionData(string From, string To, string Description, Dictionary<string, object?> Witness, IReadOnlyList<string> Undecided);

/// <summary>What <see cref="PolicyDiffer"/> found: the regions, and whether they are all of them.</summary>
/// <param name="Regions">The regions where the verdicts differ, by from-label then to-label.</param>
/// <param name="Complete">Whether every region is listed (no rule or scope beyond the analysis, no box limit reached).</param>
/// <param name="Reasons">Why the diff is not complete, one line each.</param>
internal sealed record DiffOutcome(IReadOnlyList<DiffRegionData> Regions, bool Complete, IReadOnlyList<string> Reasons);

/// <summary>
/// The symbolic diff of two versions of a policy: the regions of the input space — facts valid under both — where the
/// verdicts (grade id, or status name without a grade) differ. Each version's conditions are translated into regions
/// by the analysis's <see cref="ConditionTranslator"/>, in one space of the fields of both (matched by name), and the
/// hit policy turns the rule regions into one region per verdict; the diff intersects the verdict regions of the two
/// sides pairwise. On each side the as-of date is a constant (the side's own), so <c>asOf</c> is put in as a literal,
/// and each derived value (<c>let:</c>) is its expression inlined; a comparison that then reads one date field is an
/// interval of it (<see cref="DateReduction"/>), and a derived value whose evaluation fails on some dates makes those
/// facts invalid on that side (it is computed for every fact, before the rules). What the box analysis cannot model
/// (arithmetic, two-field comparisons, scorecards, chained decisions) is never guessed: the outcome says it is
/// incomplete, and each region lists the rules that could change it. Stateless and thread-safe.
/// </summary>
internal static class PolicyDiffer
{
    private const int Limit = PolicyAnalysisContext.BoxLimit;

    /// <summary>The regions where the two versions decide differently.</summary>
    /// <param name="before">The version before.</param>
    /// <param name="after">The version after.</param>
    /// <param name="beforeAsOf">The as-of date the before side decides on (its <c>asOf</c>); null when not given.</param>
    /// <param name="afterAsOf">The as-of date the after side decides on.</param>
    public static DiffOutcome Diff(PolicyDefinition before, PolicyDefinition after, DateOnly? beforeAsOf = null, DateOnly? afterAsOf = null)
    {
        var reasons = new List<string>();
        var space = JointSpace.Build(before, after, reasons);
        if (space is null)
        {
            return new DiffOutcome([], false, reasons);
        }

        var beforePieces = Verdicts(before, space, space.BeforeMap, "before", beforeAsOf, reasons);
        var afterPieces = Verdicts(after, space, space.AfterMap, "after", afterAsOf, reasons);
        if (beforePieces is null || afterPieces is null)
        {
            return new DiffOutcome([], false, reasons);
        }

        var regions = new List<DiffRegionData>();
        foreach (var b in beforePieces)
        {
            foreach (var a in afterPieces)
            {
                if (b.Label == a.Label)
                {
                    continue;
                }

                if (b.Region.Intersect(a.Region, Limit) is not { } both)
                {
                    reasons.Add($"the region where {b.Label} becomes {a.Label} has more than {Limit} boxes; it is not listed");
                    continue;
                }

                foreach (var box in Merge(both.Boxes))
                {
                    if (box.HasEmptySet)
                    {
                        continue;
                    }

                    regions.Add(new DiffRegionData(b.Label, a.Label, space.Describe(box), space.Witness(box), [.. b.Undecided.Concat(a.Undecided).Distinct()]));
                }
            }
        }

        return new DiffOutcome(regions, reasons.Count == 0, reasons);
    }

    /// <summary>A verdict and the region of facts that get it, with the rules beyond the analysis that could change it.</summary>
    private sealed record Piece(string Label, Region Region, IReadOnlyList<string> Undecided);

    /// <summary>One region per verdict of a policy, over the joint space; null when nothing can be said.</summary>
    private static List<Piece>? Verdicts(PolicyDefinition policy, JointSpace space, FieldMap map, string side, DateOnly? asOf, List<string> reasons)
    {
        if (policy.HitPolicy == HitPolicy.Scorecard)
        {
            reasons.Add($"the {side} version is a scorecard: its grade comes from a sum of points, beyond the box analysis");
            return null;
        }

        if (policy.Group is { } group)
        {
            reasons.Add(group.DecidesGroups && group.DecideWith is null
                ? $"the {side} version decides each group with its own rules over aggregates of many facts ({string.Join(", ", group.Aggregates.Select(a => a.Field.Name))}), beyond a diff of one fact's policy"
                : group.DecidesGroups
                ? $"the {side} version decides each group with policy '{group.DecideWith}' from aggregates over many facts, beyond a diff of one policy (diff '{group.DecideWith}')"
                : $"the {side} version reads aggregates over a group of facts ({string.Join(", ", group.Aggregates.Select(a => a.Field.Name))}), beyond a diff of one fact's policy");
            return null;
        }

        if (policy.DecisionRefs.Length > 0)
        {
            reasons.Add($"the {side} version reads another policy's decision ({string.Join(", ", policy.DecisionRefs.Select(d => d.DependsOnPolicy))}), beyond a diff of one policy");
            return null;
        }

        var context = new PolicyAnalysisContext(policy);
        var universe = new Region([space.Universe]);
        var pieces = new List<Piece>();
        var inliner = new Inliner(asOf);

        // Derived values are computed for every valid fact before the rules: where one fails (a date moved off the
        // calendar), the fact is invalid on this side whatever the rules say, and those days are set aside.
        var validDays = context.Spaces.ToDictionary(s => s.Key, s => s.Value.Domain);
        foreach (var derived in policy.Derived)
        {
            var expr = inliner.Inline(derived.Derived!);
            if (expr is null || !DateReduction.CanFail(expr))
            {
                continue;
            }

            var read = BoundExprWalker.FieldsRead(expr);
            if (read.Length != 1 || read[0].Type != FieldType.Date || DateReduction.Failing(expr, read[0]) is not { } failing)
            {
                reasons.Add($"the {side} version's derived value '{derived.Name}' can fail on its arithmetic for facts the box analysis cannot delimit");
                return null;
            }

            failing = failing.Intersect(validDays[read[0].Index]);
            if (failing.IsEmpty)
            {
                continue;
            }

            var invalid = space.Clip(map.Remap(new Region([Box.Of(read[0].Index, failing)])));
            if (universe.Minus(invalid, space.Domains, Limit) is not { } remaining)
            {
                return TooMany(side, reasons);
            }

            pieces.Add(new Piece("invalid", invalid, []));
            universe = remaining;
            validDays[read[0].Index] = validDays[read[0].Index].Minus(failing);
        }

        if (inliner.NeedsAsOf)
        {
            reasons.Add($"the {side} version reads the as-of date (asOf) and the {side} side gives none, so it is not a constant there");
            return null;
        }

        ConditionTranslator Translator() => new(context.Spaces, Limit, validDomains: validDays);
        var unknown = new List<(RuleDefinition Rule, string Why)>();
        var rules = new List<(RuleDefinition Rule, Region Region)>();
        foreach (var rule in policy.Rules)
        {
            var translator = Translator();
            var condition = rule.Condition is null ? null : inliner.Inline(rule.Condition);
            if (inliner.NeedsAsOf)
            {
                continue;
            }

            if (condition is null || translator.Translate(condition) is not { } raw)
            {
                unknown.Add((rule, translator.Reason ?? "no condition the analysis can read"));
                reasons.Add($"{side} rule {rule.Id} is beyond the analysis: {translator.Reason}");
                continue;
            }

            rules.Add((rule, space.Clip(map.Remap(raw))));
        }

        if (inliner.NeedsAsOf)
        {
            reasons.Add($"the {side} version reads the as-of date (asOf) and the {side} side gives none, so it is not a constant there");
            return null;
        }

        // Cross-field checks (require:) come with validation: a fact that fails one is invalid, in scope or not.
        foreach (var requirement in policy.Requirements)
        {
            var translator = Translator();
            if (inliner.Inline(requirement.Condition) is not { } condition || translator.Translate(condition) is not { } raw)
            {
                reasons.Add($"the {side} version's requirement '{requirement.Text}' is beyond the analysis: {translator.Reason}");
                return null;
            }

            var holds = space.Clip(map.Remap(raw));
            if (universe.Minus(holds, space.Domains, Limit) is not { } failing || universe.Intersect(holds, Limit) is not { } valid)
            {
                return TooMany(side, reasons);
            }

            pieces.Add(new Piece("invalid", failing, []));
            universe = valid;
        }

        var scope = universe;
        if (policy.AppliesWhen is { } appliesWhen)
        {
            var translator = Translator();
            if (inliner.Inline(appliesWhen) is not { } condition || translator.Translate(condition) is not { } raw)
            {
                reasons.Add($"the {side} version's appliesWhen is beyond the analysis: {translator.Reason}");
                return null;
            }

            scope = space.Clip(map.Remap(raw));
            if (universe.Minus(scope, space.Domains, Limit) is not { } outside)
            {
                return TooMany(side, reasons);
            }

            pieces.Add(new Piece("not_applicable", outside, []));
        }

        var grades = policy.Grades;
        string Grade(int index) => grades[index].Id;
        string[] Unknown(Func<RuleDefinition, bool> couldChange) => [.. unknown.Where(u => couldChange(u.Rule)).Select(u => $"{side} {u.Rule.Id}: {u.Why}")];

        var covered = Region.Empty;
        switch (policy.HitPolicy)
        {
            case HitPolicy.Worst:
            case HitPolicy.Best:
            case HitPolicy.Collect:
                if (rules.Any(r => r.Rule.Grade is null))
                {
                    reasons.Add($"the {side} version has rules without a grade under '{policy.HitPolicy.ToString().ToLowerInvariant()}'");
                    return null;
                }

                var best = policy.HitPolicy == HitPolicy.Best;
                var order = Enumerable.Range(0, grades.Length).OrderBy(g => best ? g : -g).ToList();
                foreach (var g in order)
                {
                    var mine = rules.Where(r => r.Rule.Grade == g).Aggregate(Region.Empty, (acc, r) => acc.Union(r.Region));
                    if (mine.Intersect(scope, Limit) is not { } inScope || inScope.Minus(covered, space.Domains, Limit) is not { } region)
                    {
                        return TooMany(side, reasons);
                    }

                    pieces.Add(new Piece(Grade(g), region, Unknown(r => r.Grade is { } rg && (best ? rg < g : rg > g))));
                    covered = covered.Union(mine);
                }

                break;
            case HitPolicy.First:
                for (var i = 0; i < rules.Count; i++)
                {
                    var (rule, ruleRegion) = rules[i];
                    if (ruleRegion.Intersect(scope, Limit) is not { } inScope || inScope.Minus(covered, space.Domains, Limit) is not { } region)
                    {
                        return TooMany(side, reasons);
                    }

                    pieces.Add(new Piece(rule.Grade is { } g ? Grade(g) : "unclassified", region, Unknown(r => r.Index < rule.Index)));
                    covered = covered.Union(ruleRegion);
                }

                break;
            case HitPolicy.Unique:
                for (var i = 0; i < rules.Count; i++)
                {
                    var others = rules.Where((_, j) => j != i).Aggregate(Region.Empty, (acc, r) => acc.Union(r.Region));
                    if (rules[i].Region.Intersect(scope, Limit) is not { } inScope || inScope.Minus(others, space.Domains, Limit) is not { } region)
                    {
                        return TooMany(side, reasons);
                    }

                    pieces.Add(new Piece(rules[i].Rule.Grade is { } g ? Grade(g) : "unclassified", region, Unknown(_ => true)));
                    for (var j = i + 1; j < rules.Count; j++)
                    {
                        if (rules[i].Region.Intersect(rules[j].Region, Limit)?.Intersect(scope, Limit) is not { } overlap)
                        {
                            return TooMany(side, reasons);
                        }

                        pieces.Add(new Piece("conflict", overlap, Unknown(_ => true)));
                    }

                    covered = covered.Union(rules[i].Region);
                }

                break;
        }

        // What no rule decides: the 'below' grade under the lowest band, then the default, else unclassified.
        if (scope.Minus(covered, space.Domains, Limit) is not { } rest)
        {
            return TooMany(side, reasons);
        }

        var anyRule = Unknown(_ => true);
        if (policy.Bands is { Below: { } below, On: { } on, Rows.Length: > 0 } bands && bands.Rows.All(r => r.Interval!.Value.Low is not null))
        {
            var lowest = bands.Rows.Min(r => r.Interval!.Value.Low!.Value);
            var atEdge = !bands.Rows.Any(r => r.Interval!.Value.Contains(lowest));
            var under = map.Remap(new Region([Box.Of(on.Index, IntervalSet.Of(new Span1(null, false, lowest, atEdge), context.Spaces[on.Index].IsInteger))]));
            if (rest.Intersect(under, Limit) is not { } belowRegion || rest.Minus(under, space.Domains, Limit) is not { } above)
            {
                return TooMany(side, reasons);
            }

            pieces.Add(new Piece(Grade(below), belowRegion, anyRule));
            rest = above;
        }

        pieces.Add(new Piece(policy.DefaultGrade is { } d ? Grade(d) : "unclassified", rest, anyRule));

        // One piece per verdict (the first hit policy gives one per rule), in grade order, statuses after the grades.
        int Rank(string label) => grades.IndexOf(grades.FirstOrDefault(g => g.Id == label)!) is var i and >= 0 ? i : grades.Length;
        return [.. pieces.GroupBy(p => p.Label, StringComparer.Ordinal).OrderBy(g => Rank(g.Key))
            .Select(g => new Piece(g.Key, g.Aggregate(Region.Empty, (acc, p) => acc.Union(p.Region)), [.. g.SelectMany(p => p.Undecided).Distinct()]))
            .Where(p => !p.Region.IsEmpty)];
    }

    /// <summary>
    /// One side's view of an expression: each derived value replaced by its expression, the as-of date by the side's
    /// date. Without a date, an expression that reads it is left out (null) and <see cref="NeedsAsOf"/> says why.
    /// </summary>
    private sealed class Inliner(DateOnly? asOf)
    {
        public bool NeedsAsOf { get; private set; }

        public BoundExpr? Inline(BoundExpr e)
        {
            switch (e)
            {
                case BoundField { Field.Derived: { } derived }:
                    return Inline(derived);
                case BoundField { Field.IsAsOf: true }:
                    if (asOf is not { } date)
                    {
                        NeedsAsOf = true;
                        return null;
                    }

                    return new BoundLiteral(RuntimeValue.FromNumber(date.DayNumber), ExprType.Date);
                case BoundNot n:
                    return Inline(n.Operand) is { } operand ? n with { Operand = operand } : null;
                case BoundNegate n:
                    return Inline(n.Operand) is { } negated ? n with { Operand = negated } : null;
                case BoundLogical l:
                    return Inline(l.Left) is { } ll && Inline(l.Right) is { } lr ? l with { Left = ll, Right = lr } : null;
                case BoundCompare c:
                    return Inline(c.Left) is { } cl && Inline(c.Right) is { } cr ? c with { Left = cl, Right = cr } : null;
                case BoundArithmetic a:
                    return Inline(a.Left) is { } al && Inline(a.Right) is { } ar ? a with { Left = al, Right = ar } : null;
                case BoundInterval i:
                    return Inline(i.Subject) is { } s && Inline(i.Low) is { } lo && Inline(i.High) is { } hi ? i with { Subject = s, Low = lo, High = hi } : null;
                case BoundSet set:
                    return Inline(set.Subject) is { } subject ? set with { Subject = subject } : null;
                case BoundCall call:
                    var args = new BoundExpr[call.Arguments.Length];
                    for (var i = 0; i < args.Length; i++)
                    {
                        if (Inline(call.Arguments[i]) is not { } arg)
                        {
                            return null;
                        }

                        args[i] = arg;
                    }

                    return call with { Arguments = [.. args] };
                default:
                    return e;
            }
        }
    }

    private static List<Piece>? TooMany(string side, List<string> reasons)
    {
        reasons.Add($"the {side} version's rules are too many and too entangled for the box analysis (over {Limit} boxes)");
        return null;
    }

    /// <summary>Joins boxes that differ in one field only, until none do: fewer, larger regions to read.</summary>
    private static List<Box> Merge(IEnumerable<Box> boxes)
    {
        var list = boxes.Where(b => !b.HasEmptySet).ToList();
        var merged = true;
        while (merged && list.Count > 1 && list.Count <= 512)
        {
            merged = false;
            for (var i = 0; i < list.Count && !merged; i++)
            {
                for (var j = i + 1; j < list.Count && !merged; j++)
                {
                    if (JoinOnOneField(list[i], list[j]) is { } joined)
                    {
                        list[i] = joined;
                        list.RemoveAt(j);
                        merged = true;
                    }
                }
            }
        }

        return list;
    }

    private static Box? JoinOnOneField(Box a, Box b)
    {
        if (a.Count != b.Count)
        {
            return null;
        }

        var differ = -1;
        for (var i = 0; i < a.Count; i++)
        {
            if (a.FieldAt(i) != b.FieldAt(i))
            {
                return null;
            }

            if (!Same(a.SetAt(i), b.SetAt(i)))
            {
                if (differ >= 0)
                {
                    return null;
                }

                differ = i;
            }
        }

        return differ < 0 ? a : a.With(a.FieldAt(differ), a.SetAt(differ).Union(b.SetAt(differ)));
    }

    private static bool Same(IntervalSet a, IntervalSet b) => a.IsSubsetOf(b) && b.IsSubsetOf(a);

    /// <summary>How one version's field indices and encodings map into the joint space.</summary>
    internal sealed class FieldMap(Dictionary<int, (int Joint, Func<IntervalSet, IntervalSet> Encode)> map)
    {
        public Region Remap(Region region) =>
            new([.. region.Boxes.Select(box =>
            {
                var result = Box.All;
                for (var i = 0; i < box.Count; i++)
                {
                    var (joint, encode) = map[box.FieldAt(i)];
                    result = result.With(joint, encode(box.SetAt(i)));
                }

                return result;
            })]);
    }

    /// <summary>The fields of both versions, matched by name, each with the values valid under both.</summary>
    internal sealed class JointSpace
    {
        private readonly List<JointField> _fields = [];

        private JointSpace()
        {
        }

        public Dictionary<int, IntervalSet> Domains { get; } = [];

        public Box Universe { get; private set; } = Box.All;

        public FieldMap BeforeMap { get; private set; } = null!;

        public FieldMap AfterMap { get; private set; } = null!;

        public static JointSpace? Build(PolicyDefinition before, PolicyDefinition after, List<string> reasons)
        {
            var space = new JointSpace();
            var beforeSpaces = new PolicyAnalysisContext(before).Spaces;
            var afterSpaces = new PolicyAnalysisContext(after).Spaces;
            foreach (var field in before.Fields.Concat(after.Fields))
            {
                if (space._fields.Any(f => f.Name == field.Name))
                {
                    continue;
                }

                var b = before.Fields.FirstOrDefault(f => f.Name == field.Name);
                var a = after.Fields.FirstOrDefault(f => f.Name == field.Name);
                if (b is not null && a is not null && b.Type != a.Type && !(IsNumber(b.Type) && IsNumber(a.Type)))
                {
                    reasons.Add($"field '{field.Name}' is {b.TypeName} before and {a.TypeName} after: no fact is valid under both");
                    return null;
                }

                space._fields.Add(JointField.Create(space._fields.Count, field.Name, b is null ? null : beforeSpaces[b.Index], a is null ? null : afterSpaces[a.Index]));
            }

            foreach (var field in space._fields)
            {
                if (field.Domain.IsEmpty)
                {
                    reasons.Add($"field '{field.Name}' has no value valid under both versions");
                    return null;
                }

                space.Domains[field.Index] = field.Domain;
                space.Universe = space.Universe.With(field.Index, field.Domain);
            }

            space.BeforeMap = space.MapOf(before, beforeSpaces, f => f.Before);
            space.AfterMap = space.MapOf(after, afterSpaces, f => f.After);
            return space;
        }

        public Region Clip(Region region) => new Region([.. region.Boxes.Select(b => b.Intersect(Universe)).OfType<Box>()]);

        /// <summary>A fact in the box: every field of both versions, each with a value in its joint domain.</summary>
        public Dictionary<string, object?> Witness(Box box)
        {
            var witness = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in _fields)
            {
                var set = box.Get(field.Index, field.Domain);
                witness[field.Name] = field.Decode(set.Pick() ?? 0);
            }

            return witness;
        }

        /// <summary>The box's constraints that are narrower than their field's joint domain, joined by 'and'.</summary>
        public string Describe(Box box)
        {
            var parts = new List<string>();
            foreach (var field in _fields)
            {
                var set = box.Get(field.Index, field.Domain);
                if (!field.Domain.IsSubsetOf(set))
                {
                    parts.Add(field.Describe(set));
                }
            }

            return parts.Count == 0 ? "every valid fact" : string.Join(" and ", parts);
        }

        private FieldMap MapOf(PolicyDefinition policy, IReadOnlyDictionary<int, FieldSpace> spaces, Func<JointField, FieldSpace?> side)
        {
            var map = new Dictionary<int, (int, Func<IntervalSet, IntervalSet>)>();
            foreach (var field in _fields)
            {
                if (side(field) is { } own)
                {
                    map[own.Field.Index] = (field.Index, set => field.Encode(own, set));
                }
            }

            return new FieldMap(map);
        }

        private static bool IsNumber(FieldType type) => type is FieldType.Integer or FieldType.Decimal;
    }

    /// <summary>A field of the joint space: its name, the spaces of each version that has it, and the joint encoding.</summary>
    internal sealed class JointField
    {
        private JointField(int index, string name, FieldSpace? before, FieldSpace? after, FieldType type, List<string>? values)
        {
            Index = index;
            Name = name;
            Before = before;
            After = after;
            Type = type;
            Values = values;
        }

        public int Index { get; }

        public string Name { get; }

        public FieldSpace? Before { get; }

        public FieldSpace? After { get; }

        public FieldType Type { get; }

        /// <summary>Enum values or text literals, by joint index (text: the last index stands for any other text).</summary>
        public List<string>? Values { get; }

        public IntervalSet Domain { get; private set; } = IntervalSet.Empty(true);

        public static JointField Create(int index, string name, FieldSpace? before, FieldSpace? after)
        {
            var any = (before ?? after)!;
            var type = before is not null && after is not null && before.Field.Type != after.Field.Type ? FieldType.Integer : any.Field.Type;
            List<string>? values = type switch
            {
                FieldType.Enum => [.. new[] { before, after }.OfType<FieldSpace>().SelectMany(s => s.Field.Domain!.Values).Distinct(StringComparer.Ordinal)],
                FieldType.String => [.. new[] { before, after }.OfType<FieldSpace>().SelectMany(s => s.Texts!).Distinct(StringComparer.Ordinal)],
                _ => null,
            };
            var field = new JointField(index, name, before, after, type, values);
            var domain = type switch
            {
                FieldType.String => FieldSpace.Range(0, values!.Count),
                FieldType.Enum => FieldSpace.Range(0, values!.Count - 1),
                _ => IntervalSet.All(type is not FieldType.Decimal),
            };
            foreach (var side in new[] { before, after }.OfType<FieldSpace>())
            {
                domain = domain.Intersect(field.Encode(side, side.Domain));
            }

            field.Domain = domain;
            return field;
        }

        /// <summary>A set in one version's encoding, in the joint encoding.</summary>
        public IntervalSet Encode(FieldSpace own, IntervalSet set)
        {
            switch (Type)
            {
                case FieldType.Enum:
                    return Points(set, own.Field.Domain!.Values.Length - 1, o => [Values!.IndexOf(own.Field.Domain!.Values[o])]);
                case FieldType.String:
                    var texts = own.Texts!;
                    return Points(set, texts.Count, o => o < texts.Count
                        ? [Values!.IndexOf(texts[o])]
                        : [.. Enumerable.Range(0, Values!.Count + 1).Where(j => j == Values.Count || !texts.Contains(Values[j]))]);
                default:
                    // Numbers, dates and flags are themselves; an integer on either side makes the joint field whole numbers.
                    return set.Intersect(IntervalSet.All(Type is not FieldType.Decimal));
            }
        }

        public object? Decode(decimal value) => Type switch
        {
            FieldType.Boolean => value != 0,
            FieldType.Enum => Values![(int)value],
            FieldType.String => value < Values!.Count ? Values[(int)value] : OtherText(),
            FieldType.Date => DateOnly.FromDayNumber((int)value),
            FieldType.DateTime => ValueFunctions.FormatDateTime(ValueFunctions.DecodeDateTime(value)),
            FieldType.Integer => decimal.Truncate(value),
            _ => value,
        };

        public string Describe(IntervalSet set)
        {
            switch (Type)
            {
                case FieldType.Boolean:
                    return set.Contains(1) ? Name : "not " + Name;
                case FieldType.Enum:
                case FieldType.String:
                    var inside = Enumerable.Range(0, (int)Domain.Spans[^1].High!.Value + 1).Where(i => Domain.Contains(i)).ToList();
                    var chosen = inside.Where(i => set.Contains(i)).Select(i => Quote(Decode(i))).ToList();
                    var rest = inside.Where(i => !set.Contains(i)).Select(i => Quote(Decode(i))).ToList();
                    return chosen.Count == 1 ? $"{Name} = {chosen[0]}"
                        : rest.Count == 1 ? $"{Name} != {rest[0]}"
                        : chosen.Count <= rest.Count ? $"{Name} in ({string.Join(", ", chosen)})"
                        : $"{Name} not in ({string.Join(", ", rest)})";
                default:
                    var spans = set.Spans.Select(Span).ToList();
                    return spans.Count == 1 ? spans[0] : "(" + string.Join(" or ", spans) + ")";
            }
        }

        private string Span(Span1 span)
        {
            var lowAtDomain = Domain.Spans[0].Low == span.Low && (span.Low is null || Domain.Spans[0].LowIn == span.LowIn);
            var highAtDomain = Domain.Spans[^1].High == span.High && (span.High is null || Domain.Spans[^1].HighIn == span.HighIn);
            if (span.Low is { } lo && span.High is { } hi && lo == hi)
            {
                return $"{Name} = {Show(lo)}";
            }

            if (lowAtDomain || span.Low is null)
            {
                return span.High is { } h ? $"{Name} {(span.HighIn ? "<=" : "<")} {Show(h)}" : Name + " any";
            }

            if (highAtDomain || span.High is null)
            {
                return $"{Name} {(span.LowIn ? ">=" : ">")} {Show(span.Low!.Value)}";
            }

            return $"{Name} in {(span.LowIn ? '[' : '(')}{Show(span.Low!.Value)}, {Show(span.High!.Value)}{(span.HighIn ? ']' : ')')}";
        }

        private string Show(decimal value) => Type == FieldType.Date
            ? DateOnly.FromDayNumber((int)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);

        private static string Quote(object? value) => $"'{value}'";

        private static IntervalSet Points(IntervalSet set, int max, Func<int, int[]> map)
        {
            var result = IntervalSet.Empty(true);
            for (var o = 0; o <= max; o++)
            {
                if (set.Contains(o))
                {
                    foreach (var j in map(o))
                    {
                        result = result.Union(FieldSpace.Point(j));
                    }
                }
            }

            return result;
        }

        private string OtherText()
        {
            var candidate = "other";
            for (var i = 1; Values!.Contains(candidate); i++)
            {
                candidate = "other" + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
