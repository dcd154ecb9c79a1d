using System.Globalization;
using System.Text;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Testing;

/// <summary>What a policy test case expects; null members are not checked.</summary>
/// <param name="Status">The expected status.</param>
/// <param name="Grade">The expected grade id.</param>
/// <param name="Fired">The exact set of rule ids expected to fire.</param>
/// <param name="Outputs">Outputs that must be present with these values.</param>
/// <param name="InvalidFields">Fields an invalid decision must name.</param>
public sealed record PolicyTestExpectation(
    DecisionStatus? Status,
    string? Grade,
    IReadOnlyList<string>? Fired,
    IReadOnlyDictionary<string, string>? Outputs,
    IReadOnlyList<string>? InvalidFields);

/// <summary>The outcome of one test case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Decision">The decision the engine gave.</param>
/// <param name="Failures">What did not match; empty when the case passed.</param>
public sealed record PolicyTestResult(PolicyTestCase Case, Decision Decision, IReadOnlyList<string> Failures)
{
    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.Count == 0;
}

/// <summary>One case of a policy test file: facts, an optional as-of date and what the decision must be.</summary>
public sealed class PolicyTestCase
{
    internal PolicyTestCase(string policyId, string name, SourceSpan span, IReadOnlyDictionary<string, object?> facts, DateOnly? asOf, PolicyTestExpectation expect)
    {
        PolicyId = policyId;
        Name = name;
        Span = span;
        Facts = facts;
        AsOf = asOf;
        Expect = expect;
    }

    /// <summary>The policy under test.</summary>
    public string PolicyId { get; }

    /// <summary>The case's name (or "case N" when it has none).</summary>
    public string Name { get; }

    /// <summary>Where the case is written.</summary>
    public SourceSpan Span { get; }

    /// <summary>The facts, after the file's <c>given</c> facts were merged in.</summary>
    public IReadOnlyDictionary<string, object?> Facts { get; }

    /// <summary>The as-of date, if the case gives one.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>What the decision must be.</summary>
    public PolicyTestExpectation Expect { get; }

    /// <summary>Decides the case's facts and compares the decision with the expectation.</summary>
    /// <param name="policies">The loaded policies.</param>
    /// <returns>The result; never throws for a failing expectation.</returns>
    public PolicyTestResult Run(PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var decision = policies.Decide(PolicyId, Facts, AsOf);
        var failures = new List<string>();
        var expectedStatus = Expect.Status
            ?? (Expect.InvalidFields is not null ? DecisionStatus.Invalid : Expect.Grade is not null ? DecisionStatus.Classified : (DecisionStatus?)null);
        if (expectedStatus is { } status && decision.Status != status)
        {
            failures.Add($"status: expected {Name(status)}, got {Name(decision.Status)}{Errors(decision)}");
        }

        if (Expect.Grade is { } grade && decision.Grade?.Id != grade)
        {
            failures.Add($"grade: expected {grade}, got {decision.Grade?.Id ?? "(none)"}");
        }

        if (Expect.Fired is { } fired && !fired.Order(StringComparer.Ordinal).SequenceEqual(decision.FiredRuleIds.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            failures.Add($"fired: expected [{string.Join(", ", fired)}], got [{string.Join(", ", decision.FiredRuleIds)}]");
        }

        if (Expect.Outputs is { } outputs)
        {
            foreach (var (key, value) in outputs)
            {
                if (!decision.Outputs.TryGetValue(key, out var actual) || actual != value)
                {
                    failures.Add($"outputs.{key}: expected {value}, got {actual ?? "(none)"}");
                }
            }
        }

        if (Expect.InvalidFields is { } fields)
        {
            foreach (var field in fields)
            {
                if (!decision.Errors.Any(e => e.Field == field))
                {
                    failures.Add($"invalid: expected an error naming '{field}', got [{string.Join("; ", decision.Errors.Select(e => e.Field))}]");
                }
            }
        }

        return new PolicyTestResult(this, decision, failures);

        static string Name(DecisionStatus s) => PolicyTestFile.StatusName(s);

        static string Errors(Decision d) => d.Errors.Count == 0 ? string.Empty : $" ({string.Join("; ", d.Errors.Select(e => e.Message))})";
    }

    /// <inheritdoc />
    public override string ToString() => $"{Span.Path}:{Span.Start.Line} {Name}";
}

/// <summary>
/// A policy test file (<c>*.tests.yaml</c>): <c>policy</c>, optional <c>given</c> facts shared by every case, and
/// <c>cases</c> with <c>facts</c>, optional <c>without</c>, <c>asOf</c> and <c>expect</c> (status, grade, the exact
/// set of fired rule ids, outputs, or the field an invalid decision must name). Read with positions, like policies.
/// </summary>
public sealed class PolicyTestFile
{
    private static readonly string[] TopKeys = ["policy", "description", "given", "cases"];
    private static readonly string[] CaseKeys = ["name", "description", "facts", "without", "asOf", "expect"];
    private static readonly string[] ExpectKeys = ["status", "grade", "fired", "outputs", "invalid"];
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
        var read = new SyntaxReading(diagnostics);
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

