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
    /// <param name="decide">Decides a case's facts: policy id, facts and as-of date in, decision out.</param>
    /// <returns>The files (with their diagnostics) and every case's result, in file order; never throws for a failing case.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PolicyTestRunResult Run(PolicySet policies, IEnumerable<string> testFiles, Func<PolicyTestCase, Decision> decide)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(testFiles);
        ArgumentNullException.ThrowIfNull(decide);
        var files = testFiles.Select(f => PolicyTestFile.Load(f, policies)).ToList();
        var results = files.SelectMany(f => f.Cases).Select(c => c.Check(decide(c))).ToList();
        return new PolicyTestRunResult(files, results);
    }
}
