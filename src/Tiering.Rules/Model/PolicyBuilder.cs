using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Model;

/// <summary>What one policy file declares about itself before its expressions are bound: enough for other files' decision(…).</summary>
internal sealed record PolicyHeader(string Id, string? Version, ImmutableArray<string> Grades, bool Ordered, SourceSpan Span);

/// <summary>
/// Builds the validated, immutable <see cref="PolicyDefinition"/> of one file from its syntax tree. Collects every
/// problem it can find as positioned diagnostics instead of stopping at the first.
/// </summary>
internal sealed class PolicyBuilder : IBindingScope
{
    private static readonly string[] TopKeys =
    [
        "policy", "version", "title", "description", "source", "effective", "fact", "fields", "appliesWhen", "grades",
        "hitPolicy", "default", "rules", "bands", "score", "veto", "grading", "accept", "disjoint",
    ];

    private static readonly string[] FieldKeys = ["type", "values", "min", "max", "optional", "whenMissing", "unit", "description"];
    private static readonly string[] RuleKeys = ["id", "when", "then", "outputs", "because", "description", "accept"];
    private static readonly string[] GradeKeys = ["id", "label", "outputs", "description"];
    private static readonly string[] HitPolicies = ["first", "unique", "worst", "best", "collect", "scorecard"];
    private static readonly string[] FieldTypes = ["decimal", "integer", "boolean", "string", "enum", "date"];

    /// <summary>The keys of band tables and scorecards, apart so that loading only plain rules never builds them.</summary>
    private static class TableKeys
    {
        public static readonly string[] Band = ["on", "edges", "rows", "below", "accept"];
        public static readonly string[] BandRow = ["id", "from", "to", "range", "grade", "outputs", "because", "description", "accept"];
        public static readonly string[] Score = ["id", "when", "points", "because", "description", "accept"];
        public static readonly string[] Veto = ["id", "when", "grade", "outputs", "because", "description", "accept"];
    }

    private readonly string _path;
    private readonly LoadLimits _limits;
    private readonly SyntaxReading _read;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<PolicyHeader>> _headers;
    private readonly Dictionary<string, FieldDefinition> _fields = new(StringComparer.Ordinal);
    private readonly List<FieldDefinition> _decisionRefs = [];
    private int _nextIndex;
    private ScalarSyntax? _currentScalar;
    private readonly HashSet<string> _brokenFields = new(StringComparer.Ordinal);
    private string _policyId = string.Empty;

    private PolicyBuilder(string path, LoadLimits limits, List<Diagnostic> diagnostics, IReadOnlyDictionary<string, IReadOnlyList<PolicyHeader>> headers)
    {
        _path = path;
        _limits = limits;
        _read = new SyntaxReading(diagnostics);
        _headers = headers;
    }

    IEnumerable<string> IBindingScope.FieldNames => _fields.Keys;

    /// <summary>Reads just the id, version and grades of a policy file (phase one of a load).</summary>
    public static PolicyHeader? ReadHeader(SyntaxNode root)
    {
        if (root is not MappingSyntax map || map.Find("policy")?.Value is not ScalarSyntax { IsNull: false } id)
        {
            return null;
        }

        var version = (map.Find("version")?.Value as ScalarSyntax)?.Value;
        var grades = ImmutableArray.CreateBuilder<string>();
        if (map.Find("grades")?.Value is SequenceSyntax seq)
        {
            foreach (var item in seq.Items)
            {
                var gradeId = item switch
                {
                    ScalarSyntax s => s.Value,
                    MappingSyntax m => (m.Find("id")?.Value as ScalarSyntax)?.Value,
                    _ => null,
                };
                if (gradeId is not null)
                {
                    grades.Add(gradeId);
                }
            }
        }

        return new PolicyHeader(id.Value, version, grades.ToImmutable(), true, id.Span);
    }

    /// <summary>Builds the policy; returns null when any error was reported for this file.</summary>
    public static PolicyDefinition? Build(
        string path,
        SyntaxNode root,
        LoadLimits limits,
        IReadOnlyDictionary<string, IReadOnlyList<PolicyHeader>> headers,
        List<Diagnostic> diagnostics)
    {
        var before = ErrorCount(diagnostics);
        var builder = new PolicyBuilder(path, limits, diagnostics, headers);
        var policy = builder.BuildPolicy(root);
        return ErrorCount(diagnostics) == before ? policy : null;

        static int ErrorCount(List<Diagnostic> diagnostics)
        {
            var count = 0;
            foreach (var diagnostic in diagnostics)
            {
                count += diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 0;
            }

            return count;
        }
    }

