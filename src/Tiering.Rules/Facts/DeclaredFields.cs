using Tiering.Rules.Model;

namespace Tiering.Rules.Facts;

/// <summary>
/// A policy's declared fields as the binders walk them: in an array (no enumerator per fact), with which are nested
/// (dotted names, walked step by step), and, made on the first JSON fact, the tables that match a JSON object's members
/// in one pass (<see cref="JsonNames"/>).
/// </summary>
internal sealed class DeclaredFields
{
    private readonly bool[] _nested;
    private JsonNames? _json;

    public DeclaredFields(FieldDefinition[] fields)
    {
        Fields = fields; // the model's array, never written after the build
        _nested = new bool[Fields.Length];
        for (var i = 0; i < Fields.Length; i++)
        {
            _nested[i] = Fields[i].Name.Contains('.', StringComparison.Ordinal);
        }
    }

    /// <summary>The declared fields, in declaration order.</summary>
    public FieldDefinition[] Fields { get; }

    /// <summary>The names in UTF-8 and the fields by name length, for JSON facts (made once, on first use).</summary>
    public JsonNames Json => _json ?? Interlocked.CompareExchange(ref _json, new JsonNames(Fields, _nested), null) ?? _json;

    /// <summary>Whether field <paramref name="index"/> has a dotted name.</summary>
    public bool IsNested(int index) => _nested[index];
}
