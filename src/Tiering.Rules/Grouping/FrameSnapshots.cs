using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Grouping;

/// <summary>
/// What pass two of a member-deciding run needs of each member's bound frame, kept in struct arrays: the value of every
/// field that is not an aggregate (input fields, the chained decisions written into it, derived values) and which are
/// missing, taken once the fact is bound, its chained decisions are written and its prelude has run. Pass two puts
/// them back into a frame, writes the group's aggregates and runs the rules, so a member is bound and its chained
/// policies decided once, and the run need not hold the fact itself. For a loan of <c>loan-risk-portfolio</c>: a
/// decimal, a text reference, a flag, a grade index and a word of missing bits. Not thread-safe (one run owns it).
/// </summary>
internal sealed class FrameSnapshots
{
    private readonly FieldDefinition[] _numbers;
    private readonly FieldDefinition[] _booleans;
    private readonly FieldDefinition[] _texts;
    private readonly FieldDefinition[] _ordinals;
    private readonly int _missingWords;
    private decimal[] _numberValues = [];
    private bool[] _booleanValues = [];
    private string?[] _textValues = [];
    private int[] _ordinalValues = [];
    private ulong[] _missing = [];
    private int _capacity;

    public FrameSnapshots(FrameLayout layout)
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
    }

    /// <summary>Snapshots kept.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes one snapshot holds (the arrays' share; text values are references to the fact's strings).</summary>
    public int BytesPerSnapshot =>
        (_numbers.Length * sizeof(decimal)) + _booleans.Length + (_texts.Length * IntPtr.Size) + (_ordinals.Length * sizeof(int)) + (_missingWords * sizeof(ulong));

    /// <summary>Keeps what <paramref name="frame"/> holds; returns the snapshot's index.</summary>
    public int Save(Frame frame)
    {
        var at = Count;
        if (at == _capacity)
        {
            Grow();
        }

        var layout = frame.Layout;
        for (var i = 0; i < _numbers.Length; i++)
        {
            _numberValues[(at * _numbers.Length) + i] = frame.Numbers[layout.SlotOf(_numbers[i])];
        }

        for (var i = 0; i < _booleans.Length; i++)
        {
            _booleanValues[(at * _booleans.Length) + i] = frame.Booleans[layout.SlotOf(_booleans[i])];
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            _textValues[(at * _texts.Length) + i] = frame.Texts[layout.SlotOf(_texts[i])];
        }

        for (var i = 0; i < _ordinals.Length; i++)
        {
            _ordinalValues[(at * _ordinals.Length) + i] = frame.Ordinals[layout.SlotOf(_ordinals[i])];
        }

        var missing = _missing.AsSpan(at * _missingWords, _missingWords);
        missing.Clear();
        foreach (var field in layout.Fields)
        {
            if (frame.IsMissing(field.Index))
            {
                missing[field.Index >> 6] |= 1UL << (field.Index & 63);
            }
        }

        Count++;
        return at;
    }

    /// <summary>Puts snapshot <paramref name="at"/> back into a reset frame of the same layout.</summary>
    public void Restore(int at, Frame frame)
    {
        var layout = frame.Layout;
        for (var i = 0; i < _numbers.Length; i++)
        {
            frame.WriteNumber(_numbers[i], _numberValues[(at * _numbers.Length) + i]);
        }

        for (var i = 0; i < _booleans.Length; i++)
        {
            frame.Booleans[layout.SlotOf(_booleans[i])] = _booleanValues[(at * _booleans.Length) + i];
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            frame.Texts[layout.SlotOf(_texts[i])] = _textValues[(at * _texts.Length) + i];
        }

        for (var i = 0; i < _ordinals.Length; i++)
        {
            frame.Ordinals[layout.SlotOf(_ordinals[i])] = _ordinalValues[(at * _ordinals.Length) + i];
        }

        for (var w = 0; w < _missingWords; w++)
        {
            for (var bits = _missing[(at * _missingWords) + w]; bits != 0; bits &= bits - 1)
            {
                frame.MarkMissing((w * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
        }
    }

    /// <summary>Forgets every snapshot (their members are decided); the arrays are kept for the next ones.</summary>
    public void Clear()
    {
        Array.Clear(_textValues, 0, Count * _texts.Length);
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
        Array.Resize(ref _numberValues, _capacity * _numbers.Length);
        Array.Resize(ref _booleanValues, _capacity * _booleans.Length);
        Array.Resize(ref _textValues, _capacity * _texts.Length);
        Array.Resize(ref _ordinalValues, _capacity * _ordinals.Length);
        Array.Resize(ref _missing, _capacity * _missingWords);
    }
}
