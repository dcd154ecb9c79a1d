using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Testing;

/// <summary>
/// The outcome of <see cref="PolicyTestRunner.Run(PolicySet, IEnumerable{string})"/>: the test files read (with their
/// diagnostics) and every case's result, in file order. Immutable.
/// </summary>
public sealed class PolicyTestRunResult
{
    /// <summary>Creates a run result.</summary>
    /// <param name="files">The files, in the order given.</param>
    /// <param name="results">Every case's result, in file order.</param>
    internal PolicyTestRunResult(IReadOnlyList<PolicyTestFile> files, IReadOnlyList<PolicyTestResult> results)
    {
        Files = files;
        Results = results;
        var diagnostics = new List<Diagnostic>();
        foreach (var file in files)
        {
            diagnostics.AddRange(file.Diagnostics);
        }

        Diagnostics = diagnostics;
        PassedCount = results.Count(r => r.Passed);
        FailedCount = results.Count - PassedCount + diagnostics.Count;
    }

    /// <summary>The test files, in the order given; a file with errors has no cases.</summary>
    public IReadOnlyList<PolicyTestFile> Files { get; }

    /// <summary>Every case's result, in file order.</summary>
    public IReadOnlyList<PolicyTestResult> Results { get; }

    /// <summary>Every test file's diagnostics (problems with the test files themselves), in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>How many cases passed.</summary>
    public int PassedCount { get; }

    /// <summary>
    /// How many cases failed, plus one for each test-file diagnostic: a file that cannot be read or checked counts as a
    /// failure, as the last line of <c>tiering test</c> (<c>N passed, N failed</c>) counts it.
    /// </summary>
    public int FailedCount { get; }

    /// <summary>True when nothing failed: every case passed and no test file has a diagnostic.</summary>
    public bool Succeeded => FailedCount == 0;

    /// <summary>The summary line of <c>tiering test</c>: <c>12 passed, 0 failed</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{PassedCount} passed, {FailedCount} failed";
}
