namespace Tiering.Rules.Cli.Output;

/// <summary>
/// Where a batch run writes its JSON lines: standard output, or a file written under a temporary name in the same
/// directory and renamed to its own name only by <see cref="Commit"/>, so a run that fails or is interrupted never
/// leaves a half-written file under the name asked for (a previous file of that name stays as it was).
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private readonly string? _path;
    private readonly string? _temporary;
    private readonly TextWriter? _stdoutWriter;
    private bool _committed;

    private OutputTarget(Stream? stream, TextWriter? writer, string? path, string? temporary)
    {
        Stream = stream;
        Writer = writer;
        _path = path;
        _temporary = temporary;
        _stdoutWriter = path is null ? writer : null;
    }

    /// <summary>The byte stream to write UTF-8 to, when there is one (a file, or standard output through a <see cref="StreamWriter"/>).</summary>
    public Stream? Stream { get; }

    /// <summary>The text writer to write to when there is no <see cref="Stream"/> (standard output as a plain writer, in tests).</summary>
    public TextWriter? Writer { get; }

    /// <summary>Opens standard output (<paramref name="path"/> null) or a temporary file beside <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The directory cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be written.</exception>
    public static OutputTarget Open(string? path, TextWriter stdout)
    {
        if (path is null)
        {
            if (stdout is StreamWriter { BaseStream: var stream } writer)
            {
                writer.Flush();
                return new OutputTarget(stream, null, null, null);
            }

            return new OutputTarget(null, stdout, null, null);
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            throw new IOException($"'{path}' is a directory");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return new OutputTarget(file, null, full, temporary);
    }

    /// <summary>Flushes, and for a file renames the temporary file to the name asked for (replacing a file of that name).</summary>
    public void Commit()
    {
        Flush();
        if (_temporary is not null)
        {
            Stream!.Dispose();
            File.Move(_temporary, _path!, overwrite: true);
        }

        _committed = true;
    }

    /// <summary>Flushes what was written (standard output keeps the complete lines written so far).</summary>
    public void Flush()
    {
        Stream?.Flush();
        Writer?.Flush();
        _stdoutWriter?.Flush();
    }

    /// <summary>Without <see cref="Commit"/>: the temporary file is deleted and nothing is left under the name asked for.</summary>
    public void Dispose()
    {
        if (_temporary is not null)
        {
            Stream!.Dispose();
            if (!_committed)
            {
                File.Delete(_temporary);
            }
        }
        else
        {
            Flush();
        }
    }
}
