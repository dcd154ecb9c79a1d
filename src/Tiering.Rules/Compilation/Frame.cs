using System.Numerics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Compilation;

/// <summary>
/// The per-decision scratch state: typed slots for the fact's values, which fields are missing, and the fired
/// rules as a bit set. Created for one decision and never shared while it is being filled; afterwards the
/// <see cref="Decision"/> keeps it read-only as the source of its evidence.
/// </summary>
internal sealed class Frame
{
    public readonly decimal[] Numbers;
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

    public Frame(FrameShape shape)
    {
        Numbers = shape.Numbers == 0 ? [] : new decimal[shape.Numbers];
        Booleans = shape.Booleans == 0 ? [] : new bool[shape.Booleans];
        Texts = shape.Texts == 0 ? [] : new string?[shape.Texts];
        Ordinals = shape.Ordinals == 0 ? [] : new int[shape.Ordinals];
        _fieldCount = shape.Fields;
        FiredMore = shape.Rules > 64 ? new ulong[(shape.Rules - 1) / 64] : null;
        ItemPoints = shape.IsScorecard ? new decimal[shape.Rules] : null;
    }

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

    public bool IsFired(int index) =>
        index < 64 ? (Fired0 & (1UL << index)) != 0 : (FiredMore![(index - 64) >> 6] & (1UL << (index & 63))) != 0;

    public int FiredCount
    {
        get
        {
            var count = BitOperations.PopCount(Fired0);
            if (FiredMore is not null)
            {
                foreach (var word in FiredMore)
                {
                    count += BitOperations.PopCount(word);
                }
            }

            return count;
        }
    }

    /// <summary>Indices of fired rules in ascending (file) order; a struct, so <c>foreach</c> allocates nothing.</summary>
    public FiredSet FiredIndices() => new(Fired0, FiredMore);

    /// <summary>The fired rules as a bit set: one word inline, more words for policies with over 64 rules.</summary>
    public readonly struct FiredSet(ulong first, ulong[]? more) : IEnumerable<int>
    {
        public Enumerator GetEnumerator() => new(first, more);

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
            case StorageKind.Number: Numbers[field.Slot] = value.Number; break;
            case StorageKind.Boolean: Booleans[field.Slot] = value.Boolean; break;
            case StorageKind.Text: Texts[field.Slot] = value.Text; break;
            default: Ordinals[field.Slot] = value.Ordinal; break;
        }
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
internal readonly record struct FrameShape(int Numbers, int Booleans, int Texts, int Ordinals, int Fields, int Rules, bool IsScorecard)
{
    public static FrameShape Of(PolicyDefinition policy) => new(
        policy.SlotCount(StorageKind.Number),
        policy.SlotCount(StorageKind.Boolean),
        policy.SlotCount(StorageKind.Text),
        policy.SlotCount(StorageKind.Ordinal),
        policy.AllFields.Length,
        policy.Rules.Length,
        policy.HitPolicy == HitPolicy.Scorecard);
}