    private static PolicyTestCase? ReadCase(MappingSyntax map, int index, string policyId, Dictionary<string, object?> given, PolicyInfo? info, PolicySet? policies, SyntaxReading read)
    {
        read.CheckKeys(map, "a test case", CaseKeys);
        var name = read.String(map.Find("name")?.Value, "name") ?? $"case {index}";
        var facts = new Dictionary<string, object?>(given, StringComparer.Ordinal);
        if (map.Find("facts")?.Value is { } factsNode && read.AsMapping(factsNode, "facts") is { } factsMap)
        {
            if (info is not null)
            {
                CheckFactNames(factsMap, policyId, policies!, read);
            }

            foreach (var (key, value) in ToFacts(factsMap))
            {
                facts[key] = value;
            }
        }

        if (map.Find("without")?.Value is { } withoutNode && read.AsSequence(withoutNode, "without") is { } without)
        {
            foreach (var item in without.Items)
            {
                if (read.String(item, "a field name in without") is { } field)
                {
                    facts.Remove(field);
                }
            }
        }

        var asOf = read.Date(map.Find("asOf")?.Value, "asOf");
        var expectNode = read.Required(map, "expect", $"test case '{name}'");
        if (expectNode is null || read.AsMapping(expectNode, "expect") is not { } expect)
        {
            return null;
        }

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

        return new PolicyTestCase(policyId, name, map.Span, facts, asOf, new PolicyTestExpectation(status, grade, fired, outputs, invalid));
    }

    private static void CheckFactNames(MappingSyntax facts, string policyId, PolicySet policies, SyntaxReading read)
    {
        var fields = policies.Policies.Where(p => p.Id == policyId).SelectMany(p => p.Fields).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
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
        ScalarSyntax s when SyntaxReading.TryParseNumber(s, out var number) => number,
        ScalarSyntax s => s.Value,
        MappingSyntax m => ToFacts(m),
        SequenceSyntax q => q.Items.Select(ToValue).ToList(),
        _ => null,
    };
}

/// <summary>Runs policy test files against a loaded policy set.</summary>
public static class PolicyTestRunner
{
    /// <summary>Loads and runs test files.</summary>
    /// <param name="policies">The loaded policies.</param>
    /// <param name="testFiles">The <c>*.tests.yaml</c> files.</param>
    /// <returns>The files (with their diagnostics) and every case's result, in file order.</returns>
    public static (IReadOnlyList<PolicyTestFile> Files, IReadOnlyList<PolicyTestResult> Results) Run(PolicySet policies, IEnumerable<string> testFiles)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(testFiles);
        var files = testFiles.Select(f => PolicyTestFile.Load(f, policies)).ToList();
        var results = files.SelectMany(f => f.Cases).Select(c => c.Run(policies)).ToList();
        return (files, results);
    }
}
