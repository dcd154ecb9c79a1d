namespace Tiering.Rules.Testing;

/// <summary>Runs policy test files against a loaded policy set. Thread-safe (it holds no state).</summary>
public static class PolicyTestRunner
{
    /// <summary>Loads and runs test files.</summary>
    /// <param name="policies">The loaded policies.</param>
    /// <param name="testFiles">The <c>*.tests.yaml</c> files.</param>
    /// <returns>The files (with their diagnostics) and every case's result, in file order; never throws for a failing case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policies"/> or <paramref name="testFiles"/> is null.</exception>
    public static PolicyTestRunResult Run(PolicySet policies, IEnumerable<string> testFiles)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(testFiles);
        var files = testFiles.Select(f => PolicyTestFile.Load(f, policies)).ToList();
        var results = files.SelectMany(f => f.Cases).Select(c => c.Run(policies)).ToList();
        return new PolicyTestRunResult(files, results);
    }

    /// <summary>Loads test files and runs them against another engine's decisions (the NRules backend, say).</summary>
    /// <param name="policies">The loaded policies (they read the files: field types, grade ids).</param>
    /// <param name="testFiles">The <c>*.tests.yaml</c> files.</param>
    /// <param name="decide">Decides a single-fact case: policy id, facts and as-of date in, decision out. A case over several facts fails here (its decisions come from a portfolio run: use the overload that takes an <see cref="IPolicyEngine"/>).</param>
    /// <returns>The files (with their diagnostics) and every case's result, in file order; never throws for a failing case.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PolicyTestRunResult Run(PolicySet policies, IEnumerable<string> testFiles, Func<PolicyTestCase, Decision> decide)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(testFiles);
        ArgumentNullException.ThrowIfNull(decide);
        var files = testFiles.Select(f => PolicyTestFile.Load(f, policies)).ToList();
        var results = files.SelectMany(f => f.Cases).Select(c => c.Members is null ? c.Check(decide(c)) : c.Check([])).ToList();
        return new PolicyTestRunResult(files, results);
    }

    /// <summary>
    /// Loads the test files and runs every case on an engine: single-fact cases with its <c>Decide</c>, cases over several
    /// facts (for group policies) with its <c>DecidePortfolio</c>.
    /// </summary>
    /// <param name="engine">The engine (the compiled <see cref="PolicySet"/>, or another over the same policies).</param>
    /// <param name="testFiles">The test files.</param>
    /// <returns>Every file and result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PolicyTestRunResult Run(IPolicyEngine engine, IEnumerable<string> testFiles)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(testFiles);
        var files = testFiles.Select(f => PolicyTestFile.Load(f, engine.PolicySet)).ToList();
        var results = files.SelectMany(f => f.Cases).Select(c => c.Run(engine)).ToList();
        return new PolicyTestRunResult(files, results);
    }
}
