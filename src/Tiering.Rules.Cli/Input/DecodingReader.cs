using System.Buffers;
using System.Text;

namespace Tiering.Rules.Cli.Input;

/// <summary>
/// Reads text from a byte stream in one encoding, strictly: a byte order mark is read and skipped (see
/// <see cref="InputEncoding"/>), and a byte sequence that does not decode stops the reader with an
/// <see cref="InputException"/> naming the line and byte offset, after every character before it has been read.
/// Nothing is ever replaced by U+FFFD.
/// </summary>
internal sealed class DecodingReader : TextReader
{
    private const int ByteBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Encoding _encoding;
    private readonly Decoder _decoder;
    private readonly byte[] _bytes = ArrayPool<byte>.Shared.Rent(ByteBufferSize);
    private readonly char[] _chars;
    private int _charPos;
    private int _charLength;
    private long _streamOffset;
    private long _newlines;
    private bool _eof;
    private InputException? _pending;

    private DecodingReader(Stream stream, Encoding encoding, string name, long offset, bool leaveOpen)
    {
        _stream = stream;
        _encoding = encoding;
        EncodingName = name;
        _decoder = encoding.GetDecoder();
        _streamOffset = offset;
        _leaveOpen = leaveOpen;
        _chars = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(ByteBufferSize));
    }

    /// <summary>The encoding the input is read in, for messages (UTF-8, GB18030…).</summary>
    public string EncodingName { get; }

    /// <summary>
    /// Opens a reader: reads the first bytes to find a byte order mark and decides the encoding from it and
    /// <paramref name="encodingName"/> (null when <c>--encoding</c> was not given).
    /// </summary>
    /// <exception cref="InputException">A byte order mark contradicts <paramref name="encodingName"/>.</exception>
    public static DecodingReader Open(Stream stream, string? encodingName, bool leaveOpen = false)
    {
        Span<byte> head = stackalloc byte[4];
        var read = 0;
        while (read < head.Length && stream.Read(head[read..]) is var n and > 0)
        {
            read += n;
        }

        var (encoding, name, bom) = InputEncoding.Resolve(encodingName, head[..read]);
        var reader = new DecodingReader(stream, encoding, name, bom, leaveOpen);
        reader.Decode(head[bom..read], flush: false);
        return reader;
    }

    /// <summary>The stream under the reader (for progress: its position and length, when it can seek).</summary>
    public Stream BaseStream => _stream;

    /// <inheritdoc/>
    public override int Peek() => _charPos < _charLength || Fill() ? _chars[_charPos] : -1;

    /// <inheritdoc/>
    public override int Read() => _charPos < _charLength || Fill() ? _chars[_charPos++] : -1;

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_charPos == _charLength && !Fill()))
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _charLength - _charPos);
        _chars.AsSpan(_charPos, n).CopyTo(buffer);
        _charPos += n;
        return n;
    }

    /// <inheritdoc/>
    public override string? ReadLine()
    {
        if (_charPos == _charLength && !Fill())
        {
            return null;
        }

        StringBuilder? builder = null;
        while (true)
        {
            var available = _chars.AsSpan(_charPos, _charLength - _charPos);
            var end = available.IndexOfAny('\n', '\r');
            if (end >= 0)
            {
                var line = builder is null ? new string(available[..end]) : builder.Append(available[..end]).ToString();
                var ending = available[end];
                _charPos += end + 1;
                if (ending == '\r' && Peek() == '\n')
                {
                    _charPos++;
                }

                return line;
            }

            (builder ??= new StringBuilder()).Append(available);
            _charPos = _charLength;
            if (!Fill())
            {
                return builder.ToString();
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }

            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<char>.Shared.Return(_chars);
        }

        base.Dispose(disposing);
    }

    /// <summary>Decodes the next block; false at the end of the input. Throws the pending decoding error once its prefix is read.</summary>
    private bool Fill()
    {
        while (true)
        {
            if (_pending is not null)
            {
                throw _pending;
            }

            if (_eof)
            {
                return false;
            }

            var n = _stream.Read(_bytes, 0, ByteBufferSize);
            if (n == 0)
            {
                _eof = true;
            }

            Decode(_bytes.AsSpan(0, n), flush: n == 0);
            if (_charLength > 0)
            {
                return true;
            }
        }
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        _charPos = 0;
        try
        {
            _charLength = _decoder.GetChars(bytes, _chars, flush);
        }
        catch (DecoderFallbackException ex)
        {
            // The characters before the bad sequence are still good: decode them again with a fresh decoder, hand them
            // out, and throw when they have been read. (A sequence begun in the previous block gives a negative index.)
            var good = Math.Clamp(ex.Index, 0, bytes.Length);
            var prefix = _encoding.GetDecoder();
            prefix.Fallback = DecoderFallback.ReplacementFallback;
            _charLength = prefix.GetChars(bytes[..good], _chars, flush: false);
            var line = _newlines + _chars.AsSpan(0, _charLength).Count('\n') + 1;
            var offset = _streamOffset + ex.Index;
            var unknown = ex.BytesUnknown is { Length: > 0 } b ? " (" + Convert.ToHexString(b).ToLowerInvariant() + ")" : string.Empty;
            var hint = EncodingName == "UTF-8" ? "; if the file is a GBK or GB18030 export, give --encoding gb18030" : string.Empty;
            _pending = new InputException($"line {line}, byte offset {offset}: the input is not valid {EncodingName}: a byte sequence{unknown} does not decode{hint}");
        }

        _newlines += _chars.AsSpan(0, _charLength).Count('\n');
        _streamOffset += bytes.Length;
    }
}
