namespace Tiering.Rules.Testing;

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
