namespace Tiering.Rules.Testing;

/// <summary>The outcome of one test case. Immutable.</summary>
public sealed class PolicyTestResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="case">The case.</param>
    /// <param name="decision">The decision the engine gave.</param>
    /// <param name="failures">What did not match.</param>
    internal PolicyTestResult(PolicyTestCase @case, Decision decision, IReadOnlyList<string> failures)
    {
        Case = @case;
        Decision = decision;
        Failures = failures;
    }

    /// <summary>The case.</summary>
    public PolicyTestCase Case { get; }

    /// <summary>The decision the engine gave.</summary>
    public Decision Decision { get; }

    /// <summary>Every decision of the case, in order (one for a single-fact case).</summary>
    public IReadOnlyList<Decision> Decisions { get; internal init; } = [];

    /// <summary>What did not match, one line each (<c>grade: expected 4_star, got 3_star</c>); empty when the case passed.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>The case and its outcome: <c>rules/star.tests.yaml:3 deliberately wrong: FAIL grade: expected 4_star, got 3_star</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Passed ? $"{Case}: pass" : $"{Case}: FAIL {string.Join("; ", Failures)}";
}
