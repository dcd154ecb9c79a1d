using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// The policy files of a rules directory as read at one moment: their texts (read once, so that what is hashed is
/// exactly what is compiled) and a SHA-256 content hash over their relative paths and bytes. When the directory
/// cannot be read as sources (missing, empty, a file over the size limit, or I/O errors that persist), <see cref="Result"/>
/// holds the loader's own result for it, with positioned diagnostics.
/// </summary>
/// <param name="Hash">The content hash, or null when the content could not be pinned down (always treated as changed).</param>
/// <param name="Sources">The policy texts, when they were read.</param>
/// <param name="Result">The load result, when the texts could not be read as sources.</param>
internal sealed record RulesContent(string? Hash, IReadOnlyList<PolicySource>? Sources, PolicyLoadResult? Result);

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

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        var sources = new List<PolicySource>(files.Count);
        var tooLarge = false;
        foreach (var path in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, path).Replace('\\', '/')));
            hash.AppendData([0]);
            var info = new FileInfo(path);
            if (info.Length > limits.MaxFileBytes)
            {
                // Not read into memory: the loader reports it by size. Hash what identifies this state of the file.
                tooLarge = true;
                BinaryPrimitives.WriteInt64LittleEndian(number, -info.Length);
                hash.AppendData(number);
                BinaryPrimitives.WriteInt64LittleEndian(number, info.LastWriteTimeUtc.Ticks);
                hash.AppendData(number);
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            BinaryPrimitives.WriteInt64LittleEndian(number, bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
            sources.Add(new PolicySource(path, Decode(bytes)));
        }

        var digest = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        return tooLarge
            ? new RulesContent(digest, null, PolicyLoader.LoadFiles(files, limits))
            : new RulesContent(digest, sources, null);
    }

    /// <summary>Decodes the way <see cref="File.ReadAllText(string, Encoding)"/> with UTF-8 does (byte order marks honoured).</summary>
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static bool IsIoProblem(Exception ex) => ex is IOException or UnauthorizedAccessException;
}
