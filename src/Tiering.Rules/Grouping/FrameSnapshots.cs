using System.Runtime.InteropServices;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Grouping;

/// <summary>
/// What pass two of a member-deciding run needs of each member's bound frame, kept as one fixed-size record a member (and
/// a row of references beside it, for its texts and what the run adds): the value of every
/// field that is not an aggregate (input fields, the chained decisions written into it, derived values) and which are
/// missing, taken once the fact is bound, its chained decisions are written and its prelude has run. Pass two puts
/// them back into a frame, writes the group's aggregates and runs the rules, so a member is bound and its chained
/// policies decided once, and the run need not hold the fact itself. For a loan of <c>loan-risk-portfolio</c>: a
/// decimal, a text reference, a flag, a grade index and a word of missing bits — a 40-byte record and two references with
/// the run's tag and the chained decision its member condition read. A member's record is one or two cache lines, so a
/// run that reaches the members in group order rather than input order reads two lines a member, not one per kind of
/// value. Not thread-safe (one run owns it).
/// </summary>
internal sealed class FrameSnapshots
{
    private readonly FieldDefinition[] _numbers;
    private readonly FieldDefinition[] _booleans;
    private readonly FieldDefinition[] _texts;
    private readonly FieldDefinition[] _ordinals;
    private readonly int _missingWords;

    /// <summary>Byte offsets in a record: numbers first (16 bytes each), then ordinals, missing words, the tag, flags; its size in words (records are words, so a book of a hundred million members fits).</summary>
    private readonly int _ordinalsAt;
    private readonly int _missingAt;
    private readonly int _tagAt;
    private readonly int _booleansAt;
    private readonly int _stride;
    private readonly int _refStride;

    /// <summary>By field index: where the field's value is in a record (a byte offset) or, for a text, in a snapshot's references.</summary>
    private readonly int[] _placeOf;
    private ulong[] _records = [];
    private object?[] _refs = [];
    private int _capacity;

    /// <summary>Snapshots of frames of <paramref name="layout"/>, each with <paramref name="extraRefs"/> references the run keeps beside it.</summary>
    public FrameSnapshots(FrameLayout layout, int extraRefs = 0)
    {
        var numbers = new List<FieldDefinition>();
        var booleans = new List<FieldDefinition>();
        var texts = new List<FieldDefinition>();
        var ordinals = new List<FieldDefinition>();
        foreach (var field in layout.Fields)
        {
            if (field.IsAggregate)
            {
                continue; // written by pass two
            }

            (FrameLayout.StorageOf(field.Type) switch
            {
                StorageKind.Number => numbers,
                StorageKind.Boolean => booleans,
                StorageKind.Text => texts,
                _ => ordinals,
            }).Add(field);
        }

        _numbers = [.. numbers];
        _booleans = [.. booleans];
        _texts = [.. texts];
        _ordinals = [.. ordinals];
        _missingWords = (layout.Fields.Length == 0 ? 0 : layout.Fields.Max(f => f.Index) + 64) / 64;
        _ordinalsAt = _numbers.Length * 16;
        _missingAt = (_ordinalsAt + (_ordinals.Length * sizeof(int)) + 7) & ~7;
        _tagAt = _missingAt + (_missingWords * sizeof(ulong));
        _booleansAt = _tagAt + sizeof(ulong);
        _stride = (_booleansAt + _booleans.Length + 7) / 8; // in words
        _refStride = _texts.Length + extraRefs;
        _placeOf = new int[layout.Fields.Length == 0 ? 0 : layout.Fields.Max(f => f.Index) + 1];
        for (var i = 0; i < _numbers.Length; i++)
        {
            _placeOf[_numbers[i].Index] = i * 16;
        }

        for (var i = 0; i < _ordinals.Length; i++)
        {
            _placeOf[_ordinals[i].Index] = _ordinalsAt + (i * sizeof(int));
        }

        for (var i = 0; i < _booleans.Length; i++)
        {
            _placeOf[_booleans[i].Index] = _booleansAt + i;
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            _placeOf[_texts[i].Index] = i;
        }
    }

    /// <summary>Snapshots kept.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes one snapshot holds (its record and its references; text values are references to the fact's strings).</summary>
    public int BytesPerSnapshot => (_stride * sizeof(ulong)) + (_refStride * IntPtr.Size);

    /// <summary>Keeps what <paramref name="frame"/> holds, with a word of the run's own (<paramref name="tag"/>); returns the snapshot's index.</summary>
    public int Save(Frame frame, ulong tag = 0)
    {
        var at = Count;
        if (at == _capacity)
        {
            Grow();
        }

        var layout = frame.Layout;
        var record = MemoryMarshal.AsBytes(_records.AsSpan(at * _stride, _stride));
        for (var i = 0; i < _numbers.Length; i++)
        {
            MemoryMarshal.Write(record[(i * 16)..], in frame.Numbers[layout.SlotOf(_numbers[i])]);
        }

        for (var i = 0; i < _ordinals.Length; i++)
        {
            MemoryMarshal.Write(record[(_ordinalsAt + (i * sizeof(int)))..], in frame.Ordinals[layout.SlotOf(_ordinals[i])]);
        }

        var missing = MemoryMarshal.Cast<byte, ulong>(record.Slice(_missingAt, _missingWords * sizeof(ulong)));
        missing.Clear();
        foreach (var field in layout.Fields)
        {
            if (frame.IsMissing(field.Index))
            {
                missing[field.Index >> 6] |= 1UL << (field.Index & 63);
            }
        }

        MemoryMarshal.Write(record[_tagAt..], in tag);
        for (var i = 0; i < _booleans.Length; i++)
        {
            record[_booleansAt + i] = frame.Booleans[layout.SlotOf(_booleans[i])] ? (byte)1 : (byte)0;
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            _refs[(at * _refStride) + i] = frame.Texts[layout.SlotOf(_texts[i])];
        }

        Count++;
        return at;
    }

