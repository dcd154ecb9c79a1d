using Tiering.Rules.Text;

namespace Tiering.Rules.Testing;

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
        Expectations = [expect];
    }

    /// <summary>A case over several facts at once (for a group policy): each member's facts and one expectation per decision.</summary>
    internal PolicyTestCase(string policyId, string name, SourceSpan span, IReadOnlyList<IReadOnlyDictionary<string, object?>> members, DateOnly? asOf, IReadOnlyList<PolicyTestExpectation> expectations)
        : this(policyId, name, span, members[0], asOf, expectations[0])
    {
        Members = members;
        Expectations = expectations;
    }

    /// <summary>
    /// For a case over several facts at once (<c>facts</c> written as a list, for a group policy): every fact, in order,
    /// each with the file's <c>given</c> facts merged in; null for a single-fact case (see <see cref="Facts"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? Members { get; }

    /// <summary>What each decision must be, in the order the decisions come (for a single-fact case, <see cref="Expect"/> alone).</summary>
    public IReadOnlyList<PolicyTestExpectation> Expectations { get; }

    /// <summary>The policy under test.</summary>
    public string PolicyId { get; }

    /// <summary>The case's name (or "case N" when it has none).</summary>
    public string Name { get; }

    /// <summary>Where the case is written.</summary>
    public SourceSpan Span { get; }

    /// <summary>The facts, after the file's <c>given</c> facts were merged in (for a case over several facts, the first).</summary>
    public IReadOnlyDictionary<string, object?> Facts { get; }

    /// <summary>The as-of date, if the case gives one.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>What the decision must be (for a case over several facts, the first decision).</summary>
    public PolicyTestExpectation Expect { get; }

    /// <summary>Decides the case's facts and compares the decision with the expectation.</summary>
    /// <param name="policies">The loaded policies.</param>
    /// <returns>The result; never throws for a failing expectation.</returns>
    public PolicyTestResult Run(PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return Run((IPolicyEngine)policies);
    }

    /// <summary>Decides the case's facts with an engine (a case over several facts as one portfolio) and compares.</summary>
    /// <param name="engine">The engine: the compiled <see cref="PolicySet"/>, or another over the same policies.</param>
    /// <returns>The result; never throws for a failing expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is null.</exception>
    public PolicyTestResult Run(IPolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Members is null ? Check(engine.Decide(PolicyId, Facts, AsOf)) : Check(engine.DecidePortfolio(PolicyId, Members, AsOf));
    }

    /// <summary>Compares the decisions about a case over several facts (in the order the engine gave them) with the expectations.</summary>
    /// <param name="decisions">The decisions of <see cref="PolicyId"/> about <see cref="Members"/> as of <see cref="AsOf"/>.</param>
    /// <returns>The result; never throws for a failing expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="decisions"/> is null.</exception>
    public PolicyTestResult Check(IReadOnlyList<Decision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var failures = new List<string>();
        if (decisions.Count != Expectations.Count)
        {
            failures.Add($"decisions: expected {Expectations.Count}, got {decisions.Count}");
        }

        for (var i = 0; i < Math.Min(decisions.Count, Expectations.Count); i++)
        {
            foreach (var failure in Compare(Expectations[i], decisions[i]))
            {
                failures.Add(Expectations.Count == 1 ? failure : $"decision {i + 1}: {failure}");
            }
        }

        return new PolicyTestResult(this, decisions.Count > 0 ? decisions[0] : null!, failures) { Decisions = decisions };
    }

    /// <summary>
    /// Compares a decision about the case's facts, made by any engine (the NRules backend, a host's own), with the
    /// expectation.
    /// </summary>
    /// <param name="decision">The decision of <see cref="PolicyId"/> about <see cref="Facts"/> as of <see cref="AsOf"/>.</param>
    /// <returns>The result; never throws for a failing expectation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    public PolicyTestResult Check(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new PolicyTestResult(this, decision, Compare(Expect, decision)) { Decisions = [decision] };
    }

    private static List<string> Compare(PolicyTestExpectation Expect, Decision decision)
    {
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

        if (Expect.Key is { } groupKey && decision.Group?.Key != groupKey)
        {
            failures.Add($"key: expected {groupKey}, got {decision.Group?.Key ?? "(none)"}");
        }

        if (Expect.Members is { } members && decision.Group?.Members != members)
        {
            failures.Add($"members: expected {members}, got {decision.Group?.Members.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
        }

        if (Expect.Excluded is { } excluded && decision.Group?.Excluded != excluded)
        {
            failures.Add($"excluded: expected {excluded}, got {decision.Group?.Excluded.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
        }

        return failures;

        static string Name(DecisionStatus s) => PolicyTestFile.StatusName(s);

        static string Errors(Decision d) => d.Errors.Count == 0 ? string.Empty : $" ({string.Join("; ", d.Errors.Select(e => e.Message))})";
    }

    /// <inheritdoc />
    public override string ToString() => $"{Span.Path}:{Span.Start.Line} {Name}";
}
