using System.Globalization;
using System.Collections.Immutable;
using System.Text;
using Tiering.Rules.Analysis;
using Tiering.Rules.Compilation;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
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
        limits ??= LoadLimits.Default;
        var sources = new List<PolicySource>();
        var diagnostics = new List<Diagnostic>();
        foreach (var path in paths)
        {
            try
            {
                if (ReadText(path, limits.MaxFileBytes, out var length) is { } text)
                {
                    sources.Add(new PolicySource(path, text));
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

        return Load(sources, limits, diagnostics);
    }

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
        return ReadText(path, (limits ?? LoadLimits.Default).MaxFileBytes, out _) is { } text ? new PolicySource(path, text) : null;
    }

    /// <summary>
    /// The file's text, or null when it is longer than <paramref name="maxBytes"/> (its length then in
    /// <paramref name="length"/>). One open, one size query and one read: the lightest way through the file system for
    /// a process's first load. UTF-8 with or without a byte order mark; other byte order marks (UTF-16, UTF-32) are
    /// honoured as <see cref="File.ReadAllText(string, Encoding)"/> would.
    /// </summary>
    private static string? ReadText(string path, long maxBytes, out long length)
    {
        using var handle = File.OpenHandle(path);
        length = RandomAccess.GetLength(handle);
        if (length > maxBytes)
        {
            return null;
        }

        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(handle, bytes.AsSpan(read), read) is var n and > 0)
        {
            read += n;
        }

        var content = bytes.AsSpan(0, read);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(content[3..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes, 0, read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(content);
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

    private static PolicyLoadResult Load(List<PolicySource> sources, LoadLimits limits, List<Diagnostic> diagnostics)
    {
        // Phase 1: syntax, and each file's header (id, grades) so decision(…) can be typed across files.
        var trees = new List<ParsedFile>();
        var fallbacks = new List<YamlReaderFallback>();
        foreach (var source in sources)
        {
            if (YamlSyntaxReader.Read(source.Path, source.Text, limits, diagnostics, fallbacks) is { } root)
            {
                trees.Add(new ParsedFile(source, root));
            }
        }

        // Loops rather than LINQ on this path: every lambda is one more method a process's first load must compile.
        var headers = new Dictionary<string, IReadOnlyList<PolicyHeader>>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            if (PolicyBuilder.ReadHeader(tree.Root) is { } header)
            {
                if (headers.TryGetValue(header.Id, out var same))
                {
                    ((List<PolicyHeader>)same).Add(header);
                }
                else
                {
                    headers[header.Id] = new List<PolicyHeader> { header };
                }
            }
        }

        // Phase 2: the validated model of each file.
        var policies = new List<PolicyDefinition>();
        foreach (var tree in trees)
        {
            if (PolicyBuilder.Build(tree.Source.Path, tree.Root, limits, headers, diagnostics) is { } policy)
            {
                policies.Add(policy);
            }
        }

        // Phase 3: checks across files, then the static analysis of each policy.
        PolicySetAnalyzer.Analyze(policies, diagnostics);
        foreach (var policy in policies)
        {
            diagnostics.AddRange(PolicyAnalyzer.Analyze(policy));
        }

        var sorted = diagnostics.Count > 1 ? InFileOrder(diagnostics) : [.. diagnostics];
        foreach (var diagnostic in sorted)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return new PolicyLoadResult(null, sorted, fallbacks);
            }
        }

        if (sources.Count == 0 && diagnostics.Count > 0)
        {
            return new PolicyLoadResult(null, sorted, fallbacks);
        }

        // Phase 4: compile, each policy's versions by effective date (no two start on the same day: VersionOverlapCheck).
        var compiled = new Dictionary<string, PolicyEvaluator[]>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            var version = new PolicyEvaluator(new CompiledPolicy(policy));
            compiled[policy.Id] = compiled.TryGetValue(policy.Id, out var earlier) ? ByEffectiveDate([.. earlier, version]) : [version];
        }

        return new PolicyLoadResult(new PolicySet(compiled, sorted, Fingerprint(sources)), sorted, fallbacks);
    }

    private static ImmutableArray<Diagnostic> InFileOrder(List<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column)];

    private static PolicyEvaluator[] ByEffectiveDate(PolicyEvaluator[] versions)
    {
        Array.Sort(versions, static (a, b) => (a.Definition.EffectiveFrom ?? DateOnly.MinValue).CompareTo(b.Definition.EffectiveFrom ?? DateOnly.MinValue));
        return versions;
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
        return Fingerprint(sources as List<PolicySource> ?? [.. sources]);
    }

    private static string Fingerprint(List<PolicySource> sources)
    {
        // File names and contents, not full paths: the same files in another directory give the same fingerprint. A
        // content hash, not a security one (two FNV-1a lanes): it tells loaded sets apart, it does not authenticate
        // them, and it spares a cold start the cryptography library's first use.
        var (a, b) = (0xcbf29ce484222325UL, 0x84222325cbf29ce4UL);
        foreach (var source in sources.Count > 1 ? ByFileName(sources) : sources)
        {
            Mix(Path.GetFileName(source.Path.AsSpan()));
            Mix(source.Text);
        }

        return (a ^ (b >> 16)).ToString("x16", CultureInfo.InvariantCulture)[..12];

        void Mix(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                a = (a ^ c) * 0x100000001b3UL;
                b = (b ^ c) * 0x100000001b3UL ^ (b >> 29);
            }

            a = (a ^ 0xFFFF) * 0x100000001b3UL; // a separator no character can produce
            b = (b ^ 0xFFFF) * 0x100000001b3UL;
        }
    }

    /// <summary>The sources in file-name order, then by text (out of line: a single-file load compiles no sort).</summary>
    private static List<PolicySource> ByFileName(List<PolicySource> sources) =>
        [.. sources.OrderBy(s => Path.GetFileName(s.Path), StringComparer.Ordinal).ThenBy(s => s.Text, StringComparer.Ordinal)];

    /// <summary>A file's syntax tree (reference types throughout: value tuples here cost a first load their generic code's JIT).</summary>
    private sealed record ParsedFile(PolicySource Source, SyntaxNode Root);
}