    private PolicyDefinition? BuildPolicy(SyntaxNode root)
    {
        var map = _read.AsMapping(root, "a policy file");
        if (map is null)
        {
            return null;
        }

        _read.CheckKeys(map, "a policy", TopKeys);
        const string where = "a policy";
        var idNode = _read.Required(map, "policy", where);
        var id = _read.String(idNode, "policy id");
        if (id is not null && !Identifiers.IsPolicyId(id))
        {
            _read.Report(DiagnosticDescriptors.InvalidId, idNode!.Span, id, "policy", "use lower-case kebab-case such as loan-five-category");
        }

        _policyId = id ?? string.Empty;
        var version = _read.String(_read.Required(map, "version", where), "version");
        var title = _read.String(map.Find("title")?.Value, "title");
        var source = _read.String(map.Find("source")?.Value, "source");
        var (from, until) = map.Find("effective")?.Value is { } effective ? ReadEffective(effective) : (null, null);

        ReadFields(map);
        var grades = ReadGrades(_read.Required(map, "grades", where));
        var gradeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < grades.Length; i++)
        {
            gradeIndex[grades[i].Id] = i;
        }

        var hitPolicyNode = _read.Required(map, "hitPolicy", where);
        var hitPolicy = ReadHitPolicy(hitPolicyNode);

        var defaultGrade = ReadGradeRef(map.Find("default")?.Value, gradeIndex, "default");
        var appliesWhen = map.Find("appliesWhen")?.Value is { } appliesNode ? BindExpression(appliesNode, "appliesWhen", asCondition: true) : null;

