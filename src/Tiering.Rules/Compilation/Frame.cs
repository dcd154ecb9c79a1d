using System.Numerics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Compilation;

/// <summary>
/// The per-decision scratch state: typed slots for the fact's values, which fields are missing, and the fired
/// rules as a bit set. Used by one decision at a time on one thread: a decision copies out what it keeps (fired
/// bits, score, errors), so its policy hands the frame to the thread's next decision (<see cref="Reset"/>) instead
/// of allocating a new one; a trace keeps its frame.
/// </summary>
internal sealed class Frame
{
    /// <summary>The compiled policy this frame is shaped for.</summary>
    public readonly object Owner;

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

    public Frame(object owner, FrameShape shape)
    {
        Owner = owner;
        Numbers = shape.Numbers == 0 ? [] : new decimal[shape.Numbers];
        Wholes = shape.HasWholes ? new long[shape.Numbers] : [];
        Booleans = shape.Booleans == 0 ? [] : new bool[shape.Booleans];
        Texts = shape.Texts == 0 ? [] : new string?[shape.Texts];
        Ordinals = shape.Ordinals == 0 ? [] : new int[shape.Ordinals];
        _fieldCount = shape.Fields;
        FiredMore = shape.Rules > 64 ? new ulong[(shape.Rules - 1) / 64] : null;
        ItemPoints = shape.IsScorecard ? new decimal[shape.Rules] : null;
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

    /// <summary>The fired rules as a bit set: one word inline, more words for policies with over 64 rules.</summary>
    public readonly struct FiredSet(ulong first, ulong[]? more) : IEnumerable<int>
    {
        public Enumerator GetEnumerator() => new(first, more);

        public bool Contains(int index) =>
            index < 64 ? (first & (1UL << index)) != 0 : more is not null && (more[(index - 64) >> 6] & (1UL << (index & 63))) != 0;

        public int Count
        {
            get
            {
                var count = BitOperations.PopCount(first);
                if (more is not null)
                {
                    foreach (var word in more)
                    {
                        count += BitOperations.PopCount(word);
                    }
                }

                return count;
            }
        }

        IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(ulong first, ulong[]? more) : IEnumerator<int>
        {
            private ulong _word = first;
            private int _wordIndex = -1; // -1: the inline word; 0..: FiredMore
            private int _current;

            public readonly int Current => _current;

            readonly object System.Collections.IEnumerator.Current => _current;

            public bool MoveNext()
            {
                while (_word == 0)
                {
                    if (more is null || _wordIndex + 1 >= more.Length)
                    {
                        return false;
                    }

                    _word = more[++_wordIndex];
                }

                _current = (_wordIndex < 0 ? 0 : 64 + (_wordIndex * 64)) + BitOperations.TrailingZeroCount(_word);
                _word &= _word - 1;
                return true;
            }

            public void Reset() => throw new NotSupportedException();

            public readonly void Dispose()
            {
            }
        }
    }

    public RuntimeValue Read(FieldDefinition field) => field.Storage switch
    {
        StorageKind.Number => RuntimeValue.FromNumber(Numbers[field.Slot]),
        StorageKind.Boolean => RuntimeValue.FromBoolean(Booleans[field.Slot]),
        StorageKind.Text => RuntimeValue.FromText(Texts[field.Slot] ?? string.Empty),
        _ => RuntimeValue.FromOrdinal(Ordinals[field.Slot]),
    };

    public void Write(FieldDefinition field, RuntimeValue value)
    {
        switch (field.Storage)
        {
            case StorageKind.Number: WriteNumber(field, value.Number); break;
            case StorageKind.Boolean: Booleans[field.Slot] = value.Boolean; break;
            case StorageKind.Text: Texts[field.Slot] = value.Text; break;
            default: Ordinals[field.Slot] = value.Ordinal; break;
        }
    }

    /// <summary>Writes a number slot, and for an integer field its whole-number twin.</summary>
    public void WriteNumber(FieldDefinition field, decimal value)
    {
        Numbers[field.Slot] = value;
        if (field.Type == FieldType.Integer)
        {
            Wholes[field.Slot] = ToWhole(value);
        }
    }

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

/// <summary>How many slots of each kind a policy's frames need.</summary>
internal readonly record struct FrameShape(int Numbers, int Booleans, int Texts, int Ordinals, int Fields, int Rules, bool IsScorecard, bool HasWholes)
{
    public static FrameShape Of(PolicyDefinition policy) => new(
        policy.SlotCount(StorageKind.Number),
        policy.SlotCount(StorageKind.Boolean),
        policy.SlotCount(StorageKind.Text),
        policy.SlotCount(StorageKind.Ordinal),
        policy.AllFields.Length,
        policy.Rules.Length,
        policy.HitPolicy == HitPolicy.Scorecard,
        AnyWholeNumberField(policy));

    private static bool AnyWholeNumberField(PolicyDefinition policy)
    {
        foreach (var field in policy.AllFields)
        {
            if (field.Type == FieldType.Integer)
            {
                return true;
            }
        }

        return false;
    }
}
