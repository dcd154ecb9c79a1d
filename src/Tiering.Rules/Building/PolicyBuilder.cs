// Entry points, shared state and the order in which a policy file's sections are read.
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

/// <summary>
/// Builds the validated, immutable <see cref="PolicyDefinition"/> of one file from its syntax tree. Collects every
/// problem it can find as positioned diagnostics instead of stopping at the first.
/// </summary>
/// <remarks>
/// One partial file per YAML section: <c>.Header</c> (policy, effective, hitPolicy), <c>.Fields</c>, <c>.Grades</c>,
/// <c>.Rules</c>, <c>.Bands</c> and <c>.Scorecard</c>; <c>.SharedKeys</c> reads outputs and accept wherever they stand,
/// and <c>.Expressions</c> parses and binds expressions. This file holds the state and reads the sections in order.
/// </remarks>
internal sealed partial class PolicyBuilder
{
    private static readonly string[] TopKeys =
    [
        "policy", "version", "title", "description", "source", "effective", "fact", "fields", "appliesWhen", "grades",
        "hitPolicy", "default", "rules", "bands", "score", "veto", "grading", "accept", "disjoint", "let", "require", "aggregate", "group",
    ];

    private readonly string _path;
    private readonly LoadLimits _limits;
    private readonly SyntaxValueReader _read;
    private readonly NameMap<PolicyHeader[]> _headers;
    private readonly NameMap<FieldDefinition> _fields = new();

    /// <summary>The <c>decision('id').grade</c> pseudo-fields, made at their first use in an expression.</summary>
    private readonly ScratchList<FieldDefinition> _decisionRefs = new();

    private int _nextIndex;

    /// <summary>Declared fields whose declaration failed: their uses are not reported again.</summary>
    private readonly HashSet<string> _brokenFields = new(StringComparer.Ordinal);

    /// <summary>This policy's id once read, so that <c>decision(…)</c> can refuse the policy's own.</summary>
    private string _policyId = string.Empty;

    /// <summary>The other policies' models, for typing <c>decision('x').outputs.name</c> and the like; null outside a load.</summary>
    private readonly IPolicyModels? _models;

    private PolicyBuilder(string path, LoadLimits limits, List<Diagnostic> diagnostics, NameMap<PolicyHeader[]> headers, IPolicyModels? models)
    {
        _models = models;
        _path = path;
        _limits = limits;
        _read = new SyntaxValueReader(diagnostics);
        _headers = headers;
    }

