namespace Tiering.Rules.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test binaries to Tiering.Rules.sln.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The names of the YAML files in rules/ (policies and their tests), in ordinal order, as theory data.</summary>
    public static TheoryData<string> RuleFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Rules, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Tiering.Rules.sln not found above " + AppContext.BaseDirectory);
    }
}
