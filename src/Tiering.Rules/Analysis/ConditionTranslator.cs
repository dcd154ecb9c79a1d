using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Translates a bound condition into a <see cref="Region"/> (a union of per-field boxes), or says why it cannot:
/// arithmetic over fields, comparisons between two fields, isMissing and other policies' grades compared with
/// fields are beyond the analysis, which says so rather than guess. A comparison that reads one date field through
/// the date functions and constants is an interval of that field (<see cref="DateReduction"/>) when evaluating it
/// cannot fail within the field's domain — or within <paramref name="validDomains"/>, the values left once a caller
/// has set aside those where the decision is invalid anyway.
/// </summary>
internal sealed class ConditionTranslator(IReadOnlyDictionary<int, FieldSpace> spaces, int limit, AnalysisBudget? budget = null, IReadOnlyDictionary<int, IntervalSet>? validDomains = null)
{
    public string? Reason { get; private set; }

    public Region? Translate(BoundExpr expr) => Translate(expr, negate: false);

    private Region? Translate(BoundExpr expr, bool negate)
    {
        switch (expr)
        {
            case BoundLiteral { Type.Kind: ValueKind.Boolean } literal:
                return literal.Value.Boolean != negate ? Region.All : Region.Empty;
            case BoundField { Type.Kind: ValueKind.Boolean } field:
                return Atom(field.Field, FieldSpace.Point(negate ? 0 : 1));
            case BoundNot not:
                return Translate(not.Operand, !negate);
            case BoundLogical logical:
                return Logical(logical, negate);
            case BoundCompare compare:
                return Compare(compare, negate);
            case BoundInterval interval:
                return Interval(interval, negate);
            case BoundSet setExpr:
                return Set(setExpr, negate);
            case BoundIsMissing { Field.IsAggregate: true }:
                // The guard a rule over an aggregate gets (not isMissing(group.x) and …): the analysis reasons about the
                // aggregate's values, as about a field's; a missing aggregate only keeps the rule from firing.
                return negate ? Region.All : Region.Empty;
            case BoundIsMissing:
                return Beyond("isMissing(…) depends on whether a value is present, not on its value");
            default:
                return Beyond("an expression the analysis does not model");
        }
    }

    // One method per kind of node: a first load compiles only the kinds its policy's conditions use.
    private Region? Logical(BoundLogical logical, bool negate)
    {
        var left = Translate(logical.Left, negate);
        var right = left is null ? null : Translate(logical.Right, negate);
        if (left is null || right is null)
        {
            return null;
        }

        // De Morgan: under negation 'and' becomes 'or' and the other way round.
        var isAnd = (logical.Op == LogicalOp.And) != negate;
        if (!isAnd)
        {
            return left.Boxes.Length + right.Boxes.Length > limit ? TooComplex() : left.Union(right);
        }

        return left.Intersect(right, limit, budget) ?? TooComplex();
    }

    private Region? Interval(BoundInterval interval, bool negate)
    {
        if (interval.Subject is not BoundField field || interval.Low is not BoundLiteral low || interval.High is not BoundLiteral high)
        {
            if (interval.Subject is BoundCall { Function: FunctionKind.Instant })
            {
                return Beyond("a range of date-times, compared as instants");
            }

            if (interval.Subject.Type.Kind != ValueKind.Date && interval.Low.Type.Kind != ValueKind.Date)
            {
                return Beyond("a range test whose value or bounds are not a plain field and numbers");
            }

            // A range of dates computed from fields: low <= subject and subject <= high, each reduced on its own.
            var lowTest = new BoundCompare(interval.LowInclusive ? CompareOp.LessEqual : CompareOp.Less, interval.Low, interval.Subject);
            var highTest = new BoundCompare(interval.HighInclusive ? CompareOp.LessEqual : CompareOp.Less, interval.Subject, interval.High);
            return Logical(new BoundLogical(LogicalOp.And, lowTest, highTest), negate != interval.Negated);
        }

        var set = IntervalSet.Of(new Span1(low.Value.Number, interval.LowInclusive, high.Value.Number, interval.HighInclusive), spaces[field.Field.Index].IsInteger);
        return Atom(field.Field, set, negate != interval.Negated);
    }