    /// <summary>Builds the policy; returns null when any error was reported for this file.</summary>
    public static PolicyDefinition? Build(
        string path,
        SyntaxNode root,
        LoadLimits limits,
        NameMap<PolicyHeader[]> headers,
        List<Diagnostic> diagnostics,
        IPolicyModels? models = null)
    {
        var before = ErrorCount(diagnostics);
        var builder = new PolicyBuilder(path, limits, diagnostics, headers, models);
        var policy = builder.BuildPolicy(root);
        return ErrorCount(diagnostics) == before ? policy : null;

        // A loop by index, not LINQ or foreach: every load runs this (a lambda is one more method for a first load to
        // compile, the list's enumerator over the engine's type two more type loads).
        static int ErrorCount(List<Diagnostic> diagnostics)
        {
            var count = 0;
            for (var i = 0; i < diagnostics.Count; i++)
            {
                count += diagnostics[i].Severity == DiagnosticSeverity.Error ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>
    /// True, with a TR3022 error at <paramref name="span"/>, when a name is longer than
    /// <see cref="LoadLimits.MaxIdentifierLength"/>: it is reported as too long and goes no further (no "did you mean",
    /// no lookup), so a name of any length costs a load one length test.
    /// </summary>
    private bool TooLong(string name, SourceSpan span, string what)
    {
        if (name.Length <= _limits.MaxIdentifierLength)
        {
            return false;
        }

        ReportTooLong(name, span, what);
        return true;
    }

    private void ReportTooLong(string name, SourceSpan span, string what) =>
        _read.Report(DiagnosticDescriptors.IdentifierTooLong, span, what, name[..Math.Min(32, name.Length)], name.Length, _limits.MaxIdentifierLength);

    private PolicyDefinition? BuildPolicy(SyntaxNode root)
    {
        var map = _read.AsMapping(root, "a policy file");
        if (map is null)
        {
            return null;
        }

        _read.CheckKeys(map, "a policy", TopKeys);
        const string where = "a policy";
        var id = ReadPolicyId(map);
        _policyId = id ?? string.Empty;
        var version = _read.String(_read.Required(map, "version", where), "version");
        var title = _read.String(map.Find("title")?.Value, "title");
        var source = _read.String(map.Find("source")?.Value, "source");
        var (from, until) = map.Find("effective")?.Value is { } effective ? ReadEffective(effective) : (null, null);

        ReadFields(map);
        var groupEntry = map.Find("group");
        var group = groupEntry is null ? null : ReadGroup(groupEntry);
        if (group is { DecidesGroups: true } || (groupEntry?.Value as MappingSyntax)?.Find("decides")?.Value is ScalarSyntax { Value: "groups" })
        {
            if ((groupEntry?.Value as MappingSyntax)?.Find("decideWith") is not null)
            {
                return BuildGroupDecider(map, id, version, title, source, from, until, group);
            }

            // Its own grades and rules decide the group fact: they may read the key, the constant fields and group.*.
            _groupFact = group;
            CheckGroupFactKeys(map);
        }

        if (map.Find("let")?.Value is { } letNode)
        {
            ReadLets(letNode);
        }

        var grades = ReadGrades(_read.Required(map, "grades", where));
        var gradeIndex = IndexById(grades);

        var hitPolicyNode = _read.Required(map, "hitPolicy", where);
        var hitPolicy = ReadHitPolicy(hitPolicyNode);

        var defaultGrade = ReadGradeRef(map.Find("default")?.Value, gradeIndex, "default");
        var appliesWhen = map.Find("appliesWhen")?.Value is { } appliesNode ? BindExpression(appliesNode, "appliesWhen", asCondition: true) : null;
        var requirements = map.Find("require")?.Value is { } requireNode ? ReadRequirements(requireNode) : [];

        var rulesNode = map.Find("rules");
        var bandsNode = map.Find("bands");
        var scoreNode = map.Find("score");
        var present = (rulesNode is null ? 0 : 1) + (bandsNode is null ? 0 : 1) + (scoreNode is null ? 0 : 1);
        var rules = new ScratchList<RuleDefinition>();
        var ruleIds = new NameMap<SyntaxNode>(); // id → its node, for "first declared at line …"
        BandTable? bands = null;
        BandTable? grading = null;
        if (present != 1 || scoreNode is not null || hitPolicy == HitPolicy.Scorecard || map.Find("veto") is not null || map.Find("grading") is not null)
        {
            CheckBody(map, present, hitPolicy, hitPolicyNode, bandsNode, scoreNode);
        }

        if (rulesNode is not null)
        {
            ReadRules(rulesNode, rules, gradeIndex, ruleIds, hitPolicy);
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

        var aggregates = map.Find("aggregate") is { } aggregateNode ? ReadAggregates(aggregateNode, hitPolicy, rules, grades) : [];
        if (hitPolicy == HitPolicy.Collect)
        {
            CheckCollectOutputs(rules, aggregates);
            CheckPriorities(rules);
        }

        if (id is null || version is null || hitPolicy is null)
        {
            return null;
        }

        var declared = DeclaredFields();
        var refs = _decisionRefs.ToArray();
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
            hitPolicy.GetValueOrDefault(), // not .Value: Nullable<HitPolicy>.Value is not in the precompiled image (a JIT compile on every first load)
            defaultGrade,
            WithReads(rules, _sawExtras),
            bands,
            grading,
            map.Span)
        {
            AllFields = _derived.Count == 0 && _asOf is null && _decisionMembers.Count == 0 && _aggregates.Count == 0 ? Arrays.Concat(declared, refs) : AllFieldsByIndex(declared, refs),
            DecisionMembers = _decisionMembers.ToArray(),
            Derived = _derived.ToArray(),
            Requirements = requirements,
            Aggregates = aggregates,
            HasExtras = _sawExtras || _derived.Count > 0 || _asOf is not null || _decisionMembers.Count > 0 || requirements.Length > 0 || aggregates.Length > 0,
            AsOfField = _asOf,
            Group = group,
            AppliesWhenText = ScalarText(map.Find("appliesWhen")?.Value),
            Accepts = ReadAccepts(map),
            Disjoint = _read.Boolean(map.Find("disjoint")?.Value, "disjoint") ?? false,
            RulesSpan = (rulesNode ?? bandsNode ?? scoreNode)?.Key.Span ?? map.Span,
        };
    }

    /// <summary>
    /// The body's shape where it can be wrong: not exactly one of rules, bands and score, or a scorecard's parts
    /// (score, veto, grading, hitPolicy scorecard) without the rest. Called only when one of those is in play.
    /// </summary>
    private void CheckBody(MappingSyntax map, int present, HitPolicy? hitPolicy, SyntaxNode? hitPolicyNode, MappingEntry? bandsNode, MappingEntry? scoreNode)
    {
        if (present != 1)
        {
            _read.Report(DiagnosticDescriptors.BodyCount, present == 0 ? map.Span : (bandsNode ?? scoreNode)!.Key.Span, present == 0 ? "none" : "more than one");
        }

        if (hitPolicy == HitPolicy.Scorecard && scoreNode is null && present == 1)
        {
            _read.Report(DiagnosticDescriptors.ScorecardWithoutScore, hitPolicyNode!.Span);
        }

        if (scoreNode is not null && hitPolicy is not null && hitPolicy != HitPolicy.Scorecard)
        {
            _read.Report(DiagnosticDescriptors.ScoreWithoutScorecard, scoreNode.Key.Span);
        }

        foreach (var key in new[] { "veto", "grading" })
        {
            if (map.Find(key) is { } extra && scoreNode is null)
            {
                _read.Report(DiagnosticDescriptors.ScorecardKeyOutside, extra.Key.Span, key);
            }
        }
    }

    /// <summary>
    /// Declared fields, derived values, decision pseudo-fields and <c>asOf</c> in index order (a derived value's
    /// expression may have made a decision pseudo-field before a later derived value was numbered).
    /// </summary>
    private FieldDefinition[] AllFieldsByIndex(FieldDefinition[] declared, FieldDefinition[] refs)
    {
        var all = new List<FieldDefinition>(declared);
        all.AddRange(_derived.ToArray());
        all.AddRange(refs);
        all.AddRange(_decisionMembers.ToArray());
        all.AddRange(_aggregates.Values);
        if (_asOf is not null)
        {
            all.Add(_asOf);
        }

        return [.. all.OrderBy(f => f.Index)];
    }

    /// <summary>Set when an output formula is read (see <see cref="PolicyDefinition.HasExtras"/>).</summary>
    private bool _sawExtras;

    /// <summary>Fields are numbered in the order they are read.</summary>
    private int NextIndex() => _nextIndex++;
}
