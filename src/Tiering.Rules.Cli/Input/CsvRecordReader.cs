using System.Globalization;

namespace Tiering.Rules.Cli.Input;

/// <summary>
/// RFC 4180 CSV with a header row, strictly: a quoted cell may hold commas, line breaks and doubled quotes; a quote
/// inside an unquoted cell, text after a closing quote, a row with more or fewer cells than the header and a quote
/// never closed each make that row one unreadable record naming its line (a quote never closed ends its row at the
/// line break after it, and reading goes on with the next line, so nothing after it is swallowed). Unquoted cells are
/// trimmed of spaces and tabs; quoted cells are kept as written. Empty lines are not records. A header with a
/// duplicate name or without a field the policy needs stops the run (<see cref="InputException"/>).
/// </summary>
internal sealed class CsvRecordReader : RecordReader
{
    /// <summary>A record longer than this (in characters) is refused, so a quote never closed cannot hold the rest of a large file in memory.</summary>
    internal const int MaxRecordChars = 1 << 20;

    private readonly List<string> _cells = [];
    private readonly string[] _header;
    private readonly PolicyFieldInfo?[] _fieldOf;
    private readonly int _idIndex;
    private readonly int[] _keep = [];
    private char[] _buffer = new char[64 * 1024];
    private int _length;
    private int _pos;
    private int _recordStart;
    private bool _eof;
    private long _line = 1;

    public CsvRecordReader(DecodingReader text, RecordReaderOptions options)
        : base(text, options)
    {
        if (!ParseRecord(out _, out var error))
        {
            _header = [];
            _fieldOf = [];
            _idIndex = -1;
            ColumnCheck.Header(_header, options);
            return;
        }

        if (error is not null)
        {
            throw new InputException($"the header is not valid CSV: {error}");
        }

        _header = [.. _cells];
        if (_header.Any(h => h.Contains('\0', StringComparison.Ordinal)))
        {
            throw new InputException($"line 1: the header holds NUL characters: the input looks like UTF-16 without a byte order mark; give --encoding utf-16");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _header.Length; i++)
        {
            if (_header[i].Length > 0 && !seen.TryAdd(_header[i], i))
            {
                throw new InputException($"line 1: column '{_header[i]}' appears twice in the header (columns {seen[_header[i]] + 1} and {i + 1}); rename or remove one");
            }
        }

        ColumnCheck.Header(_header, options);
        var fields = options.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _fieldOf = [.. _header.Select(h => fields.GetValueOrDefault(h))];
        _idIndex = options.IdField is { } id ? Array.IndexOf(_header, id) : -1;
        _keep = [.. Enumerable.Range(0, _header.Length).Where(i => _fieldOf[i] is null && options.KeepColumns.Contains(_header[i]))];
    }

    /// <inheritdoc/>
    public override InputRecord? Read()
    {
        if (!ParseRecord(out var line, out var error))
        {
            return null;
        }

        RecordsRead++;
        var id = _idIndex >= 0 && _idIndex < _cells.Count ? _cells[_idIndex] : null;
        if (error is null && _cells.Count != _header.Length)
        {
            error = _cells.Count > _header.Length
                ? $"line {line}: {_cells.Count} cells, but the header has {_header.Length} columns (a value with a comma, such as 1,000,000, must be quoted or written 1000000)"
                : $"line {line}: {_cells.Count} cell{(_cells.Count == 1 ? string.Empty : "s")}, but the header has {_header.Length} columns";
        }

        var fact = new Dictionary<string, object?>(_fieldOf.Length, StringComparer.Ordinal);
        if (error is not null)
        {
            return new InputRecord(line, fact, id, [new InputError(InputError.WholeRecord, error)]);
        }

        List<InputError>? errors = null;
        for (var i = 0; i < _header.Length; i++)
        {
            if (_fieldOf[i] is not { } field)
            {
                continue;
            }

            var value = CellTyping.Type(_cells[i], field, out var problem);
            if (problem is not null)
            {
                (errors ??= []).Add(new InputError(field.Name, $"line {line}: {problem}"));
            }

            fact[field.Name] = value;
        }

        foreach (var i in _keep)
        {
            fact[_header[i]] = _cells[i].Length == 0 ? null : _cells[i];
        }

        return new InputRecord(line, fact, id, errors is null ? [] : errors);
    }

