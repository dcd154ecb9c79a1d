using System.Globalization;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// How the analysis sees one field: as numbers on a line. Decimal and integer fields are themselves; dates are day
/// numbers; booleans are 0/1; enum values and grades are their index; text is the index of each literal the policy
/// compares it with, plus one more index standing for "any other text".
/// </summary>
internal sealed class FieldSpace
{
    private FieldSpace(FieldDefinition field, IntervalSet domain, IReadOnlyList<string>? texts)
    {
        Field = field;
        Domain = domain;
        Texts = texts;
    }

    public FieldDefinition Field { get; }

    public IntervalSet Domain { get; }

    /// <summary>For text fields: the literals compared with, by index.</summary>
    public IReadOnlyList<string>? Texts { get; }

    public bool IsInteger => Domain.Integer;

    public static FieldSpace For(FieldDefinition field, IEnumerable<string> textLiterals)
    {
        switch (field.Type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                var integer = field.Type == FieldType.Integer;
                return new FieldSpace(field, IntervalSet.Of(new Span1(field.Min, field.Min is not null, field.Max, field.Max is not null), integer), null);
            case FieldType.Date:
            case FieldType.DateTime:
                return new FieldSpace(field, IntervalSet.All(true), null);
            case FieldType.Boolean:
                return new FieldSpace(field, Range(0, 1), null);
            case FieldType.Enum:
                return new FieldSpace(field, Range(0, field.Domain!.Values.Length - 1), null);
            default:
                var texts = textLiterals.Distinct(StringComparer.Ordinal).ToList();
                return new FieldSpace(field, Range(0, texts.Count), texts);
        }
    }

    public static IntervalSet Range(decimal low, decimal high) => IntervalSet.Of(new Span1(low, true, high, true), true);

    public static IntervalSet Point(decimal value) => Range(value, value);

    /// <summary>The number a literal stands for in this field's space.</summary>
    public decimal Encode(RuntimeValue literal) => Field.Type switch
    {
        FieldType.Boolean => literal.Boolean ? 1 : 0,
        FieldType.Enum => literal.Ordinal,
        FieldType.String => Texts!.ToList().IndexOf(literal.Text!) is var i and >= 0 ? i : Texts!.Count,
        _ => literal.Number,
    };

    /// <summary>The fact value a number in this space stands for (the witness shown to authors).</summary>
    public object? Decode(decimal value) => Field.Type switch
    {
        FieldType.Boolean => value != 0,
        FieldType.Enum => Field.Domain!.Values[(int)value],
        FieldType.Date => DateOnly.FromDayNumber((int)value),
        FieldType.DateTime => ValueFunctions.FormatDateTime(ValueFunctions.DecodeDateTime(value)),
        FieldType.String => value < Texts!.Count ? Texts[(int)value] : OtherText(),
        FieldType.Integer => decimal.Truncate(value),
        _ => value,
    };

    public string Show(decimal value) => Decode(value) switch
    {
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        var other => other?.ToString() ?? "null",
    };

    private string OtherText()
    {
        var candidate = "other";
        for (var i = 1; Texts!.Contains(candidate); i++)
        {
            candidate = "other" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