    /// <summary>The word the run kept with snapshot <paramref name="at"/>.</summary>
    public ulong Tag(int at) => _records[(at * _stride) + (_tagAt / sizeof(ulong))];

    /// <summary>
    /// Reads snapshot <paramref name="at"/>'s first and last words and its first reference, so that a run about to reach
    /// several snapshots at random has their lines on the way at once rather than one after the other; the result means
    /// nothing (it is there so the reads are not dropped).
    /// </summary>
    public ulong Touch(int at)
    {
        var first = at * _stride;
        var touched = _records[first] ^ _records[first + _stride - 1];
        return _refStride == 0 || _refs[at * _refStride] is null ? touched : touched + 1;
    }

    /// <summary>
    /// The value of <paramref name="field"/> (not an aggregate) in snapshot <paramref name="at"/>, as
    /// <see cref="Frame.Read"/> reads it from a frame the snapshot was put back into, without putting it back.
    /// </summary>
    public RuntimeValue Read(int at, FieldDefinition field)
    {
        var place = _placeOf[field.Index];
        ReadOnlySpan<byte> record = MemoryMarshal.AsBytes(_records.AsSpan(at * _stride, _stride));
        return FrameLayout.StorageOf(field.Type) switch
        {
            StorageKind.Number => RuntimeValue.FromNumber(MemoryMarshal.Read<decimal>(record[place..])),
            StorageKind.Boolean => RuntimeValue.FromBoolean(record[place] != 0),
            StorageKind.Text => RuntimeValue.FromText((string?)_refs[(at * _refStride) + place] ?? string.Empty),
            _ => RuntimeValue.FromOrdinal(MemoryMarshal.Read<int>(record[place..])),
        };
    }

    /// <summary>The number slot of <paramref name="field"/> (a number, integer or date; not an aggregate) in snapshot <paramref name="at"/>, as <see cref="Frame.NumberOf"/> reads it.</summary>
    public decimal NumberOf(int at, FieldDefinition field) =>
        MemoryMarshal.Read<decimal>(MemoryMarshal.AsBytes(_records.AsSpan(at * _stride, _stride))[_placeOf[field.Index]..]);

    /// <summary>The run's reference <paramref name="index"/> kept with snapshot <paramref name="at"/>.</summary>
    public object? Extra(int at, int index) => _refs[(at * _refStride) + _texts.Length + index];

    /// <summary>Keeps a reference of the run's with snapshot <paramref name="at"/>.</summary>
    public void SetExtra(int at, int index, object? value) => _refs[(at * _refStride) + _texts.Length + index] = value;

    /// <summary>Puts snapshot <paramref name="at"/> back into a reset frame of the same layout.</summary>
    public void Restore(int at, Frame frame)
    {
        var layout = frame.Layout;
        ReadOnlySpan<byte> record = MemoryMarshal.AsBytes(_records.AsSpan(at * _stride, _stride));
        for (var i = 0; i < _numbers.Length; i++)
        {
            frame.WriteNumber(_numbers[i], MemoryMarshal.Read<decimal>(record[(i * 16)..]));
        }

        for (var i = 0; i < _booleans.Length; i++)
        {
            frame.Booleans[layout.SlotOf(_booleans[i])] = record[_booleansAt + i] != 0;
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            frame.Texts[layout.SlotOf(_texts[i])] = (string?)_refs[(at * _refStride) + i];
        }

        for (var i = 0; i < _ordinals.Length; i++)
        {
            frame.Ordinals[layout.SlotOf(_ordinals[i])] = MemoryMarshal.Read<int>(record[(_ordinalsAt + (i * sizeof(int)))..]);
        }

        var missing = MemoryMarshal.Cast<byte, ulong>(record.Slice(_missingAt, _missingWords * sizeof(ulong)));
        for (var w = 0; w < missing.Length; w++)
        {
            for (var bits = missing[w]; bits != 0; bits &= bits - 1)
            {
                frame.MarkMissing((w * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
        }
    }

    /// <summary>Forgets every snapshot (their members are decided); the arrays are kept for the next ones.</summary>
    public void Clear()
    {
        Array.Clear(_refs, 0, Count * _refStride);
        Count = 0;
    }

    /// <summary>Makes room for <paramref name="count"/> snapshots at once (the input's size, when known), so the arrays are not copied as they grow.</summary>
    public void EnsureCapacity(int count)
    {
        if (count > _capacity)
        {
            Resize(count);
        }
    }

    private void Grow() => Resize(Math.Max(64, _capacity * 2));

    private void Resize(int capacity)
    {
        _capacity = capacity;
        Array.Resize(ref _records, _capacity * _stride);
        Array.Resize(ref _refs, _capacity * _refStride);
    }
}
