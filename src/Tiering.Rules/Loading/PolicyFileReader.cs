using System.Text;

namespace Tiering.Rules.Loading;

/// <summary>Reads a policy file's text the one way every load (and the reloading store, through the public API) reads it.</summary>
internal static class PolicyFileReader
{
    /// <summary>The largest buffer a thread keeps for the next file (policy files are a few kilobytes).</summary>
    private const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>
    /// The file's text, or null when it is longer than <paramref name="maxBytes"/> (its length then in
    /// <paramref name="length"/>). One open, one size query and one read: the lightest way through the file system for
    /// a process's first load. UTF-8 with or without a byte order mark; other byte order marks (UTF-16, UTF-32) are
    /// honoured as <see cref="File.ReadAllText(string, Encoding)"/> would.
    /// </summary>
    public static string? Read(string path, long maxBytes, out long length)
    {
        using var handle = File.OpenHandle(path);
        length = RandomAccess.GetLength(handle);
        if (length > maxBytes)
        {
            return null;
        }

        // The thread's own buffer rather than the shared pool: a reload reads every file again and the bytes die as soon
        // as they are decoded, while the pool's first use costs a process's first load some 25 type loads (its
        // partitions, a weak table, its event source). A file larger than the kept size gets an array of its own.
        var bytes = t_buffer is { } kept && kept.Length >= length ? kept : new byte[length];
        if (length <= KeptBufferBytes)
        {
            t_buffer = bytes;
        }

        var read = 0;
        while (read < length && RandomAccess.Read(handle, bytes.AsSpan(read, (int)length - read), read) is var n and > 0)
        {
            read += n;
        }

        return Decode(bytes, read);
    }

    private static string Decode(byte[] bytes, int read)
    {
        var content = bytes.AsSpan(0, read);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(content[3..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return DecodeByByteOrderMark(bytes, read);
        }

        return Encoding.UTF8.GetString(content);
    }

    /// <summary>UTF-16 and UTF-32 by their byte order marks (apart: a method's types are loaded when it is first called).</summary>
    private static string DecodeByByteOrderMark(byte[] bytes, int read)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, 0, read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
