using Tiering.Rules.Model;

namespace Tiering.Rules.Runtime;

/// <summary>
/// The per-decision scratch state: typed slots for the fact's values, which fields are missing, and the fired
/// rules as a bit set. Used by one decision at a time on one thread: a decision copies out what it keeps (fired
/// bits, score, errors), so its policy hands the frame to the thread's next decision (<see cref="Reset"/>) instead
/// of allocating a new one; a trace keeps its frame.
/// </summary>
internal sealed class Frame
{
    /// <summary>The compiled policy this frame is shaped for (a <see cref="FramePool"/> gives a frame back only to it).</summary>
    public readonly object Owner;

    /// <summary>Where each field's value lives.</summary>
    public readonly FrameLayout Layout;

    public readonly decimal[] Numbers;

    /// <summary>
    /// For integer fields, the value again as a long at the same slot as in <see cref="Numbers"/> (clamped to the long
    /// range), so that comparisons with whole constants are integer comparisons. Empty when the policy has none.
    /// </summary>
    public readonly long[] Wholes;
    public readonly bool[] Booleans;
    public readonly string?[] Texts;
    public readonly int[] Ordinals;

    /// <summary>Which fields are missing, by field index; allocated only when one is (most facts are complete).</summary>
    private bool[]? _missing;
    private readonly int _fieldCount;

    /// <summary>Index of an optional field that a rule read while it was missing, or -1.</summary>
    public int MissingRead = -1;

    /// <summary>Fired rules 0..63.</summary>
    public ulong Fired0;

    /// <summary>Fired rules 64 and up, 64 per word; null when the policy has at most 64 rules.</summary>
    public readonly ulong[]? FiredMore;

    /// <summary>The running total of a scorecard.</summary>
    public decimal Score;

    /// <summary>For scorecards: the points each fired score item added, by rule index.</summary>
    public readonly decimal[]? ItemPoints;

    /// <summary>Field errors found while binding the fact; null while there are none.</summary>
    public List<FieldError>? Errors;

    public Frame(object owner, FrameLayout layout)
    {
        Owner = owner;
        Layout = layout;
        Numbers = layout.Numbers == 0 ? [] : new decimal[layout.Numbers];
        Wholes = layout.HasWholes ? new long[layout.Numbers] : [];
        Booleans = layout.Booleans == 0 ? [] : new bool[layout.Booleans];
        Texts = layout.Texts == 0 ? [] : new string?[layout.Texts];
        Ordinals = layout.Ordinals == 0 ? [] : new int[layout.Ordinals];
        _fieldCount = layout.Fields.Length;
        FiredMore = layout.Rules > 64 ? new ulong[(layout.Rules - 1) / 64] : null;
        ItemPoints = layout.IsScorecard ? new decimal[layout.Rules] : null;
    }

    /// <summary>Makes the frame ready for the next fact: nothing fired, nothing missing, no errors, score zero.</summary>
    /// <remarks>Slots keep the last fact's values: binding writes every present field and marks every absent one.</remarks>
    public void Reset()
    {
        Fired0 = 0;
        if (FiredMore is not null)
        {
            Array.Clear(FiredMore);
        }

        if (_missing is not null)
        {
            Array.Clear(_missing);
        }

        MissingRead = -1;
        Score = 0;
        if (ItemPoints is not null)
        {
            Array.Clear(ItemPoints);
        }

        Errors = null; // the decision that took the list keeps it
    }

    /// <summary>A copy of the words for rules 64 and up (a decision keeps it), or null when there are none.</summary>
    public ulong[]? CopyFiredMore() => FiredMore is null ? null : (ulong[])FiredMore.Clone();

    public bool IsMissing(int field) => _missing is { } missing && missing[field];

    public void MarkMissing(int field) => (_missing ??= new bool[_fieldCount])[field] = true;

    public void AddError(string field, string message, FieldErrorKind kind) =>
        (Errors ??= []).Add(new FieldError(field, message, kind));

    public void SetFired(int index)
    {
        if (index < 64)
        {
            Fired0 |= 1UL << index;
        }
        else
        {
            FiredMore![(index - 64) >> 6] |= 1UL << (index & 63);
        }
    }

    public bool IsFired(int index) => FiredIndices().Contains(index);

    public int FiredCount => FiredIndices().Count;

    /// <summary>Indices of fired rules in ascending (file) order; a struct, so <c>foreach</c> allocates nothing.</summary>
    public FiredSet FiredIndices() => new(Fired0, FiredMore);

    public RuntimeValue Read(FieldDefinition field)
    {
        var slot = Layout.SlotOf(field);
        return FrameLayout.StorageOf(field.Type) switch
        {
            StorageKind.Number => RuntimeValue.FromNumber(Numbers[slot]),
            StorageKind.Boolean => RuntimeValue.FromBoolean(Booleans[slot]),
            StorageKind.Text => RuntimeValue.FromText(Texts[slot] ?? string.Empty),
            _ => RuntimeValue.FromOrdinal(Ordinals[slot]),
        };
    }

    public void Write(FieldDefinition field, RuntimeValue value)
    {
        switch (FrameLayout.StorageOf(field.Type))
        {
            case StorageKind.Number: WriteNumber(field, value.Number); break;
            case StorageKind.Boolean: Booleans[Layout.SlotOf(field)] = value.Boolean; break;
            case StorageKind.Text: Texts[Layout.SlotOf(field)] = value.Text; break;
            default: Ordinals[Layout.SlotOf(field)] = value.Ordinal; break;
        }
    }

    /// <summary>The number slot of a field (numbers, integers, dates as day numbers).</summary>
    public decimal NumberOf(FieldDefinition field) => Numbers[Layout.SlotOf(field)];

    /// <summary>Writes a number slot, and for an integer field its whole-number twin.</summary>
    public void WriteNumber(FieldDefinition field, decimal value)
    {
        var slot = Layout.SlotOf(field);
        Numbers[slot] = value;
        if (field.Type == FieldType.Integer)
        {
            Wholes[slot] = ToWhole(value);
        }
    }

    /// <summary>Writes a flag slot.</summary>
    public void WriteBoolean(FieldDefinition field, bool value) => Booleans[Layout.SlotOf(field)] = value;

    /// <summary>Writes an ordinal slot (an enum value's or a grade's index).</summary>
    public void WriteOrdinal(FieldDefinition field, int value) => Ordinals[Layout.SlotOf(field)] = value;

    /// <summary>
    /// A whole decimal as a long, clamped to the long range: compared with a constant strictly inside the range, a
    /// clamped value gives the same answer as the value itself.
    /// </summary>
    public static long ToWhole(decimal value) =>
        value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)value;

    public static long MissingWhole(Frame frame, int field)
    {
        frame.MissingRead = frame.MissingRead < 0 ? field : frame.MissingRead;
        return 0;
    }

    // Called from compiled code when a rule reads an optional field that is missing: remember it, return a dummy.
    public static decimal MissingNumber(Frame frame, int field)
    {
        frame.MissingRead = frame.MissingRead < 0 ? field : frame.MissingRead;
        return 0;
    }

    public static bool MissingBoolean(Frame frame, int field)
    {
        frame.MissingRead = frame.MissingRead < 0 ? field : frame.MissingRead;
        return false;
    }

    public static string MissingText(Frame frame, int field)
    {
        frame.MissingRead = frame.MissingRead < 0 ? field : frame.MissingRead;
        return string.Empty;
    }

    public static int MissingOrdinal(Frame frame, int field)
    {
        frame.MissingRead = frame.MissingRead < 0 ? field : frame.MissingRead;
        return -1;
    }
}