    /// <summary>
    /// Parses the next record into <see cref="_cells"/>: false at the end of the input; <paramref name="error"/> says
    /// what makes the record unreadable, if anything.
    /// </summary>
    private bool ParseRecord(out long line, out string? error)
    {
        error = null;
        _cells.Clear();

        // Empty lines are not records.
        while (true)
        {
            _recordStart = _pos;
            if (!Available())
            {
                line = _line;
                return false;
            }

            if (!SkipLineBreak())
            {
                break;
            }
        }

        line = _line;
        while (true)
        {
            var cell = _cells.Count + 1;
            if (!Available())
            {
                _cells.Add(string.Empty);
                return true;
            }

            string value;
            if (_buffer[_pos] == '"')
            {
                var openLine = _line;
                var openAt = _pos - _recordStart;
                _pos++;
                var escaped = false;
                while (true)
                {
                    if (!Available())
                    {
                        error = $"line {openLine}: the quote that opens cell {cell} is never closed";
                        ResumeAfterLineBreak(openAt, openLine);
                        return true;
                    }

                    var rest = _buffer.AsSpan(_pos, _length - _pos);
                    var quote = rest.IndexOf('"');
                    var scanned = quote < 0 ? rest : rest[..quote];
                    _line += scanned.Count('\n');
                    _pos += scanned.Length;
                    if (_pos - _recordStart > MaxRecordChars)
                    {
                        error = $"line {openLine}: the quote that opens cell {cell} is not closed within {MaxRecordChars.ToString("N0", CultureInfo.InvariantCulture)} characters";
                        ResumeAfterLineBreak(openAt, openLine);
                        return true;
                    }

                    if (quote < 0)
                    {
                        continue;
                    }

                    _pos++;
                    if (Available() && _buffer[_pos] == '"')
                    {
                        _pos++;
                        escaped = true;
                        continue;
                    }

                    break;
                }

                var content = _buffer.AsSpan(_recordStart + openAt + 1, _pos - 1 - (_recordStart + openAt + 1));
                value = escaped ? content.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : content.ToString();
                if (Available() && _buffer[_pos] is not (',' or '\n' or '\r'))
                {
                    error ??= $"line {_line}: cell {cell} has text after its closing quote (a quote inside a cell is written twice: \"a \"\"b\"\" c\")";
                    if (!ScanUnquoted(cell, ref error))
                    {
                        return true;
                    }
                }
            }
            else
            {
                var start = _pos - _recordStart;
                if (!ScanUnquoted(cell, ref error))
                {
                    return true;
                }

                value = _buffer.AsSpan(_recordStart + start, _pos - _recordStart - start).Trim(" \t").ToString();
            }

            _cells.Add(value);
            if (!Available())
            {
                return true;
            }

            if (_buffer[_pos] == ',')
            {
                _pos++;
                continue;
            }

            SkipLineBreak();
            return true;
        }
    }

    /// <summary>
    /// Moves past the rest of an unquoted cell, to the comma or line break after it (or the end). A quote in it is an
    /// error of the record. False when the record grew too long (the error is set and reading resumed after it).
    /// </summary>
    private bool ScanUnquoted(int cell, ref string? error)
    {
        while (Available())
        {
            var rest = _buffer.AsSpan(_pos, _length - _pos);
            var stop = rest.IndexOfAny(",\n\r\"");
            _pos += stop < 0 ? rest.Length : stop;
            if (_pos - _recordStart > MaxRecordChars)
            {
                var line = _line;
                error = $"line {line}: the record is longer than {MaxRecordChars.ToString("N0", CultureInfo.InvariantCulture)} characters";
                ResumeAfterLineBreak(_pos - _recordStart, line);
                return false;
            }

            if (stop < 0)
            {
                continue;
            }

            if (_buffer[_pos] != '"')
            {
                return true;
            }

            error ??= $"line {_line}: cell {cell} has a quote but does not start with one (quote the whole cell and write a quote inside it twice: \"a \"\"b\"\" c\")";
            _pos++;
        }

        return true;
    }

    /// <summary>
    /// After a record that cannot be read to its end: reading resumes after the first line break at or after
    /// <paramref name="from"/> (relative to the record's start), on line <paramref name="line"/> + 1.
    /// </summary>
    private void ResumeAfterLineBreak(int from, long line)
    {
        _pos = _recordStart + from;
        while (Available())
        {
            var rest = _buffer.AsSpan(_pos, _length - _pos);
            var at = rest.IndexOfAny('\n', '\r');
            if (at >= 0)
            {
                _pos += at;
                SkipLineBreak();
                break;
            }

            // Nothing of this record is needed any more: drop what was read of it.
            _pos = _length;
            _recordStart = _pos;
        }

        _line = line + 1;
    }

    /// <summary>Moves past a line break (\n, \r\n or \r) at the position, counting the line; false when there is none.</summary>
    private bool SkipLineBreak()
    {
        var c = _buffer[_pos];
        if (c is not ('\n' or '\r'))
        {
            return false;
        }

        _pos++;
        if (c == '\r' && Available() && _buffer[_pos] == '\n')
        {
            _pos++;
        }

        _line++;
        return true;
    }

    /// <summary>Whether a character is at the position, reading more when needed (the current record stays in the buffer).</summary>
    private bool Available()
    {
        if (_pos < _length)
        {
            return true;
        }

        if (_eof)
        {
            return false;
        }

        if (_recordStart > 0)
        {
            Array.Copy(_buffer, _recordStart, _buffer, 0, _length - _recordStart);
            _length -= _recordStart;
            _pos -= _recordStart;
            _recordStart = 0;
        }

        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = Text.Read(_buffer, _length, _buffer.Length - _length);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _length += read;
        return true;
    }
}