    private Region? Set(BoundSet setExpr, bool negate)
    {
        if (setExpr.Subject is not BoundField field)
        {
            return Beyond("'in (…)' over an expression");
        }

        var space = spaces[field.Field.Index];
        var set = IntervalSet.Empty(true);
        foreach (var value in setExpr.Values)
        {
            set = set.Union(FieldSpace.Point(space.Encode(value)));
        }

        return Atom(field.Field, set, negate != setExpr.Negated);
    }

    private Region? Compare(BoundCompare compare, bool negate)
    {
        BoundField field;
        BoundLiteral literal;
        var op = compare.Op;
        if (compare.Left is BoundField leftField && compare.Right is BoundLiteral rightLiteral)
        {
            (field, literal) = (leftField, rightLiteral);
        }
        else if (compare.Left is BoundLiteral leftLiteral && compare.Right is BoundField rightField)
        {
            (field, literal, op) = (rightField, leftLiteral, Flip(op));
        }
        else if (Reduced(compare, negate, out var said) is { } reduced)
        {
            return reduced;
        }
        else
        {
            return said ? null : compare.Left is BoundCall { Function: FunctionKind.Instant }
                ? Beyond("a comparison of date-times, compared as instants")
                : compare.Left is BoundArithmetic || compare.Right is BoundArithmetic || compare.Left is BoundCall || compare.Right is BoundCall
                ? Beyond("arithmetic or functions over fields")
                : Beyond("a comparison between two fields");
        }

        var space = spaces[field.Field.Index];
        var v = space.Encode(literal.Value);
        var integer = space.IsInteger;
        var set = op switch
        {
            CompareOp.Equal => IntervalSet.Of(new Span1(v, true, v, true), integer),
            CompareOp.NotEqual => IntervalSet.Of(new Span1(v, true, v, true), integer).Complement(),
            CompareOp.Less => IntervalSet.Of(new Span1(null, false, v, false), integer),
            CompareOp.LessEqual => IntervalSet.Of(new Span1(null, false, v, true), integer),
            CompareOp.Greater => IntervalSet.Of(new Span1(v, false, null, false), integer),
            _ => IntervalSet.Of(new Span1(v, true, null, false), integer),
        };
        return Atom(field.Field, set, negate);
    }

    /// <summary>A comparison over one date field (or none) as an interval of it; null when it does not reduce.</summary>
    private Region? Reduced(BoundCompare compare, bool negate, out bool said)
    {
        said = false;
        if (DateReduction.Reduce(compare, out var why) is not { } reduced)
        {
            if (why is not null)
            {
                said = true;
                Beyond(why);
            }

            return null;
        }

        if (reduced.Field is not { } field)
        {
            return reduced.Holds.IsEmpty == negate ? Region.All : Region.Empty;
        }

        var domain = validDomains?.GetValueOrDefault(field.Index) ?? spaces[field.Index].Domain;
        if (!reduced.Fails.Intersect(domain).IsEmpty)
        {
            said = true;
            Beyond($"evaluating it moves a date off the calendar for some values of '{field.Name}' (the decision is then invalid)");
            return null;
        }

        return Atom(field, reduced.Holds, negate);
    }

    private Region Atom(FieldDefinition field, IntervalSet set, bool negate = false) =>
        new([Box.Of(field.Index, negate ? set.Complement() : set)]);

    private Region? Beyond(string reason)
    {
        Reason ??= reason;
        return null;
    }

    private Region? TooComplex() => Beyond(budget is { Exhausted: true }
        ? $"the analysis ran out of its {budget.Steps} steps"
        : $"a condition with more than {limit} alternatives after expansion");

    private static CompareOp Flip(CompareOp op) => op switch
    {
        CompareOp.Less => CompareOp.Greater,
        CompareOp.LessEqual => CompareOp.GreaterEqual,
        CompareOp.Greater => CompareOp.Less,
        CompareOp.GreaterEqual => CompareOp.LessEqual,
        _ => op,
    };
}
