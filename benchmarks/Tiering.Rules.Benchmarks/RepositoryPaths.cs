namespace Tiering.Rules.Benchmarks;

/// <summary>
/// Finds the repository (for the shipped <c>rules/</c>) by walking up from <see cref="AppContext.BaseDirectory"/> to
/// the folder holding <c>Tiering.Rules.sln</c>. BenchmarkDotNet runs each benchmark from a generated project deep
/// under <c>bin/</c>, so the working directory cannot be relied on.
/// </summary>
public static class RepositoryPaths
{
    public const string SolutionFile = "Tiering.Rules.sln";

    private static readonly Lazy<string> Root = new(() => FindRoot(AppContext.BaseDirectory));

    /// <summary>The repository root.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds <c>Tiering.Rules.sln</c>.</exception>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shipped policies, <c>rules/</c>.</summary>
    public static string RulesDirectory => Path.Combine(RepositoryRoot, "rules");

    /// <summary>The file of one shipped policy, for example <c>rules/loan-five-category.yaml</c>.</summary>
    public static string PolicyFile(string policyId) => Path.Combine(RulesDirectory, policyId + ".yaml");

    /// <summary>Walks up from <paramref name="start"/> to the first folder that holds <c>Tiering.Rules.sln</c>.</summary>
    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no folder above '{start}' holds {SolutionFile}; run the benchmarks from inside the repository");
    }
}
