using Tiering.Rules.Model;

namespace Tiering.Rules.Runtime;

/// <summary>
/// Where each field of one policy version lives in a <see cref="Frame"/>: its storage kind and its slot in the array of
/// that kind, and how many slots of each kind a frame needs. The policy model numbers fields (<see cref="FieldDefinition.Index"/>);
/// the layout is the runtime's business, made once per compiled policy and shared by its binders, kernels and frames.
/// </summary>
internal sealed class FrameLayout
{
    /// <summary>Per field index: its slot in the array of its storage kind.</summary>
    private readonly int[] _slots;

    public FrameLayout(PolicyDefinition policy)
    {
        Fields = policy.AllFields;
        _slots = new int[Fields.Length];
        var counters = new int[4];
        foreach (var field in Fields)
        {
            _slots[field.Index] = counters[(int)StorageOf(field.Type)]++;
            HasWholes |= field.Type == FieldType.Integer;
        }

        Numbers = counters[(int)StorageKind.Number];
        Booleans = counters[(int)StorageKind.Boolean];
        Texts = counters[(int)StorageKind.Text];
        Ordinals = counters[(int)StorageKind.Ordinal];
        Rules = policy.Rules.Length;
        IsScorecard = policy.HitPolicy == HitPolicy.Scorecard;
    }

    /// <summary>Declared fields followed by decision pseudo-fields, in index order.</summary>
    public FieldDefinition[] Fields { get; }

    public int Numbers { get; }

    public int Booleans { get; }

    public int Texts { get; }

    public int Ordinals { get; }

    /// <summary>Rules, band rows, score items and vetoes: the bits of the fired set.</summary>
    public int Rules { get; }

    /// <summary>Whether frames keep a score and per-item points.</summary>
    public bool IsScorecard { get; }

    /// <summary>Whether any field is an integer (frames then keep a long twin of the number slots).</summary>
    public bool HasWholes { get; }

    /// <summary>The field's slot in the array of its storage kind.</summary>
    public int SlotOf(FieldDefinition field) => _slots[field.Index];

    /// <summary>The frame array that holds a field of this type.</summary>
    public static StorageKind StorageOf(FieldType type) => type switch
    {
        FieldType.Decimal or FieldType.Integer or FieldType.Date or FieldType.DateTime => StorageKind.Number,
        FieldType.Boolean => StorageKind.Boolean,
        FieldType.String => StorageKind.Text,
        _ => StorageKind.Ordinal,
    };
}