        var rulesNode = map.Find("rules");
        var bandsNode = map.Find("bands");
        var scoreNode = map.Find("score");
        var present = (rulesNode is null ? 0 : 1) + (bandsNode is null ? 0 : 1) + (scoreNode is null ? 0 : 1);
        var rules = ImmutableArray.CreateBuilder<RuleDefinition>();
        var ruleIds = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal); // id → its node, for "first declared at line …"
        BandTable? bands = null;
        BandTable? grading = null;
        if (present != 1 || scoreNode is not null || hitPolicy == HitPolicy.Scorecard || map.Find("veto") is not null || map.Find("grading") is not null)
        {
            CheckBody(map, present, hitPolicy, hitPolicyNode, bandsNode, scoreNode);
        }

        if (rulesNode is not null && _read.AsSequence(rulesNode.Value, "rules") is { } ruleList)
        {
            foreach (var item in ruleList.Items)
            {
                if (ReadRule(item, rules.Count, gradeIndex, ruleIds, hitPolicy) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        if (bandsNode is not null)
        {
            bands = ReadBandTable(bandsNode.Value, "bands", rules, gradeIndex, ruleIds, isGrading: false);
        }

        if (scoreNode is not null && hitPolicy == HitPolicy.Scorecard)
        {
            grading = ReadScorecard(map, scoreNode, rules, gradeIndex, ruleIds);
        }

        if (rules.Count > _limits.MaxRules)
        {
            _read.Report(DiagnosticDescriptors.TooManyRules, map.Span, rules.Count, _limits.MaxRules);
        }

        if (hitPolicy == HitPolicy.Collect)
        {
            CheckCollectOutputs(rules);
        }

        if (id is null || version is null || hitPolicy is null)
        {
            return null;
        }

        // The fields in the order read (dictionary order is not promised), and each rule with the fields it reads.
        var byIndex = new FieldDefinition[_fields.Count];
        foreach (var field in _fields.Values)
        {
            byIndex[field.Index] = field;
        }

        var declared = ImmutableArray.Create(byIndex);
        var refs = _decisionRefs.ToImmutableArray();
        var finalRules = ImmutableArray.CreateBuilder<RuleDefinition>(rules.Count);
        foreach (var rule in rules)
        {
            finalRules.Add(WithReads(rule));
        }


        return new PolicyDefinition(
            id,
            version,
            title,
            source,
            from,
            until,
            declared,
            refs,
            appliesWhen,
            grades,
            hitPolicy.Value,
            defaultGrade,
            finalRules.MoveToImmutable(),
            bands,
            grading,
            map.Span)
        {
            AllFields = declared.AddRange(refs),
            AppliesWhenText = ScalarText(map.Find("appliesWhen")?.Value),
            Accepts = ReadAccepts(map),
            Disjoint = _read.Boolean(map.Find("disjoint")?.Value, "disjoint") ?? false,
            RulesSpan = (rulesNode ?? bandsNode ?? scoreNode)?.Key.Span ?? map.Span,
        };
    }

    private HitPolicy? ReadHitPolicy(SyntaxNode? node)
    {
        if (_read.String(node, "hitPolicy") is not { } text)
        {
            return null;
        }

        var index = Array.IndexOf(HitPolicies, text);
        if (index < 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidValue, node!.Span, text, "hitPolicy", string.Join(", ", HitPolicies) + Suggestions.DidYouMean(text, HitPolicies));
            return null;
        }

        return (HitPolicy)index;
    }

    /// <summary>
    /// The body's shape where it can be wrong: not exactly one of rules, bands and score, or a scorecard's parts
    /// (score, veto, grading, hitPolicy scorecard) without the rest. Called only when one of those is in play.
    /// </summary>
    private void CheckBody(MappingSyntax map, int present, HitPolicy? hitPolicy, SyntaxNode? hitPolicyNode, MappingEntry? bandsNode, MappingEntry? scoreNode)
    {
        if (present != 1)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, present == 0 ? map.Span : (bandsNode ?? scoreNode)!.Key.Span,
                present == 0 ? "a policy needs exactly one of 'rules', 'bands' or 'score'; it has none" : "a policy needs exactly one of 'rules', 'bands' or 'score'; it has more than one");
        }

        if (hitPolicy == HitPolicy.Scorecard && scoreNode is null && present == 1)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, hitPolicyNode!.Span, "hitPolicy 'scorecard' needs 'score' items (and 'grading' rows)");
        }

        if (scoreNode is not null && hitPolicy is not null && hitPolicy != HitPolicy.Scorecard)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, scoreNode.Key.Span, "'score' items need hitPolicy: scorecard");
        }

        foreach (var key in new[] { "veto", "grading" })
        {
            if (map.Find(key) is { } extra && scoreNode is null)
            {
                _read.Report(DiagnosticDescriptors.InvalidStructure, extra.Key.Span, $"'{key}' belongs to a scorecard (hitPolicy: scorecard with 'score' items)");
            }
        }
    }

    /// <summary>Fields are numbered in the order they are read.</summary>
    private int NextIndex() => _nextIndex++;

    private static RuleDefinition WithReads(RuleDefinition rule)
    {
        // The fields in declaration order, each once (a handful per rule: an ordered insert, no sorted collection).
        var reads = new List<FieldDefinition>();
        foreach (var expr in new[] { rule.Condition, rule.Points })
        {
            if (expr is not null)
            {
                foreach (var f in BoundExprWalker.FieldsRead(expr))
                {
                    Add(f);
                }
            }
        }

        foreach (var f in rule.Reads)
        {
            Add(f);
        }

        return rule with { Reads = [.. reads] };

        void Add(FieldDefinition field)
        {
            var at = 0;
            while (at < reads.Count && reads[at].Index < field.Index)
            {
                at++;
            }

            if (at < reads.Count && reads[at].Index == field.Index)
            {
                reads[at] = field;
            }
            else
            {
                reads.Insert(at, field);
            }
        }
    }

    private static string? ScalarText(SyntaxNode? node) => (node as ScalarSyntax)?.Value.Trim();

    /// <summary>Reads <c>accept: [{ code: TR4001, reason: "…" }]</c>: analysis findings the author acknowledges.</summary>
    /// <remarks>
    /// Most owners have none, so this checks for the key and only then calls the reader (a first load compiles the
    /// reader only when some policy accepts a finding). The same holds for <see cref="ReadEffective"/> and <see cref="ReadOutputs"/>.
    /// </remarks>
    private ImmutableArray<Acceptance> ReadAccepts(MappingSyntax owner) =>
        owner.Find("accept")?.Value is { } node ? ReadAcceptList(node) : [];

    private ImmutableArray<Acceptance> ReadAcceptList(SyntaxNode node)
    {
        if (_read.AsSequence(node, "accept") is not { } list)
        {
            return [];
        }

        var accepts = ImmutableArray.CreateBuilder<Acceptance>();
        foreach (var item in list.Items)
        {
            if (_read.AsMapping(item, "an accept entry") is not { } map)
            {
                continue;
            }

            _read.CheckKeys(map, "an accept entry", "code", "reason");
            var codeNode = _read.Required(map, "code", "an accept entry");
            var code = _read.String(codeNode, "code");
            var reason = _read.String(_read.Required(map, "reason", "an accept entry"), "reason");
            if (code is not null && !Identifiers.IsAcceptableCode(code))
            {
                _read.Report(DiagnosticDescriptors.InvalidValue, codeNode!.Span, code, "accepted code", "an analysis code TR4001…TR4010");
                continue;
            }

            if (code is not null && reason is not null)
            {
                accepts.Add(new Acceptance(code, reason, map.Span));
            }
        }

        return accepts.ToImmutable();
    }

    private (DateOnly? From, DateOnly? Until) ReadEffective(SyntaxNode node)
    {
        if (_read.AsMapping(node, "effective") is not { } map)
        {
            return (null, null);
        }

        _read.CheckKeys(map, "effective", "from", "until");
        var from = _read.Date(map.Find("from")?.Value, "effective.from");
        var until = _read.Date(map.Find("until")?.Value, "effective.until");
        if (from is null && until is null && map.Entries.Count == 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, map.Span, "effective needs 'from', 'until' or both");
        }

        if (from is { } f && until is { } u && u <= f)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, map.Span, $"effective.until ({u:yyyy-MM-dd}) must be after effective.from ({f:yyyy-MM-dd}); until is exclusive");
        }

        return (from, until);
    }

    private void ReadFields(MappingSyntax policy)
    {
        var node = _read.Required(policy, "fields", "a policy");
        if (node is null || _read.AsMapping(node, "fields") is not { } map)
        {
            return;
        }

        if (map.Entries.Count > _limits.MaxFields)
        {
            _read.Report(DiagnosticDescriptors.TooManyFields, map.Span, map.Entries.Count, _limits.MaxFields);
            return;
        }

        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (!Identifiers.IsFieldName(name) || Lexer.IsKeyword(name))
            {
                _read.Report(DiagnosticDescriptors.InvalidId, entry.Key.Span, name, "field", "use letters, digits and '_', starting with a letter (dots separate nested names), and not a keyword");
                continue;
            }

            if (ReadField(name, entry) is { } field)
            {
                _fields[name] = field;
            }
            else
            {
                _brokenFields.Add(name);
            }
        }
    }

    private FieldDefinition? ReadField(string name, MappingEntry entry)
    {
        var where = $"field '{name}'";
        if (_read.AsMapping(entry.Value, where) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, where, FieldKeys);
        var typeNode = _read.Required(map, "type", where);
        var typeText = _read.String(typeNode, $"the type of {where}");
        if (typeText is null)
        {
            return null;
        }

        var typeIndex = Array.IndexOf(FieldTypes, typeText);
        if (typeIndex < 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidValue, typeNode!.Span, typeText, $"type for {where}", string.Join(", ", FieldTypes) + Suggestions.DidYouMean(typeText, FieldTypes));
            return null;
        }

        // What only some fields have is read by methods called only for them (a first load compiles what it uses).
        var type = (FieldType)typeIndex;
        EnumDomain? domain = null;
        var valuesNode = map.Find("values");
        if (type == FieldType.Enum)
        {
            domain = ReadEnumDomain(map, name, where);
            if (domain is null)
            {
                return null;
            }
        }
        else if (valuesNode is not null)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, valuesNode.Key.Span, $"'values' is only for enum fields; {where} is {typeText}");
        }

        var min = map.Find("min") is { } minNode ? ReadBound(minNode, type, typeText, where) : null;
        var max = map.Find("max") is { } maxNode ? ReadBound(maxNode, type, typeText, where) : null;
        if (min is { } lo && max is { } hi && lo > hi)
        {
            _read.Report(DiagnosticDescriptors.InvalidDomain, map.Span, $"{where} has min {lo} greater than max {hi}");
        }

        var optional = _read.Boolean(map.Find("optional")?.Value, $"optional of {where}") ?? false;
        var whenMissing = map.Find("whenMissing") is { } wm ? ReadWhenMissing(wm, optional, type, domain, min, max, where) : null;
        var unit = _read.String(map.Find("unit")?.Value, $"unit of {where}");
        return new FieldDefinition(name, type, domain, min, max, optional, whenMissing, unit, entry.Key.Span) { Index = NextIndex() };
    }

    private EnumDomain? ReadEnumDomain(MappingSyntax map, string name, string where)
    {
        var valuesSeq = _read.Required(map, "values", where) is { } v ? _read.AsSequence(v, $"the values of {where}") : null;
        if (valuesSeq is null)
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<string>();
        foreach (var item in valuesSeq.Items)
        {
            if (_read.String(item, $"a value of {where}") is { } value)
            {
                if (values.Contains(value))
                {
                    _read.Report(DiagnosticDescriptors.InvalidDomain, item.Span, $"value '{value}' is listed twice for {where}");
                }

                values.Add(value);
            }
        }

        if (values.Count == 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidDomain, valuesSeq.Span, $"{where} needs at least one value");
        }

        return new EnumDomain($"field '{name}'", values.ToImmutable(), Ordered: false);
    }

    /// <summary>A field's <c>min</c> or <c>max</c>.</summary>
    private decimal? ReadBound(MappingEntry bound, FieldType type, string typeText, string where)
    {
        var key = bound.Key.Value;
        if (type is not (FieldType.Decimal or FieldType.Integer))
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, bound.Key.Span, $"'{key}' is only for decimal and integer fields; {where} is {typeText}");
            return null;
        }

        return _read.Number(bound.Value, $"{key} of {where}");
    }

    private RuntimeValue? ReadWhenMissing(MappingEntry whenMissing, bool optional, FieldType type, EnumDomain? domain, decimal? min, decimal? max, string where)
    {
        if (!optional)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, whenMissing.Key.Span, $"'whenMissing' needs 'optional: true' on {where}");
            return null;
        }

        return ReadLiteral(whenMissing.Value, type, domain, min, max, $"whenMissing of {where}");
    }

    private RuntimeValue? ReadLiteral(SyntaxNode node, FieldType type, EnumDomain? domain, decimal? min, decimal? max, string what)
    {
        if (_read.AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        switch (type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                if (_read.Number(scalar, what) is not { } number)
                {
                    return null;
                }

                if ((min is { } lo && number < lo) || (max is { } hi && number > hi) || (type == FieldType.Integer && number != decimal.Truncate(number)))
                {
                    _read.Report(DiagnosticDescriptors.InvalidDomain, scalar.Span, $"{what} ({number}) is outside the field's domain");
                    return null;
                }

                return RuntimeValue.FromNumber(number);
            case FieldType.Boolean:
                return _read.Boolean(scalar, what) is { } b ? RuntimeValue.FromBoolean(b) : null;
            case FieldType.Date:
                return _read.Date(scalar, what) is { } d ? RuntimeValue.FromDate(d) : null;
            case FieldType.String:
                return RuntimeValue.FromText(scalar.Value);
            default:
                var index = domain!.IndexOf(scalar.Value);
                if (index < 0)
                {
                    _read.Report(DiagnosticDescriptors.InvalidValue, scalar.Span, scalar.Value, what, string.Join(", ", domain.Values));
                    return null;
                }

                return RuntimeValue.FromOrdinal(index);
        }
    }

    private ImmutableArray<GradeDefinition> ReadGrades(SyntaxNode? node)
    {
        var grades = ImmutableArray.CreateBuilder<GradeDefinition>();
        if (node is null || _read.AsSequence(node, "grades") is not { } seq)
        {
            return grades.ToImmutable();
        }

        foreach (var item in seq.Items)
        {
            string? id;
            string? label = null;
            var outputs = ImmutableDictionary<string, string>.Empty;
            SourceSpan span;
            if (item is MappingSyntax map)
            {
                _read.CheckKeys(map, "a grade", GradeKeys);
                var idNode = _read.Required(map, "id", "a grade");
                id = _read.String(idNode, "grade id");
                label = _read.String(map.Find("label")?.Value, "grade label");
                outputs = ReadOutputs(map.Find("outputs")?.Value);
                span = idNode?.Span ?? map.Span;
            }
            else
            {
                id = _read.String(item, "grade id");
                span = item.Span;
            }

            if (id is null)
            {
                continue;
            }

            if (!Identifiers.IsGradeId(id))
            {
                _read.Report(DiagnosticDescriptors.InvalidId, span, id, "grade", "use letters, digits and '_'");
                continue;
            }

            if (IndexOf(grades, id) >= 0)
            {
                _read.Report(DiagnosticDescriptors.DuplicateGrade, span, id);
                continue;
            }

            grades.Add(new GradeDefinition(id, label, grades.Count, outputs, span));
        }

        if (grades.Count == 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidStructure, seq.Span, "a policy needs at least one grade");
        }

        return grades.ToImmutable();
    }

    private static int IndexOf(ImmutableArray<GradeDefinition>.Builder grades, string id)
    {
        for (var i = 0; i < grades.Count; i++)
        {
            if (grades[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private ImmutableDictionary<string, string> ReadOutputs(SyntaxNode? node) =>
        node is null ? ImmutableDictionary<string, string>.Empty : ReadOutputMap(node);

    private ImmutableDictionary<string, string> ReadOutputMap(SyntaxNode node)
    {
        if (_read.AsMapping(node, "outputs") is not { } map)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (_read.String(entry.Value, $"output '{entry.Key.Value}'") is { } value)
            {
                builder[entry.Key.Value] = value;
            }
        }

        return builder.ToImmutable();
    }

    private int? ReadGradeRef(SyntaxNode? node, Dictionary<string, int> grades, string what)
    {
        if (node is null || _read.String(node, what) is not { } id)
        {
            return null;
        }

        if (grades.TryGetValue(id, out var index))
        {
            return index;
        }

        if (grades.Count > 0)
        {
            _read.Report(DiagnosticDescriptors.UnknownGrade, node.Span, id, Suggestions.DidYouMean(id, grades.Keys), string.Join(", ", grades.Keys));
        }

        return null;
    }

    private string? ReadRuleId(MappingSyntax map, string what, Dictionary<string, SyntaxNode> ruleIds)
    {
        var idNode = _read.Required(map, "id", what);
        var id = _read.String(idNode, $"the id of {what}");
        if (id is null)
        {
            return null;
        }

        if (!Identifiers.IsRuleId(id))
        {
            _read.Report(DiagnosticDescriptors.InvalidId, idNode!.Span, id, "rule", "use letters, digits, '-', '_' and '.'");
            return null;
        }

        if (ruleIds.TryGetValue(id, out var first))
        {
            _read.Report(DiagnosticDescriptors.DuplicateRuleId, idNode!.Span, id, first.Span.Start.Line);
            return null;
        }

        ruleIds.Add(id, idNode!);
        return id;
    }

    private RuleDefinition? ReadRule(SyntaxNode node, int index, Dictionary<string, int> grades, Dictionary<string, SyntaxNode> ruleIds, HitPolicy? hitPolicy)
    {
        if (_read.AsMapping(node, "a rule") is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, "a rule", RuleKeys);
        var id = ReadRuleId(map, "a rule", ruleIds);
        var whereRule = id is null ? "a rule" : $"rule '{id}'";
        var when = _read.Required(map, "when", whereRule) is { } whenNode ? BindExpression(whenNode, $"when of {whereRule}", asCondition: true) : null;
        int? grade = null;
        if (map.Find("then") is { } then)
        {
            grade = ReadGradeRef(then.Value, grades, $"then of {whereRule}");
        }
        else if (hitPolicy != HitPolicy.Collect)
        {
            _read.Report(DiagnosticDescriptors.MissingKey, map.Span, "then", whereRule);
        }

        var outputs = ReadOutputs(map.Find("outputs")?.Value);
        var because = _read.String(map.Find("because")?.Value, "because");
        if (id is null || when is null)
        {
            return null;
        }

        return new RuleDefinition(id, index, RuleKind.Rule, when, grade, outputs, because, map.Span) { Text = ScalarText(map.Find("when")?.Value), Accepts = ReadAccepts(map) };
    }

    private BandTable? ReadBandTable(SyntaxNode node, string what, ImmutableArray<RuleDefinition>.Builder rules, Dictionary<string, int> grades, Dictionary<string, SyntaxNode> ruleIds, bool isGrading)
    {
        if (_read.AsMapping(node, what) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, what, TableKeys.Band);
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
            on = ((IBindingScope)this).LookupField(onName);
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
                _read.Report(DiagnosticDescriptors.InvalidBand, onNode!.Span, $"bands need a decimal or integer field, but '{onName}' is {on.TypeName}");
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
        var rows = ImmutableArray.CreateBuilder<RuleDefinition>();
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

            if (seq.Items.Count == 0)
            {
                _read.Report(DiagnosticDescriptors.InvalidBand, seq.Span, $"{what} needs at least one row");
            }
        }

        return new BandTable(on, rows.ToImmutable(), below, map.Span) { Accepts = ReadAccepts(map) };
    }

    private RuleDefinition? ReadBandRow(SyntaxNode node, int index, FieldDefinition? on, bool lowerInclusive, Dictionary<string, int> grades, Dictionary<string, SyntaxNode> ruleIds, bool isGrading)
    {
        var what = isGrading ? "a grading row" : "a band row";
        if (_read.AsMapping(node, what) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, what, TableKeys.BandRow);
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
                _read.Report(DiagnosticDescriptors.InvalidBand, rangeNode.Key.Span, $"{whereRow} has both 'range' and 'from'/'to'; use one");
            }
            else
            {
                interval = ParseRange(rangeNode.Value, whereRow);
            }
        }
        else if (fromNode is null && toNode is null)
        {
            _read.Report(DiagnosticDescriptors.InvalidBand, map.Span, $"{whereRow} needs 'from', 'to' or 'range'");
        }
        else
        {
            var from = fromNode is null ? null : _read.Number(fromNode.Value, $"from of {whereRow}");
            var to = toNode is null ? null : _read.Number(toNode.Value, $"to of {whereRow}");
            if ((fromNode is null || from is not null) && (toNode is null || to is not null))
            {
                if (from is { } f && to is { } t && f >= t)
                {
                    _read.Report(DiagnosticDescriptors.InvalidBand, map.Span, $"{whereRow} has from {f} not below to {t}");
                }
                else
                {
                    interval = new Interval(from, from is not null && lowerInclusive, to, to is not null && !lowerInclusive);
                }
            }
        }

        var outputs = ReadOutputs(map.Find("outputs")?.Value);
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

    private Interval? ParseRange(SyntaxNode node, string where)
    {
        if (_read.AsScalar(node, $"range of {where}") is not { } scalar)
        {
            return null;
        }

        var text = scalar.Value.Trim();
        if (text.Length < 5 || text[0] is not ('[' or '(') || text[^1] is not (']' or ')'))
        {
            _read.Report(DiagnosticDescriptors.InvalidInterval, scalar.Span, scalar.Value, "write it like [a, b), (a, b], [a, ) or (a, b); [ ] include the edge, ( ) exclude it");
            return null;
        }

        var parts = text[1..^1].Split(',');
        if (parts.Length != 2)
        {
            _read.Report(DiagnosticDescriptors.InvalidInterval, scalar.Span, scalar.Value, "it needs exactly two bounds separated by a comma");
            return null;
        }

        decimal? Bound(string part)
        {
            part = part.Trim();
            if (part.Length == 0)
            {
                return null;
            }

            return SyntaxReading.TryParseNumber(scalar with { Value = part, IsQuoted = false }, out var v) ? v : throw new FormatException(part);
        }

        try
        {
            var low = Bound(parts[0]);
            var high = Bound(parts[1]);
            if (low is null && high is null)
            {
                _read.Report(DiagnosticDescriptors.InvalidInterval, scalar.Span, scalar.Value, "at least one bound is needed");
                return null;
            }

            if (low is { } l && high is { } h && (l > h || (l == h && !(text[0] == '[' && text[^1] == ']'))))
            {
                _read.Report(DiagnosticDescriptors.InvalidInterval, scalar.Span, scalar.Value, "it contains no value");
                return null;
            }

            return new Interval(low, low is not null && text[0] == '[', high, high is not null && text[^1] == ']');
        }
        catch (FormatException ex)
        {
            _read.Report(DiagnosticDescriptors.InvalidInterval, scalar.Span, scalar.Value, $"'{ex.Message}' is not a number");
            return null;
        }
    }

    private BandTable? ReadScorecard(MappingSyntax policy, MappingEntry scoreNode, ImmutableArray<RuleDefinition>.Builder rules, Dictionary<string, int> grades, Dictionary<string, SyntaxNode> ruleIds)
    {
        if (_read.AsSequence(scoreNode.Value, "score") is { } items)
        {
            foreach (var item in items.Items)
            {
                if (_read.AsMapping(item, "a score item") is not { } map)
                {
                    continue;
                }

                _read.CheckKeys(map, "a score item", TableKeys.Score);
                var id = ReadRuleId(map, "a score item", ruleIds);
                var where = id is null ? "a score item" : $"score item '{id}'";
                var when = map.Find("when") is { } w ? BindExpression(w.Value, $"when of {where}", asCondition: true) : null;
                var points = _read.Required(map, "points", where) is { } p ? BindExpression(p, $"points of {where}", asCondition: false) : null;
                if (id is not null && points is not null && (map.Find("when") is null || when is not null))
                {
                    rules.Add(new RuleDefinition(id, rules.Count, RuleKind.ScoreItem, when, null, ImmutableDictionary<string, string>.Empty, _read.String(map.Find("because")?.Value, "because"), map.Span)
                    {
                        Points = points,
                        Accepts = ReadAccepts(map),
                        Text = $"{ScalarText(map.Find("when")?.Value) ?? "always"} → {ScalarText(map.Find("points")?.Value)} points",
                    });
                }
            }
        }

        if (policy.Find("veto") is { } vetoNode && _read.AsSequence(vetoNode.Value, "veto") is { } vetoes)
        {
            foreach (var item in vetoes.Items)
            {
                if (_read.AsMapping(item, "a veto") is not { } map)
                {
                    continue;
                }

                _read.CheckKeys(map, "a veto", TableKeys.Veto);
                var id = ReadRuleId(map, "a veto", ruleIds);
                var where = id is null ? "a veto" : $"veto '{id}'";
                var when = _read.Required(map, "when", where) is { } w ? BindExpression(w, $"when of {where}", asCondition: true) : null;
                var grade = _read.Required(map, "grade", where) is { } g ? ReadGradeRef(g, grades, $"grade of {where}") : null;
                if (id is not null && when is not null && grade is not null)
                {
                    rules.Add(new RuleDefinition(id, rules.Count, RuleKind.Veto, when, grade, ReadOutputs(map.Find("outputs")?.Value), _read.String(map.Find("because")?.Value, "because"), map.Span) { Text = ScalarText(map.Find("when")?.Value), Accepts = ReadAccepts(map) });
                }
            }
        }

        var gradingNode = _read.Required(policy, "grading", "a scorecard");
        return gradingNode is null ? null : ReadBandTable(gradingNode, "grading", rules, grades, ruleIds, isGrading: true);
    }

    private void CheckCollectOutputs(ImmutableArray<RuleDefinition>.Builder rules)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var key in rule.Outputs.Keys)
            {
                if (owners.TryGetValue(key, out var other))
                {
                    _read.Report(DiagnosticDescriptors.DuplicateOutput, rule.Span, $"under hitPolicy collect every output key belongs to one rule, but '{key}' is set by both '{other}' and '{rule.Id}'");
                }
                else
                {
                    owners[key] = rule.Id;
                }
            }
        }
    }

    private BoundExpr? BindExpression(SyntaxNode node, string what, bool asCondition)
    {
        if (_read.AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        var expr = ExpressionParser.Parse(scalar.Value, _limits.MaxExpressionLength, _limits.MaxExpressionDepth, out var parseError);
        if (expr is null)
        {
            ReportExpressionError(scalar, parseError!);
            return null;
        }

        var binder = new Binder(this);
        _currentScalar = scalar;
        var bound = asCondition ? binder.BindCondition(expr) : binder.BindNumber(expr);
        _currentScalar = null;
        foreach (var error in binder.Errors)
        {
            if (error.Code != Binder.Suppressed)
            {
                ReportExpressionError(scalar, error);
            }
        }

        return binder.Errors.Count == 0 ? bound : null;
    }

    private void ReportExpressionError(ScalarSyntax scalar, ExpressionError error)
    {
        var position = ExpressionPosition(scalar, error.Offset);
        _read.Diagnostics.Add(new Diagnostic(error.Code, DiagnosticSeverity.Error, error.Message, new SourceSpan(_path, position, position.Shift(error.Length))));
    }

    /// <summary>Maps an offset inside a scalar's value to a file position (exact for single-line scalars).</summary>
    private static SourcePosition ExpressionPosition(ScalarSyntax scalar, int offset)
    {
        return scalar.PositionOf(offset);
    }

    private FieldDefinition? DecisionRef(string name)
    {
        foreach (var field in _decisionRefs)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    bool IBindingScope.IsBroken(string name) => _brokenFields.Contains(name);

    FieldDefinition? IBindingScope.LookupField(string name) =>
        _fields.TryGetValue(name, out var field) ? field : DecisionRef(name);

    FieldDefinition? IBindingScope.ResolveDecision(string policyId, int offset, out string? error)
    {
        var name = $"decision('{policyId}').grade";
        if (DecisionRef(name) is { } existing)
        {
            error = null;
            return existing;
        }

        if (policyId == _policyId)
        {
            error = $"policy '{policyId}' cannot read its own decision";
            return null;
        }

        if (!_headers.TryGetValue(policyId, out var versions) || versions.Count == 0)
        {
            error = $"unknown policy '{policyId}' in decision(){Suggestions.DidYouMean(policyId, _headers.Keys)}";
            return null;
        }

        var grades = versions[0].Grades;
        if (versions.Any(v => !v.Grades.SequenceEqual(grades)))
        {
            error = $"the versions of policy '{policyId}' declare different grades, so decision('{policyId}').grade has no single type";
            return null;
        }

        var domain = new EnumDomain($"the grades of policy '{policyId}'", grades, Ordered: true);
        var position = _currentScalar is null ? new SourcePosition(1, 1) : ExpressionPosition(_currentScalar, offset);
        var usage = new SourceSpan(_path, position, position.Shift(8));
        var field = new FieldDefinition(name, FieldType.Enum, domain, null, null, Optional: true, WhenMissing: null, Unit: null, usage)
        {
            Index = NextIndex(),
            DependsOnPolicy = policyId,
        };
        _decisionRefs.Add(field);
        error = null;
        return field;
    }
}
