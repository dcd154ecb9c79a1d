using System.Globalization;
using System.Text;

namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// The policy files of a rules directory as read at one moment: their texts (read once, so that what is compared is
/// exactly what is compiled) and a content key: the files' relative paths and the fingerprint the set would carry
/// (<see cref="PolicyLoader.Fingerprint"/>), so that a new, removed, renamed or moved file, or any change of text, gives
/// a new key. When the directory cannot be read as sources (missing, empty, a file over the size limit, or I/O errors
/// that persist), <see cref="Result"/> holds the loader's own result for it, with positioned diagnostics.
/// </summary>
/// <param name="Key">The content key, or null when the content could not be pinned down (always treated as changed).</param>
/// <param name="Sources">The policy texts, when they were read.</param>
/// <param name="Result">The load result, when the texts could not be read as sources.</param>
internal sealed record RulesContent(string? Key, IReadOnlyList<PolicySource>? Sources, PolicyLoadResult? Result)
{
    /// <summary>
    /// The key with every file's size and last write time, read before and after its text: two reads with the same
    /// stamp saw the same files, untouched in between. Null when the content could not be pinned down.
    /// </summary>
    public string? Stamp { get; init; }

    /// <summary>The latest last-write time (UTC) of the files read, or <see cref="DateTime.MinValue"/> when none was read.</summary>
    public DateTime NewestWrite { get; init; }
}

/// <summary>Reads a rules directory into <see cref="RulesContent"/>. Stateless and thread-safe.</summary>
internal static class RulesDirectoryReader
{
    private const int Attempts = 3;

    /// <summary>
    /// Reads the directory. A file that vanishes or is locked mid-read (an editor saving by rename, a writer holding it)
    /// is retried a few times after a short pause before the problem is reported through the loader.
    /// </summary>
    public static RulesContent Read(string directory, LoadLimits limits)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ReadOnce(directory, limits);
            }
            catch (Exception ex) when (IsIoProblem(ex) && attempt < Attempts)
            {
                Thread.Sleep(20 * attempt);
            }
            catch (Exception ex) when (IsIoProblem(ex))
            {
                // The loader turns the problem into a diagnostic naming the file (or, if it has gone away, loads).
                return new RulesContent(null, null, PolicyLoader.LoadDirectory(directory, limits));
            }
        }
    }

    private static RulesContent ReadOnce(string directory, LoadLimits limits)
    {
        if (!Directory.Exists(directory))
        {
            return new RulesContent("missing-directory", null, PolicyLoader.LoadDirectory(directory, limits));
        }

        var files = PolicyLoader.PolicyFiles(directory);
        if (files.Count == 0)
        {
            return new RulesContent("no-policy-files", null, PolicyLoader.LoadDirectory(directory, limits));
        }

        // Each file is read as the loader reads it (PolicyLoader.ReadFile); a file over the size limit is not read (the
        // loader reports it by size), and what identifies that state of the file goes into the key instead.
        var key = new StringBuilder();
        var stamp = new StringBuilder();
        var newest = DateTime.MinValue;
        var sources = new List<PolicySource>(files.Count);
        var tooLarge = false;
        foreach (var path in files)
        {
            key.Append(Path.GetRelativePath(directory, path).Replace('\\', '/')).Append('\0');
            var before = new FileInfo(path);
            stamp.Append(CultureInfo.InvariantCulture, $"{before.Length}/{before.LastWriteTimeUtc.Ticks}/");
            var read = PolicyLoader.ReadFile(path, limits);
            var after = new FileInfo(path);
            newest = after.LastWriteTimeUtc > newest ? after.LastWriteTimeUtc : newest;
            stamp.Append(CultureInfo.InvariantCulture, $"{after.Length}/{after.LastWriteTimeUtc.Ticks}\0");
            if (read is { } source)
            {
                sources.Add(source);
                continue;
            }

            tooLarge = true;
            var info = new FileInfo(path);
            key.Append(CultureInfo.InvariantCulture, $"{info.Length} bytes, written {info.LastWriteTimeUtc.Ticks}").Append('\0');
        }

        key.Append(PolicyLoader.Fingerprint(sources));
        var stamped = stamp.Append(key).ToString();
        return tooLarge
            ? new RulesContent(key.ToString(), null, PolicyLoader.LoadFiles(files, limits)) { Stamp = stamped, NewestWrite = newest }
            : new RulesContent(key.ToString(), sources, null) { Stamp = stamped, NewestWrite = newest };
    }

    private static bool IsIoProblem(Exception ex) => ex is IOException or UnauthorizedAccessException;
}
