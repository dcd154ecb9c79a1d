using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Loading;
using Tiering.Rules.Text;

namespace Tiering.Rules;

/// <summary>
/// Loads policy files into a compiled <see cref="PolicySet"/>: YAML → positioned syntax → validated model →
/// compiled delegates. Never throws on bad input: every problem comes back in
/// <see cref="PolicyLoadResult.Diagnostics"/> with file, line and column. Thread-safe (it holds no state).
/// </summary>
public static class PolicyLoader
{
    /// <summary>Loads every <c>*.yaml</c> / <c>*.yml</c> file under <paramref name="directory"/> (recursively), except test files (<c>*.tests.yaml</c>).</summary>
    /// <param name="directory">The rules directory.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The result; check <see cref="PolicyLoadResult.Succeeded"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public static PolicyLoadResult LoadDirectory(string directory, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new PolicyLoadResult(null, [DiagnosticDescriptors.FileUnreadable.Create(SourceSpan.FileStart(directory), $"directory '{directory}' does not exist")]);
        }

        var files = PolicyFiles(directory);
        if (files.Count == 0)
        {
            return new PolicyLoadResult(null, [DiagnosticDescriptors.NoPolicyFiles.Create(SourceSpan.FileStart(directory), directory)]);
        }

        return LoadFiles(files, limits);
    }

    /// <summary>The policy files a directory load would read, sorted by path.</summary>
    /// <param name="directory">The rules directory.</param>
    /// <returns>The paths.</returns>
    public static IReadOnlyList<string> PolicyFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return [.. Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(p => IsPolicyFile(p) && !IsHidden(directory, p))
            .OrderBy(p => p, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Files and folders whose name starts with '.' are skipped: editors' backup folders, and the '..data' /
    /// '..2026_…' folders of a Kubernetes ConfigMap mount, which would otherwise load every policy twice.
    /// </summary>
    private static bool IsHidden(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.'));

    private static bool IsPolicyFile(string path) =>
        (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        && !path.EndsWith(".tests.yaml", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".tests.yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the given policy files together (they may refer to each other).</summary>
    /// <param name="paths">The files.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The result; check <see cref="PolicyLoadResult.Succeeded"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    public static PolicyLoadResult LoadFiles(IEnumerable<string> paths, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return LoadFilesCore(paths as string[] ?? paths.ToArray(), limits);
    }

    /// <summary>
    /// <see cref="LoadFiles(IEnumerable{string}, LoadLimits?)"/> over a span, walked by index: a first load through
    /// <c>PolicySet.LoadFiles([path])</c> enumerates no array through its interfaces (about ten type loads).
    /// </summary>
    internal static PolicyLoadResult LoadFilesCore(ReadOnlySpan<string> paths, LoadLimits? limits)
    {
        limits ??= LoadLimits.Default;
        // An array, not a list: a list over the engine's sources is six type loads (itself and its interfaces) in a
        // process's first load. Shortened only when a file could not be read (an error the load reports).
        var sources = new PolicySource[paths.Length];
        var read = 0;
        var diagnostics = new List<Diagnostic>();
        foreach (var path in paths)
        {
            try
            {
                if (PolicyFileReader.Read(path, limits.MaxFileBytes, out var length) is { } text)
                {
                    sources[read++] = new PolicySource(path, text);
                }
                else
                {
                    diagnostics.Add(DiagnosticDescriptors.FileTooLarge.Create(SourceSpan.FileStart(path), length, limits.MaxFileBytes));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                diagnostics.Add(DiagnosticDescriptors.FileUnreadable.Create(SourceSpan.FileStart(path), ex.Message));
            }
        }

        return Load(read == sources.Length ? sources : Shortened(sources, read), limits, diagnostics);
    }

    /// <summary>The first <paramref name="count"/> sources (apart: a first load's method names no generic copy).</summary>
    private static PolicySource[] Shortened(PolicySource[] sources, int count) => sources[..count];

    /// <summary>
    /// Reads one policy file exactly as <see cref="LoadFiles"/> and <see cref="LoadDirectory"/> read it: UTF-8 with or
    /// without a byte order mark, UTF-16 and UTF-32 by their byte order marks; a file over the size limit is not read.
    /// For hosts that read the files themselves (to pin down what they load, or retry a file being written) and then
    /// call <see cref="LoadSources"/>. Thread-safe.
    /// </summary>
    /// <param name="path">The file; it becomes the source's <see cref="PolicySource.Path"/>.</param>
    /// <param name="limits">Bounds on the input (here <see cref="LoadLimits.MaxFileBytes"/>); <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The source (the path and the file's text), or null when the file is larger than <see cref="LoadLimits.MaxFileBytes"/> (a load reports it as an error giving its size).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when it is gone).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static PolicySource? ReadFile(string path, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return PolicyFileReader.Read(path, (limits ?? LoadLimits.Default).MaxFileBytes, out _) is { } text ? new PolicySource(path, text) : null;
    }

    /// <summary>Loads policies from text already in memory.</summary>
    /// <param name="sources">The policy texts with the paths to name in diagnostics.</param>
    /// <param name="limits">Bounds on the input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <returns>The result; check <see cref="PolicyLoadResult.Succeeded"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> is null.</exception>
    public static PolicyLoadResult LoadSources(IEnumerable<PolicySource> sources, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Load([.. sources], limits ?? LoadLimits.Default, []);
    }

    /// <summary>
    /// The fingerprint a set loaded from <paramref name="sources"/> carries (<see cref="PolicySet.Fingerprint"/>): a
    /// short hash of every source's file name and text, whatever their order or directory. A change to any name or text
    /// changes it (barring a 48-bit collision): it tells contents apart, it does not authenticate them (it is not a
    /// cryptographic hash). Thread-safe.
    /// </summary>
    /// <param name="sources">The policy texts, as given to <see cref="LoadSources"/>.</param>
    /// <returns>Twelve lowercase hexadecimal digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> is null.</exception>
    public static string Fingerprint(IEnumerable<PolicySource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return SourceFingerprint.Of([.. sources]);
    }

    /// <summary>Runs the load pipeline (<see cref="LoadPipeline"/>) and wraps what it compiled in a <see cref="PolicySet"/>.</summary>
    private static PolicyLoadResult Load(PolicySource[] sources, LoadLimits limits, List<Diagnostic> diagnostics)
    {
        var output = LoadPipeline.Run(sources, limits, diagnostics);
        if (output.Versions is not { } versions)
        {
            return new PolicyLoadResult(null, output.Diagnostics, output.Fallbacks);
        }

        var evaluators = new NameMap<PolicyEvaluator[]>(versions.Count);
        for (var p = 0; p < versions.Count; p++)
        {
            var compiled = versions.ValueAt(p);
            var each = new PolicyEvaluator[compiled.Length];
            for (var i = 0; i < each.Length; i++)
            {
                each[i] = new PolicyEvaluator(compiled[i]);
            }

            evaluators[versions.KeyAt(p)] = each;
        }

        return new PolicyLoadResult(new PolicySet(evaluators, output.Diagnostics, sources), output.Diagnostics, output.Fallbacks);
    }
}
