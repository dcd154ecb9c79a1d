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
        return Check(policies.Decide(PolicyId, Facts, AsOf));
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
