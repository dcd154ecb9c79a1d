using System.Diagnostics;
using System.Globalization;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Text;

namespace Tiering.Rules.Analysis;

/// <summary>
/// What the checks of one policy's analysis share: the policy, how the analysis sees each field (its
/// <see cref="FieldSpace"/> and domain), the whole-number domains, each rule's region, the findings so far, and the
/// helpers that turn a box into a witness an author can read. Built once per analysis; not thread-safe.
/// </summary>
internal sealed class PolicyAnalysisContext
{
    /// <summary>The most boxes a region may hold before the analysis gives up on it (and says so).</summary>
    public const int BoxLimit = 4096;

    private readonly Dictionary<int, FieldSpace> _spaces = [];
    private readonly Dictionary<int, IntervalSet> _domains = [];
    private Dictionary<int, IntervalSet>? _integerOnly;
    private Region?[]? _regions;
    private PolicyCheck? _running;

    /// <summary>A context for analysing <paramref name="policy"/> with the default budget.</summary>
    /// <param name="policy">The policy.</param>
    public PolicyAnalysisContext(PolicyDefinition policy)
        : this(policy, LoadLimits.Default.MaxAnalysisSteps)
    {
    }

    /// <summary>A context for analysing <paramref name="policy"/> in at most <paramref name="analysisSteps"/> steps.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="analysisSteps">The budget (<see cref="LoadLimits.MaxAnalysisSteps"/>).</param>
    public PolicyAnalysisContext(PolicyDefinition policy, long analysisSteps)
    {
        Policy = policy;
        Budget = new AnalysisBudget(analysisSteps);
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
            // TryGetValue, not GetValueOrDefault: that extension's instantiation is not precompiled, and a first load JIT-compiled it.
            var space = FieldSpace.For(field, literals.TryGetValue(field.Index, out var texts) ? texts : []);
            _spaces[field.Index] = space;
            _domains[field.Index] = space.Domain;
        }
    }

    /// <summary>The work this analysis may still do (<see cref="LoadLimits.MaxAnalysisSteps"/>).</summary>
    public AnalysisBudget Budget { get; }

    /// <summary>The policy analysed.</summary>
    public PolicyDefinition Policy { get; }

    /// <summary>How the analysis sees each field, by field index.</summary>
    public IReadOnlyDictionary<int, FieldSpace> Spaces => _spaces;

    /// <summary>Each field's declared domain as numbers, by field index.</summary>
    public IReadOnlyDictionary<int, IntervalSet> Domains => _domains;

    /// <summary>Domains that only say which fields are whole numbers (for telling contradictions from domain misses); built once.</summary>
    public IReadOnlyDictionary<int, IntervalSet> IntegerOnly => _integerOnly ??= BuildIntegerOnly();

    /// <summary>
    /// Each rule's region within the domains, by rule index: empty when it can never fire, null for grading rows and
    /// for rules beyond the analysis. Built by <see cref="UnreachableRuleCheck"/>, which runs first.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read before <see cref="UnreachableRuleCheck"/> ran.</exception>
    public Region?[] Regions
    {
        get => _regions ?? throw new InvalidOperationException($"the rule regions are built by {nameof(UnreachableRuleCheck)}, which must run before the checks that read them");
        set => _regions = value;
    }

    /// <summary>Every finding so far, in the order reported.</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>Reports a finding of the running check.</summary>
    /// <param name="descriptor">What was found; one of the running check's <see cref="PolicyCheck.Reports"/>.</param>
    /// <param name="span">Where to report it.</param>
    /// <param name="rules">The ids of the rules (or rows) involved; an accept on any of them applies.</param>
    /// <param name="witness">Field values that show the finding, or null.</param>
    /// <param name="args">The descriptor's message arguments.</param>
    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string[] rules, Dictionary<string, object?>? witness, params object?[] args)
    {
        VerifyDeclared(descriptor);
        Findings.Add(new Finding(descriptor, span, rules, args, witness));
    }

    /// <summary>
    /// Says what the analysis could not check (TR4010, info) rather than guess. Any check may: this descriptor belongs
    /// to the analysis as a whole, not to one check.
    /// </summary>
    /// <param name="descriptor">What was not checked: <see cref="DiagnosticDescriptors.BeyondAnalysis"/> or <see cref="DiagnosticDescriptors.GapsNotChecked"/>.</param>
    /// <param name="span">Where to report it.</param>
    /// <param name="rules">The ids of the rules involved.</param>
    /// <param name="args">The values for the descriptor's template.</param>
    public void ReportBeyond(DiagnosticDescriptor descriptor, SourceSpan span, string[] rules, params object?[] args)
    {
        System.Diagnostics.Debug.Assert(descriptor == DiagnosticDescriptors.BeyondAnalysis || descriptor == DiagnosticDescriptors.GapsNotChecked, "TR4010 only");
        Findings.Add(new Finding(descriptor, span, rules, args, null));
    }

    /// <summary>Says the analysis is incomplete (TR4012): the budget ran out while <paramref name="check"/> ran.</summary>
    /// <param name="check">The check that was running.</param>
    public void ReportIncomplete(PolicyCheck check) =>
        Findings.Add(new Finding(DiagnosticDescriptors.AnalysisIncomplete, Policy.RulesSpan, [], [Budget.Steps, ReportedCodes(check)], null));

    private static string ReportedCodes(PolicyCheck check) => string.Join("/", check.Reports.Select(d => d.Code).Distinct());

    /// <summary>Debug builds: remembers the check about to run, so that <see cref="Report"/> can hold it to its declared descriptors.</summary>
    /// <param name="check">The check about to run.</param>
    [Conditional("DEBUG")]
    public void BeginCheck(PolicyCheck check) => _running = check;

    /// <summary>The field's domain as text, for messages.</summary>
    /// <param name="field">The field index.</param>
    /// <returns>The domain, for example <c>[0, 100]</c>.</returns>
    public string Domain(int field) => _domains[field].ToString();

    /// <summary>The fields the rules read, by index, each once, ascending.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>The field indices.</returns>
    public static List<int> ReadIndices(params RuleDefinition[] rules) =>
        [.. rules.SelectMany(r => r.Reads).Select(f => f.Index).Distinct().Order()];

    /// <summary>Each grading row's scores as an interval set, by row.</summary>
    /// <param name="grading">The grading table.</param>
    /// <returns>The sets, in row order.</returns>
    public static List<IntervalSet> ScoreSets(BandTable grading) =>
        grading.Rows.Select(r => IntervalSet.Of(Span(r.Interval!.Value), false)).ToList();

    /// <summary>A concrete fact inside the box: a value for each of the given fields and each field the box constrains.</summary>
    /// <param name="box">The box to pick from.</param>
    /// <param name="fields">Fields to give a value even where the box does not constrain them.</param>
    /// <returns>Field name to fact value, in field order.</returns>
    public Dictionary<string, object?> Witness(Box box, IEnumerable<int> fields)
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

    /// <summary>A witness as an author reads it: <c>days = 91, rate = 0.3</c>.</summary>
    /// <param name="witness">The witness.</param>
    /// <returns>The text.</returns>
    public static string Show(Dictionary<string, object?> witness) =>
        string.Join(", ", witness.Select(kv => $"{kv.Key} = {Format(kv.Value)}"));

    private static Span1 Span(Interval i) => new(i.Low, i.LowInclusive, i.High, i.HighInclusive);

    private static string Format(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    [Conditional("DEBUG")]
    private void VerifyDeclared(DiagnosticDescriptor descriptor)
    {
        if (_running is { } check && !check.Reports.Contains(descriptor))
        {
            throw new InvalidOperationException($"{check.GetType().Name} reports {descriptor.Code} ({descriptor.Severity}) but does not declare it in {nameof(PolicyCheck.Reports)}");
        }
    }

    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    private Dictionary<int, IntervalSet> BuildIntegerOnly()
    {
        var domains = new Dictionary<int, IntervalSet>(_spaces.Count);
        foreach (var space in _spaces.Values)
        {
            domains[space.Field.Index] = space.Field.Type is FieldType.Decimal or FieldType.Integer or FieldType.Date or FieldType.DateTime ? IntervalSet.All(space.IsInteger) : space.Domain;
        }

        return domains;
    }

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
}
