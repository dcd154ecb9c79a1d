using System.Reflection;

namespace Tiering.Rules.DependencyInjection.Tests.Support;

/// <summary>A temporary rules directory: the shipped policies copied from the repository's <c>rules/</c>, plus <see cref="BandPolicy"/>.</summary>
internal sealed class TempRules : IDisposable
{
    private TempRules(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string BandFile => System.IO.Path.Combine(Path, BandPolicy.FileName);

    public static string RepositoryRoot { get; } = System.IO.Path.GetFullPath(
        typeof(TempRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    /// <summary>Creates the directory with version A of the band policy and, unless told otherwise, the shipped policies.</summary>
    public static TempRules Create(bool withShippedRules = true, string? band = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tiering-di-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (withShippedRules)
        {
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(RepositoryRoot, "rules"), "*.yaml"))
            {
                File.Copy(file, System.IO.Path.Combine(path, System.IO.Path.GetFileName(file)));
            }
        }

        File.WriteAllText(System.IO.Path.Combine(path, BandPolicy.FileName), band ?? BandPolicy.A);
        return new TempRules(path);
    }

    /// <summary>Rewrites the band policy in place, as most editors and scripts do (truncate, then write).</summary>
    public void WriteBand(string text) => File.WriteAllText(BandFile, text);

    /// <summary>Replaces the band policy atomically: write a temporary file, then rename it over the old one.</summary>
    public void ReplaceBand(string text)
    {
        var temporary = BandFile + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, BandFile, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
