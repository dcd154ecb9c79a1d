// `group:`: the key, what the policy decides (each member or each group), constant fields and the aggregates.
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    /// <summary>
    /// The group section's words, in a class of their own: its static initializer runs for a policy with a
    /// <c>group:</c> section, where the builder's own runs for every load (each string a first load's lookup).
    /// </summary>
    private static class GroupWords
    {
        public static readonly string[] Keys = ["by", "decides", "constant", "aggregates", "decideWith", "description"];
        public static readonly string[] AggregateKinds = ["sum", "count", "min", "max", "avg", "share"];
        public static readonly string[] AggregateKeys = [.. AggregateKinds, "where", "over", "description"];

        /// <summary>The keys a policy that decides each group does not have: the delegate policy decides the group fact.</summary>
        public static readonly string[] NotForDeciders = ["grades", "hitPolicy", "default", "appliesWhen", "rules", "bands", "score", "veto", "grading", "disjoint"];

        /// <summary>The keys a policy that decides each group with its own rules does not have: none of them sees a group fact.</summary>
        public static readonly string[] NotForGroupFacts = ["let", "require", "score", "veto", "grading"];
    }

    /// <summary>The <c>group.&lt;name&gt;</c> pseudo-fields, by that name, once every aggregate's member condition is bound.</summary>
    private readonly NameMap<FieldDefinition> _aggregates = new();

    /// <summary>
    /// The group of a policy that decides each group with its own grades and rules (no <c>decideWith</c>): while set,
    /// every expression may read only the key, the constant fields and the aggregates, the group fact's fields.
    /// </summary>
    private GroupDefinition? _groupFact;

    /// <summary>While a <c>where</c> of a group-deciding policy is bound: <c>decision(…)</c> there is an error.</summary>
    private bool _bindingGroupDeciderWhere;

    private GroupDefinition? ReadGroup(MappingEntry entry)
    {
        const string where = "group";
        if (_read.AsMapping(entry.Value, where) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, where, GroupWords.Keys);
        var ok = true;
        var key = new ScratchList<FieldDefinition>();
        if (_read.Required(map, "by", where) is { } byNode)
        {
            var names = byNode is SequenceSyntax seq ? seq.Items : [byNode];
            foreach (var nameNode in names)
            {
                if (GroupField(nameNode, "group.by") is { } field)
                {
                    if (field.Optional)
                    {
                        _read.Report(DiagnosticDescriptors.GroupKeyOptional, nameNode.Span, field.Name);
                        ok = false;
                    }

                    key.Add(field);
                }
                else
                {
                    ok = false;
                }
            }

            if (names.Length == 0)
            {
                _read.Report(DiagnosticDescriptors.GroupNeeds, byNode.Span, "'by' (the key field or fields)");
                ok = false;
            }
        }
        else
        {
            ok = false;
        }

        var decides = _read.String(_read.Required(map, "decides", where), "group.decides");
        if (decides is not null and not ("members" or "groups"))
        {
            _read.Report(DiagnosticDescriptors.InvalidValue, map.Find("decides")!.Value.Span, decides, "group.decides", "members, groups");
            ok = false;
        }

        var decidesGroups = decides == "groups";
        var constant = new ScratchList<FieldDefinition>();
        if (map.Find("constant")?.Value is { } constantNode && _read.AsSequence(constantNode, "group.constant") is { } constants)
        {
            foreach (var item in constants.Items)
            {
                if (GroupField(item, "group.constant") is { } field)
                {
                    constant.Add(field);
                }
                else
                {
                    ok = false;
                }
            }
        }

        var decideWith = ReadDecideWith(map, decidesGroups, ref ok);
        _bindingGroupDeciderWhere = decidesGroups;
        var aggregates = ReadAggregates(map, ref ok);
        _bindingGroupDeciderWhere = false;
        if (!ok || decides is null)
        {
            return null;
        }

        return new GroupDefinition(key.ToArray(), decidesGroups, constant.ToArray(), aggregates, decideWith, entry.Key.Span);
    }

    private string? ReadDecideWith(MappingSyntax map, bool decidesGroups, ref bool ok)
    {
        var node = map.Find("decideWith");
        if (!decidesGroups)
        {
            if (node is not null)
            {
                _read.Report(DiagnosticDescriptors.GroupKeyOnlyForGroups, node.Key.Span, "decideWith");
                ok = false;
            }

            return null;
        }

        if (node is null)
        {
            return null; // the policy's own grades and rules decide the group fact
        }

        if (_read.String(node.Value, "group.decideWith") is not { } id)
        {
            ok = false;
            return null;
        }

        if (id == _policyId || !_headers.TryGetValue(id, out var versions) || versions.Length == 0)
        {
            _read.Report(DiagnosticDescriptors.UnknownPolicy, node!.Value.Span, id, Suggestions.DidYouMean(id, _headers.Keys));
            ok = false;
            return null;
        }

        return id;
    }

    private AggregateDefinition[] ReadAggregates(MappingSyntax map, ref bool ok)
    {
        var node = _read.Required(map, "aggregates", "group");
        if (node is null || _read.AsMapping(node, "group.aggregates") is not { } aggregatesMap)
        {
            ok = false;
            return [];
        }

        if (aggregatesMap.Entries.Length == 0)
        {
            _read.Report(DiagnosticDescriptors.GroupNeeds, aggregatesMap.Span, "at least one aggregate");
            ok = false;
        }

        // The pseudo-fields first (their indices come before any decision(…) a member condition makes), then the member
        // conditions, which may not read aggregates: only then are the aggregates visible to expressions.
        var result = new ScratchList<AggregateDefinition>();
        var pending = new List<(AggregateDefinition Aggregate, SyntaxNode? Where)>();
        foreach (var entry in aggregatesMap.Entries)
        {
            var name = entry.Key.Value;
            if (!Identifiers.IsFieldName(name) || name.Contains('.', StringComparison.Ordinal) || Lexer.IsKeyword(name))
            {
                _read.Report(DiagnosticDescriptors.InvalidId, entry.Key.Span, name, "aggregate", "use letters, digits and '_', starting with a letter, and not a keyword");
                ok = false;
                continue;
            }

            if (ReadAggregate(name, entry) is { } read)
            {
                pending.Add(read);
            }
            else
            {
                ok = false;
            }
        }

        foreach (var (aggregate, whereNode) in pending)
        {
            var condition = whereNode is null ? null : BindExpression(whereNode, $"where of aggregate '{aggregate.Name}'", asCondition: true);
            if (whereNode is not null && condition is null)
            {
                ok = false;
                continue;
            }

            result.Add(aggregate with { Where = condition, WhereText = ScalarText(whereNode) });
        }

        foreach (var aggregate in result)
        {
            _aggregates[aggregate.Field.Name] = aggregate.Field;
        }

        return result.ToArray();
    }

    private (AggregateDefinition, SyntaxNode?)? ReadAggregate(string name, MappingEntry entry)
    {
        var where = $"aggregate '{name}'";
        if (_read.AsMapping(entry.Value, where) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, where, GroupWords.AggregateKeys);
        MappingEntry? kindEntry = null;
        var kindCount = 0;
        foreach (var candidate in map.Entries)
        {
            if (Array.IndexOf(GroupWords.AggregateKinds, candidate.Key.Value) >= 0)
            {
                kindEntry ??= candidate;
                kindCount++;
            }
        }

        if (kindCount != 1)
        {
            _read.Report(DiagnosticDescriptors.AggregateKindCount, map.Span, where, string.Join(", ", GroupWords.AggregateKinds), kindCount == 0 ? "none" : "more than one");
            return null;
        }

        var kind = (GroupAggregateKind)Array.IndexOf(GroupWords.AggregateKinds, kindEntry!.Key.Value);
        FieldDefinition? of = null;
        if (kind == GroupAggregateKind.Count)
        {
            if (_read.String(kindEntry.Value, $"count of {where}") is not "members")
            {
                _read.Report(DiagnosticDescriptors.InvalidValue, kindEntry.Value.Span, (kindEntry.Value as ScalarSyntax)?.Value, $"count of {where}", "members");
                return null;
            }
        }
        else
        {
            of = GroupField(kindEntry.Value, $"{kindEntry.Key.Value} of {where}");
            if (of is null)
            {
                return null;
            }

            if (of.Type is not (FieldType.Decimal or FieldType.Integer))
            {
                _read.Report(DiagnosticDescriptors.AggregateFieldType, kindEntry.Value.Span, kindEntry.Key.Value, of.Name, of.TypeName);
                return null;
            }
        }

        var overInput = false;
        if (map.Find("over") is { } over)
        {
            var text = _read.String(over.Value, $"over of {where}");
            if (kind != GroupAggregateKind.Share)
            {
                _read.Report(DiagnosticDescriptors.GroupKeyOnlyForShare, over.Key.Span, where);
                return null;
            }

            if (text is not ("group" or "input"))
            {
                _read.Report(DiagnosticDescriptors.InvalidValue, over.Value.Span, text, $"over of {where}", "group, input");
                return null;
            }

            overInput = text == "input";
        }

        var field = AggregateField(name, kind, of, entry.Key.Span);
        return (new AggregateDefinition(name, kind, of, null, overInput, entry.Key.Span) { Field = field }, map.Find("where")?.Value);
    }

    /// <summary>
    /// The pseudo-field of an aggregate, typed so that the analysis knows its domain as it knows a field's: a count is a
    /// whole number ≥ 0, a share of fields ≥ 0 lies in [0, 1], a sum of fields ≥ 0 is ≥ 0, min, max and avg keep the
    /// field's bounds. Optional when it can be missing (no member for min, max, avg; a zero whole for a share).
    /// </summary>
    private FieldDefinition AggregateField(string name, GroupAggregateKind kind, FieldDefinition? of, SourceSpan span)
    {
        var nonNegative = of?.Min is >= 0;
        var (type, min, max) = kind switch
        {
            GroupAggregateKind.Count => (FieldType.Integer, 0m, (decimal?)null),
            GroupAggregateKind.Share => (FieldType.Decimal, nonNegative ? 0m : (decimal?)null, nonNegative ? 1m : (decimal?)null),
            GroupAggregateKind.Sum => (of!.Type, nonNegative ? 0m : (decimal?)null, (decimal?)null),
            GroupAggregateKind.Avg => (FieldType.Decimal, of!.Min, of.Max),
            _ => (of!.Type, of.Min, of.Max),
        };
        var optional = kind is GroupAggregateKind.Min or GroupAggregateKind.Max or GroupAggregateKind.Avg or GroupAggregateKind.Share;
        return new FieldDefinition($"group.{name}", type, null, min, max, optional, null, kind == GroupAggregateKind.Share ? null : of?.Unit, span)
        {
            Index = NextIndex(),
            IsAggregate = true,
        };
    }

    /// <summary>A declared field named by a scalar of the group section, or null after reporting why not.</summary>
    private FieldDefinition? GroupField(SyntaxNode node, string what)
    {
        if (_read.String(node, what) is not { } name)
        {
            return null;
        }

        if (_fields.TryGetValue(name, out var field))
        {
            return field;
        }

        if (!_brokenFields.Contains(name))
        {
            _read.Report(DiagnosticDescriptors.GroupUnknownField, node.Span, name, what, Suggestions.DidYouMean(name, _fields.Keys));
        }

        return null;
    }

    /// <summary>
    /// A rule's condition that reads aggregates that can be missing, guarded so that the rule does not fire when one is
    /// missing (rather than making the member invalid, as a missing optional field would): <c>not isMissing(group.x) and …</c>.
    /// A condition that tests <c>isMissing(group.x)</c> itself is left as written.
    /// </summary>
    private BoundExpr? GuardAggregates(BoundExpr? condition)
    {
        if (condition is null || _aggregates.Count == 0)
        {
            return condition;
        }

        var reads = BoundExprWalker.FieldsRead(condition);
        var guarded = condition;
        for (var i = reads.Length - 1; i >= 0; i--)
        {
            var field = reads[i];
            if (field.IsAggregate && field.Optional && !TestsMissing(condition, field))
            {
                guarded = new BoundLogical(LogicalOp.And, new BoundNot(new BoundIsMissing(field)), guarded);
            }
        }

        return guarded;

        static bool TestsMissing(BoundExpr e, FieldDefinition field)
        {
            if (e is BoundIsMissing m && m.Field.Index == field.Index)
            {
                return true;
            }

            foreach (var child in BoundExprWalker.Children(e))
            {
                if (TestsMissing(child, field))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// A policy that decides each group: its fields and group section, and the grades of the policy that decides the
    /// group fact (<c>decideWith</c>), which gives every group decision its grade, fired rules and outputs.
    /// </summary>
    private PolicyDefinition? BuildGroupDecider(MappingSyntax map, string? id, string? version, string? title, string? source, DateOnly? from, DateOnly? until, GroupDefinition? group)
    {
        var decideWith = (map.Find("group")?.Value as MappingSyntax)?.Find("decideWith")?.Value as ScalarSyntax;
        foreach (var key in GroupWords.NotForDeciders)
        {
            if (map.Find(key) is { } extra)
            {
                _read.Report(DiagnosticDescriptors.GroupDeciderKey, extra.Key.Span, key, decideWith?.Value ?? "named in decideWith");
            }
        }

        if (id is null || version is null || group is null)
        {
            return null;
        }

        var gradeIds = _headers[group.DecideWith!][0].Grades;
        var grades = new GradeDefinition[gradeIds.Length];
        for (var i = 0; i < grades.Length; i++)
        {
            grades[i] = new GradeDefinition(gradeIds[i], null, i, OutputMap.Empty, group.Span);
        }

        var declared = DeclaredFields();
        return new PolicyDefinition(id, version, title, source, from, until, declared, [], null, [.. grades], HitPolicy.First, null, [], null, null, map.Span)
        {
            AllFields = AllFieldsInOrder(declared),
            Accepts = ReadAccepts(map),
            Group = group,
            RulesSpan = group.Span,
        };
    }

    /// <summary>Reports the keys that a policy deciding each group with its own rules cannot have.</summary>
    private void CheckGroupFactKeys(MappingSyntax map)
    {
        foreach (var key in GroupWords.NotForGroupFacts)
        {
            if (map.Find(key) is { } extra)
            {
                _read.Report(DiagnosticDescriptors.GroupFactKey, extra.Key.Span, key);
            }
        }
    }

    /// <summary>
    /// In a policy that decides each group with its own rules, reports each field <paramref name="bound"/> reads that is
    /// not in the group fact (the key, a constant field, an aggregate), at its first place in <paramref name="scalar"/>'s
    /// text, saying why: a member field differs from member to member, so it has no one value for the group.
    /// </summary>
    private void CheckGroupFactReads(BoundExpr bound, ScalarSyntax scalar, string text)
    {
        foreach (var field in BoundExprWalker.FieldsRead(bound))
        {
            if (GroupFactReason(field) is { } why)
            {
                var offset = IndexOfName(text, field.Name);
                var position = ExpressionPosition(scalar, Math.Max(0, offset));
                _read.Report(DiagnosticDescriptors.GroupFactField, new SourceSpan(_path, position, position.Shift(offset < 0 ? 1 : field.Name.Length)), field.Name, why);
            }
        }
    }

    /// <summary>Why a policy deciding each group with its own rules cannot read <paramref name="field"/>, or null when it can.</summary>
    private string? GroupFactReason(FieldDefinition field)
    {
        var group = _groupFact!;
        if (field.IsAggregate)
        {
            return null;
        }

        if (group.Constant.Any(c => c.Index == field.Index))
        {
            // The members' agreement is kept as a value, not as missing or not: an optional one would read as a default.
            return field.Optional ? $"'{field.Name}' is an optional constant field, and the group fact keeps no missing value for it; make it required" : null;
        }

        if (group.Key.Any(k => k.Index == field.Index))
        {
            return field.Type == FieldType.String ? null : $"a key field is read by the group's rules only when it is a string, and '{field.Name}' is {field.TypeName}";
        }

        return field.DependsOnPolicy is not null
            ? "a member's chained decision differs from member to member; read it in an aggregate's 'where' instead"
            : field.Name == "asOf"
                ? "the group fact holds the key, the constant fields and the aggregates only"
                : "it is a member field, which differs from member to member; the group's rules read only the key, the 'constant' fields and group.<aggregate>";
    }

    /// <summary>The offset of <paramref name="name"/> as a whole word in <paramref name="text"/>, or -1.</summary>
    private static int IndexOfName(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + name.Length >= text.Length ? ' ' : text[at + name.Length];
            if (!char.IsLetterOrDigit(before) && before is not ('_' or '.') && !char.IsLetterOrDigit(after) && after != '_')
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Declared fields, then decision and aggregate pseudo-fields, in index order.</summary>
    private FieldDefinition[] AllFieldsInOrder(FieldDefinition[] declared)
    {
        if (_aggregates.Count == 0)
        {
            return Arrays.Concat(declared, _decisionRefs.ToArray());
        }

        var all = new FieldDefinition[declared.Length + _decisionRefs.Count + _aggregates.Count];
        foreach (var field in declared)
        {
            all[field.Index] = field;
        }

        foreach (var field in _decisionRefs)
        {
            all[field.Index] = field;
        }

        foreach (var field in _aggregates.Values)
        {
            all[field.Index] = field;
        }

        return all;
    }
}
