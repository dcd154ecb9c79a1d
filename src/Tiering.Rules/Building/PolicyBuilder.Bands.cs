// `bands:` (and a scorecard's `grading:`): the band table, its rows, their ranges and the condition each row stands for.
using System.Diagnostics.CodeAnalysis;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    /// <summary>The keys of band tables (and a scorecard's grading), apart so that loading only plain rules never builds them.</summary>
    private static class BandKeys
    {
        public static readonly string[] Table = ["on", "edges", "rows", "below", "accept"];
        public static readonly string[] Row = ["id", "from", "to", "range", "grade", "outputs", "because", "description", "accept"];
    }

    private BandTable? ReadBandTable(SyntaxNode node, string what, ScratchList<RuleDefinition> rules, NameMap<GradeDefinition> grades, NameMap<SyntaxNode> ruleIds, bool isGrading)
    {
        if (_read.AsMapping(node, what) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, what, BandKeys.Table);
        FieldDefinition? on = null;
        var onNode = isGrading ? map.Find("on")?.Value : _read.Required(map, "on", what);
        var onName = _read.String(onNode, $"on of {what}");
        if (isGrading)
        {
            if (onName is not null && onName != "score")
            {
                _read.Report(DiagnosticDescriptors.InvalidValue, onNode!.Span, onName, "grading 'on'", "score");
            }
        }
        else if (onName is not null)
        {
            on = LookupField(onName);
            if (on is null && _brokenFields.Contains(onName))
            {
                // Already reported where the field is declared.
            }
            else if (on is null)
            {
                _read.Report(DiagnosticDescriptors.UnknownField, onNode!.Span, onName, Suggestions.DidYouMean(onName, _fields.Keys));
            }
            else if (on.Type is not (FieldType.Decimal or FieldType.Integer))
            {
                _read.Report(DiagnosticDescriptors.BandFieldType, onNode!.Span, onName, on.TypeName);
                on = null;
            }
            else if (_groupFact is not null && GroupFactReason(on) is { } why)
            {
                _read.Report(DiagnosticDescriptors.GroupFactField, onNode!.Span, onName, why);
                on = null;
            }
        }

        var edgesNode = map.Find("edges")?.Value;
        var edges = _read.String(edgesNode, "edges") ?? "lower-inclusive";
        if (edges is not ("lower-inclusive" or "upper-inclusive"))
        {
            _read.Report(DiagnosticDescriptors.InvalidValue, edgesNode!.Span, edges, "edges", "lower-inclusive ([from, to)), upper-inclusive ((from, to])");
        }

        var lowerInclusive = edges != "upper-inclusive";
        var below = ReadGradeRef(map.Find("below")?.Value, grades, $"below of {what}");
        var rows = new ScratchList<RuleDefinition>();
        if (_read.Required(map, "rows", what) is { } rowsNode && _read.AsSequence(rowsNode, $"rows of {what}") is { } seq)
        {
            foreach (var item in seq.Items)
            {
                if (ReadBandRow(item, rules.Count, on, lowerInclusive, grades, ruleIds, isGrading) is { } row)
                {
                    rules.Add(row);
                    rows.Add(row);
                }
            }

            if (seq.Items.Length == 0)
            {
                _read.Report(DiagnosticDescriptors.BandTableEmpty, seq.Span, what);
            }
        }

        return new BandTable(on, rows.ToArray(), below, map.Span) { Accepts = ReadAccepts(map) };
    }

    private RuleDefinition? ReadBandRow(SyntaxNode node, int index, FieldDefinition? on, bool lowerInclusive, NameMap<GradeDefinition> grades, NameMap<SyntaxNode> ruleIds, bool isGrading)
    {
        var what = isGrading ? "a grading row" : "a band row";
        if (_read.AsMapping(node, what) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, what, BandKeys.Row);
        var id = isGrading && map.Find("id") is null ? $"GRADE-{index}" : ReadRuleId(map, what, ruleIds);
        var whereRow = id is null ? what : $"band '{id}'";
        var grade = _read.Required(map, "grade", whereRow) is { } gradeNode ? ReadGradeRef(gradeNode, grades, $"grade of {whereRow}") : null;
        Interval? interval = null;
        var rangeNode = map.Find("range");
        var fromNode = map.Find("from");
        var toNode = map.Find("to");
        if (rangeNode is not null)
        {
            if (fromNode is not null || toNode is not null)
            {
                _read.Report(DiagnosticDescriptors.BandRangeAndFromTo, rangeNode.Key.Span, whereRow);
            }
            else
            {
                interval = ReadRange(rangeNode.Value, whereRow);
            }
        }
        else if (fromNode is null && toNode is null)
        {
            _read.Report(DiagnosticDescriptors.BandWithoutBounds, map.Span, whereRow);
        }
        else
        {
            var from = fromNode is null ? null : _read.Number(fromNode.Value, $"from of {whereRow}");
            var to = toNode is null ? null : _read.Number(toNode.Value, $"to of {whereRow}");
            if ((fromNode is null || from is not null) && (toNode is null || to is not null))
            {
                if (from is { } f && to is { } t && f >= t)
                {
                    _read.Report(DiagnosticDescriptors.BandFromNotBelowTo, map.Span, whereRow, f, t);
                }
                else
                {
                    interval = new Interval(from, from is not null && lowerInclusive, to, to is not null && !lowerInclusive);
                }
            }
        }

        var outputs = ReadOutputs(map.Find("outputs")?.Value, out var computed);
        var because = _read.String(map.Find("because")?.Value, "because");
        if (id is null || interval is null || grade is null)
        {
            return null;
        }

        BoundExpr? condition = null;
        if (on is not null)
        {
            condition = IntervalCondition(new BoundField(on), interval.Value);
        }

        return new RuleDefinition(id, index, isGrading ? RuleKind.GradingBand : RuleKind.Band, condition, grade, outputs, because, map.Span)
        {
            Text = $"{(isGrading ? "score" : on?.Name ?? "?")} in {interval}",
            Accepts = ReadAccepts(map),
            Interval = interval,
            Reads = on is null ? [] : [on],
            Computed = computed,
        };
    }

    /// <summary>The condition a band row stands for, so the reference interpreter and the analyser see ordinary rules.</summary>
    private static BoundExpr IntervalCondition(BoundExpr subject, Interval interval)
    {
        BoundExpr? low = interval.Low is { } lo
            ? new BoundCompare(interval.LowInclusive ? CompareOp.GreaterEqual : CompareOp.Greater, subject, Number(lo))
            : null;
        BoundExpr? high = interval.High is { } hi
            ? new BoundCompare(interval.HighInclusive ? CompareOp.LessEqual : CompareOp.Less, subject, Number(hi))
            : null;
        return (low, high) switch
        {
            ({ } l, { } h) => new BoundLogical(LogicalOp.And, l, h),
            ({ } l, null) => l,
            (null, { } h) => h,
            _ => new BoundLiteral(RuntimeValue.FromBoolean(true), ExprType.Boolean),
        };

        static BoundLiteral Number(decimal value) => new(RuntimeValue.FromNumber(value), ExprType.Number);
    }

    /// <summary>A band row's <c>range: "[a, b)"</c>; a range that does not parse is reported on its whole scalar.</summary>
    private Interval? ReadRange(SyntaxNode node, string where)
    {
        if (_read.AsScalar(node, $"range of {where}") is not { } scalar)
        {
            return null;
        }

        if (TryParseRange(scalar.Value, out var interval, out var problem))
        {
            return interval;
        }

        _read.Report(DiagnosticDescriptors.InvalidInterval, scalar.Span, scalar.Value, problem);
        return null;
    }

    /// <summary>
    /// Parses <c>[a, b)</c>, <c>(a, b]</c>, <c>[a, )</c>, <c>(, b]</c>: a bracket includes its edge, a parenthesis
    /// excludes it, an empty bound is open. When the text is no such range, <paramref name="problem"/> says why.
    /// </summary>
    private static bool TryParseRange(string value, out Interval interval, [NotNullWhen(false)] out string? problem)
    {
        interval = default;
        var text = value.Trim();
        if (text.Length < 5 || text[0] is not ('[' or '(') || text[^1] is not (']' or ')'))
        {
            problem = "write it like [a, b), (a, b], [a, ) or (a, b); [ ] include the edge, ( ) exclude it";
            return false;
        }

        var parts = text[1..^1].Split(',');
        if (parts.Length != 2)
        {
            problem = "it needs exactly two bounds separated by a comma";
            return false;
        }

        if (!TryParseBound(parts[0], out var low, out problem) || !TryParseBound(parts[1], out var high, out problem))
        {
            return false;
        }

        if (low is null && high is null)
        {
            problem = "at least one bound is needed";
            return false;
        }

        if (low is { } l && high is { } h && (l > h || (l == h && !(text[0] == '[' && text[^1] == ']'))))
        {
            problem = "it contains no value";
            return false;
        }

        interval = new Interval(low, low is not null && text[0] == '[', high, high is not null && text[^1] == ']');
        return true;
    }

    /// <summary>One bound of a range: empty is open (null), anything else must be a number.</summary>
    private static bool TryParseBound(string part, out decimal? bound, [NotNullWhen(false)] out string? problem)
    {
        part = part.Trim();
        bound = null;
        problem = null;
        if (part.Length == 0)
        {
            return true;
        }

        if (SyntaxValueReader.TryParseNumber(part, out var value))
        {
            bound = value;
            return true;
        }

        problem = $"'{part}' is not a number";
        return false;
    }
}
