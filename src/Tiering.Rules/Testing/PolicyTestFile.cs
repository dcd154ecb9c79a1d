using System.Text;
using Tiering.Rules.Building;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Testing;

/// <summary>
/// A policy test file (<c>*.tests.yaml</c>): <c>policy</c>, optional <c>given</c> facts shared by every case, and
/// <c>cases</c> with <c>facts</c>, optional <c>without</c>, <c>asOf</c> and <c>expect</c> (status, grade, the exact
/// set of fired rule ids, outputs, or the field an invalid decision must name). Read with positions, like policies.
/// </summary>
public sealed class PolicyTestFile
{
    private static readonly string[] TopKeys = ["policy", "description", "given", "cases"];
    private static readonly string[] CaseKeys = ["name", "description", "facts", "without", "asOf", "expect"];
    private static readonly string[] ExpectKeys = ["status", "grade", "fired", "outputs", "invalid", "key", "members", "excluded"];
    private static readonly string[] Statuses = [.. Enum.GetValues<DecisionStatus>().Select(s => s.ToSnakeCase())];

    private PolicyTestFile(string path, string? policyId, IReadOnlyList<PolicyTestCase> cases, IReadOnlyList<Diagnostic> diagnostics)
    {
        Path = path;
        PolicyId = policyId;
        Cases = cases;
        Diagnostics = diagnostics;
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>The policy under test, when the file names one.</summary>
    public string? PolicyId { get; }

    /// <summary>The cases, in file order.</summary>
    public IReadOnlyList<PolicyTestCase> Cases { get; }

    /// <summary>Problems with the test file itself (a broken file has no cases to run).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The test files under a directory (<c>*.tests.yaml</c>, recursively), sorted by path.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The paths.</returns>
    public static IReadOnlyList<string> Find(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.tests.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    internal static string StatusName(DecisionStatus status) => status.ToSnakeCase();

    /// <summary>Reads a test file from disk. Never throws on bad content: see <see cref="Diagnostics"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="policies">When given, grade, rule and policy ids are checked against the loaded policies.</param>
    /// <returns>The file.</returns>
    public static PolicyTestFile Load(string path, PolicySet? policies = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PolicyTestFile(path, null, [], [DiagnosticDescriptors.FileUnreadable.Create(SourceSpan.FileStart(path), ex.Message)]);
        }

        return Parse(path, text, policies);
    }

    /// <summary>Reads a test file from text.</summary>
    /// <param name="path">The path to name in diagnostics and results.</param>
    /// <param name="text">The YAML text.</param>
    /// <param name="policies">When given, grade, rule and policy ids are checked against the loaded policies.</param>
    /// <returns>The file.</returns>
    public static PolicyTestFile Parse(string path, string text, PolicySet? policies = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new List<Diagnostic>();
        var read = new SyntaxValueReader(diagnostics);
        var root = YamlSyntaxReader.Read(path, text, LoadLimits.Default with { MaxFileBytes = 8 << 20 }, diagnostics);
        var cases = new List<PolicyTestCase>();
        string? policyId = null;
        if (root is not null && read.AsMapping(root, "a policy test file") is { } map)
        {
            read.CheckKeys(map, "a policy test file", TopKeys);
            var policyNode = read.Required(map, "policy", "a policy test file");
            policyId = read.String(policyNode, "policy");
            PolicyInfo? info = null;
            if (policyId is not null && policies is not null)
            {
                info = policies.Policies.LastOrDefault(p => p.Id == policyId);
                if (info is null)
                {
                    read.Report(DiagnosticDescriptors.TestUnknownPolicy, policyNode!.Span, policyId, Suggestions.DidYouMean(policyId, policies.Policies.Select(p => p.Id)));
                }
            }

            var given = map.Find("given")?.Value is { } givenNode && read.AsMapping(givenNode, "given") is { } givenMap
                ? ToFacts(givenMap)
                : [];
            if (info is not null && map.Find("given")?.Value is MappingSyntax givenFacts)
            {
                CheckFactNames(givenFacts, policyId!, policies!, read);
            }
            if (read.Required(map, "cases", "a policy test file") is { } casesNode && read.AsSequence(casesNode, "cases") is { } list)
            {
                var index = 0;
                foreach (var item in list.Items)
                {
                    index++;
                    if (read.AsMapping(item, "a test case") is { } caseMap
                        && ReadCase(caseMap, index, policyId ?? string.Empty, given, info, policies, read) is { } testCase)
                    {
                        cases.Add(testCase);
                    }
                }
            }
        }

        var hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new PolicyTestFile(path, policyId, hasErrors ? [] : cases, diagnostics);
    }

    private static PolicyTestCase? ReadCase(MappingSyntax map, int index, string policyId, Dictionary<string, object?> given, PolicyInfo? info, PolicySet? policies, SyntaxValueReader read)
    {
        read.CheckKeys(map, "a test case", CaseKeys);
        var name = read.String(map.Find("name")?.Value, "name") ?? $"case {index}";
        // A list of facts is a case over several facts at once (a group policy's portfolio); each is merged with given.
        var factsNode = map.Find("facts")?.Value;
        var many = factsNode is SequenceSyntax;
        var members = new List<IReadOnlyDictionary<string, object?>>();
        var factMaps = many ? ((SequenceSyntax)factsNode!).Items.Select(i => read.AsMapping(i, "the facts of one member")).ToList() : [factsNode is null ? null : read.AsMapping(factsNode, "facts")];
        List<string>? withoutFields = null;
        if (map.Find("without")?.Value is { } withoutNode && read.AsSequence(withoutNode, "without") is { } without)
        {
            withoutFields = [.. without.Items.Select(i => read.String(i, "a field name in without")).OfType<string>()];
        }

        foreach (var factsMap in factMaps)
        {
            var member = new Dictionary<string, object?>(given, StringComparer.Ordinal);
            if (factsMap is not null)
            {
                if (info is not null)
                {
                    CheckFactNames(factsMap, policyId, policies!, read);
                }

                foreach (var (key, value) in ToFacts(factsMap))
                {
                    member[key] = value;
                }
            }

            foreach (var field in withoutFields ?? [])
            {
                member.Remove(field);
            }

            members.Add(member);
        }

        var asOf = read.Date(map.Find("asOf")?.Value, "asOf");
        var expectNode = read.Required(map, "expect", $"test case '{name}'");
        if (expectNode is null)
        {
            return null;
        }

        if (many)
        {
            if (members.Count == 0 || read.AsSequence(expectNode, "expect (one per decision, for a list of facts)") is not { } expectList)
            {
                return null;
            }

            var expectations = new List<PolicyTestExpectation>();
            foreach (var item in expectList.Items)
            {
                if (read.AsMapping(item, "the expectation of one decision") is { } one && ReadExpectation(one, policyId, info, policies, read) is { } expectation)
                {
                    expectations.Add(expectation);
                }
            }

            return expectations.Count == 0 ? null : new PolicyTestCase(policyId, name, map.Span, members, asOf, expectations);
        }

        if (read.AsMapping(expectNode, "expect") is not { } expect)
        {
            return null;
        }

        return ReadExpectation(expect, policyId, info, policies, read) is { } single
            ? new PolicyTestCase(policyId, name, map.Span, members[0], asOf, single)
            : null;
    }

    private static PolicyTestExpectation? ReadExpectation(MappingSyntax expect, string policyId, PolicyInfo? info, PolicySet? policies, SyntaxValueReader read)
    {
        read.CheckKeys(expect, "expect", ExpectKeys);
        DecisionStatus? status = null;
        if (expect.Find("status")?.Value is { } statusNode && read.String(statusNode, "status") is { } statusText)
        {
            var i = Array.IndexOf(Statuses, statusText);
            if (i < 0)
            {
                read.Report(DiagnosticDescriptors.InvalidValue, statusNode.Span, statusText, "status", string.Join(", ", Statuses) + Suggestions.DidYouMean(statusText, Statuses));
            }
            else
            {
                status = (DecisionStatus)i;
            }
        }

        var gradeNode = expect.Find("grade")?.Value;
        var grade = read.String(gradeNode, "grade");
        if (grade is not null && info is not null)
        {
            var grades = policies!.Policies.Where(p => p.Id == policyId).SelectMany(p => p.Grades).Select(g => g.Id).Distinct().ToList();
            if (!grades.Contains(grade))
            {
                read.Report(DiagnosticDescriptors.TestUnknownGrade, gradeNode!.Span, policyId, grade, Suggestions.DidYouMean(grade, grades));
            }
        }

        List<string>? fired = null;
        if (expect.Find("fired")?.Value is { } firedNode && read.AsSequence(firedNode, "fired") is { } firedList)
        {
            fired = [];
            var ruleIds = info is null ? null : policies!.RuleIds(policyId);
            foreach (var item in firedList.Items)
            {
                if (read.String(item, "a rule id") is { } id)
                {
                    if (ruleIds is not null && !ruleIds.Contains(id))
                    {
                        read.Report(DiagnosticDescriptors.TestUnknownRule, item.Span, policyId, id, Suggestions.DidYouMean(id, ruleIds));
                    }

                    fired.Add(id);
                }
            }
        }

        Dictionary<string, string>? outputs = null;
        if (expect.Find("outputs")?.Value is { } outputsNode && read.AsMapping(outputsNode, "outputs") is { } outputsMap)
        {
            outputs = [];
            foreach (var entry in outputsMap.Entries)
            {
                if (read.String(entry.Value, $"output '{entry.Key.Value}'") is { } value)
                {
                    outputs[entry.Key.Value] = value;
                }
            }
        }

        List<string>? invalid = null;
        switch (expect.Find("invalid")?.Value)
        {
            case ScalarSyntax { IsNull: false } one:
                invalid = [one.Value];
                break;
            case SequenceSyntax many:
                invalid = [.. many.Items.Select(i => read.String(i, "a field name")).OfType<string>()];
                break;
        }

        var count = (string key) => read.Number(expect.Find(key)?.Value, key) is { } n ? (int?)n : null;
        return new PolicyTestExpectation(status, grade, fired, outputs, invalid)
        {
            Key = read.String(expect.Find("key")?.Value, "key"),
            Members = count("members"),
            Excluded = count("excluded"),
        };
    }

    private static void CheckFactNames(MappingSyntax facts, string policyId, PolicySet policies, SyntaxValueReader read)
    {
        // The policy's fields and those of the policies it reads decision(…) of (a chained policy decides the same fact).
        var fields = new HashSet<string>(StringComparer.Ordinal);
        AddFields(policyId, new HashSet<string>(StringComparer.Ordinal));

        void AddFields(string id, HashSet<string> seen)
        {
            if (!seen.Add(id) || !policies.Contains(id))
            {
                return;
            }

            foreach (var version in policies.Versions(id))
            {
                fields.UnionWith(version.Definition.Fields.Select(f => f.Name));
                foreach (var dependency in version.Definition.DecisionRefs)
                {
                    AddFields(dependency.DependsOnPolicy!, seen);
                }
            }
        }

        foreach (var entry in facts.Entries)
        {
            // Dotted fields may be written as nested mappings.
            if (!fields.Contains(entry.Key.Value) && !fields.Any(f => f.StartsWith(entry.Key.Value + ".", StringComparison.Ordinal)))
            {
                read.Report(DiagnosticDescriptors.TestUnknownFact, entry.Key.Span, policyId, entry.Key.Value, Suggestions.DidYouMean(entry.Key.Value, fields));
            }
        }
    }

    /// <summary>
    /// Turns YAML values into fact values: quoted scalars are text; plain scalars are null, true/false, a decimal
    /// (parsed from its text with the invariant culture), or text; mappings are nested facts.
    /// </summary>
    private static Dictionary<string, object?> ToFacts(MappingSyntax map)
    {
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            facts[entry.Key.Value] = ToValue(entry.Value);
        }

        return facts;
    }

    private static object? ToValue(SyntaxNode node) => node switch
    {
        ScalarSyntax { IsNull: true } => null,
        ScalarSyntax { IsQuoted: true } s => s.Value,
        ScalarSyntax { Value: "true" } => true,
        ScalarSyntax { Value: "false" } => false,
        ScalarSyntax s when SyntaxValueReader.TryParseNumber(s, out var number) => number,
        ScalarSyntax s => s.Value,
        MappingSyntax m => ToFacts(m),
        SequenceSyntax q => q.Items.Select(ToValue).ToList(),
        _ => null,
    };
}
