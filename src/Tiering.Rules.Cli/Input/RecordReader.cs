namespace Tiering.Rules.Cli.Input;

/// <summary>
/// Reads the records of a batch input (CSV or JSON lines) for a set of fields, strictly and without losing any:
/// every record of the input comes out once, in order, either as a fact or with the errors that make it unreadable
/// (a bad row is one record naming its line, and reading goes on). Mistakes no record can recover from (a duplicate
/// or mismatched header, bytes that do not decode, a byte order mark that contradicts <c>--encoding</c>) throw an
/// <see cref="InputException"/>, from <see cref="Open"/> or from <see cref="Read"/>. Not thread-safe.
/// </summary>
internal abstract class RecordReader : IDisposable
{
    private protected RecordReader(DecodingReader text, RecordReaderOptions options)
    {
        Text = text;
        Options = options;
    }

    /// <summary>The records read so far (each one <see cref="Read"/> returned).</summary>
    public long RecordsRead { get; private protected set; }

    /// <summary>The encoding the input is read in, for messages.</summary>
    public string EncodingName => Text.EncodingName;

    /// <summary>The stream read, for progress: its position and length when it can seek.</summary>
    public Stream BaseStream => Text.BaseStream;

    private protected DecodingReader Text { get; }

    private protected RecordReaderOptions Options { get; }

    /// <summary>
    /// Opens <paramref name="stream"/> as <paramref name="format"/>, or, when that is null, as the extension of
    /// <paramref name="path"/> says (.csv; .jsonl, .ndjson, .json) or else as its first character does (<c>{</c>: JSON lines).
    /// A CSV header is read and checked here.
    /// </summary>
    /// <exception cref="InputException">The header, the encoding or the byte order mark is wrong.</exception>
    public static RecordReader Open(Stream stream, RecordFormat? format, string? path, RecordReaderOptions options, bool leaveOpen = false)
    {
        var text = DecodingReader.Open(stream, options.Encoding, leaveOpen);
        try
        {
            format ??= Path.GetExtension(path ?? string.Empty).ToLowerInvariant() switch
            {
                ".csv" => RecordFormat.Csv,
                ".jsonl" or ".ndjson" or ".json" => RecordFormat.JsonLines,
                _ => text.Peek() == '{' ? RecordFormat.JsonLines : RecordFormat.Csv,
            };
            return format == RecordFormat.Csv ? new CsvRecordReader(text, options) : new JsonLinesRecordReader(text, options);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>The next record, or null at the end of the input.</summary>
    /// <exception cref="InputException">The input stops decoding.</exception>
    public abstract InputRecord? Read();

    /// <summary>Every remaining record.</summary>
    public IEnumerable<InputRecord> ReadAll()
    {
        while (Read() is { } record)
        {
            yield return record;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Text.Dispose();
}
