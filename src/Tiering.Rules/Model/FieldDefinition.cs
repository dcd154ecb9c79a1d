using Tiering.Rules.Text;

namespace Tiering.Rules.Model;

/// <summary>The values an enum field (or a grade reference) can take, in declared order.</summary>
internal sealed record EnumDomain(string Name, string[] Values, bool Ordered)
{
    public int IndexOf(string value) => Array.IndexOf(Values, value); // string equality is ordinal

    public bool SameValuesAs(EnumDomain other) => Values.SequenceEqual(other.Values, StringComparer.Ordinal);
}

/// <summary>
/// A declared fact field, or a pseudo-field that carries another policy's grade (<see cref="DependsOnPolicy"/>).
/// <see cref="Index"/> numbers the fields of a policy (declared fields first, then decision pseudo-fields); where a
/// value lives at run time is the runtime's frame layout, not the model's business.
/// </summary>
internal sealed record FieldDefinition(
    string Name,
    FieldType Type,
    EnumDomain? Domain,
    decimal? Min,
    decimal? Max,
    bool Optional,
    RuntimeValue? WhenMissing,
    string? Unit,
    SourceSpan Span)
{
    public int Index { get; init; }

    /// <summary>For a <c>decision('id').grade</c> pseudo-field: the policy whose grade it carries.</summary>
    public string? DependsOnPolicy { get; init; }

    public bool IsDecisionRef => DependsOnPolicy is not null;

    /// <summary>
    /// For a decision pseudo-field other than the grade: <c>score</c>, <c>status</c>, <c>outputs</c> or <c>fired</c>;
    /// null for the grade (and for every other field).
    /// </summary>
    public string? DecisionMember { get; init; }

    /// <summary>The output's name (<c>outputs</c>) or the rule id (<c>fired</c>) the member reads.</summary>
    public string? MemberKey { get; init; }

    /// <summary>For a derived value (<c>let:</c>): the expression it is computed from, once per fact before the rules.</summary>
    public BoundExpr? Derived { get; init; }

    /// <summary>True for the <c>asOf</c> pseudo-field: the as-of date the decision is made for.</summary>
    public bool IsAsOf { get; init; }

    /// <summary>True for a value the fact does not carry: a derived value, the as-of date, another policy's decision.</summary>
    public bool IsPseudo => Derived is not null || IsAsOf || IsDecisionRef || IsAggregate;
    /// <summary>For a <c>group.&lt;name&gt;</c> pseudo-field: true (its value is the group's aggregate, written before the rules run).</summary>
    public bool IsAggregate { get; init; }

    public string TypeName => Type switch
    {
        _ when DecisionMember is not null => $"{Type.ToString().ToLowerInvariant()} ({Name})",
        FieldType.Enum when IsDecisionRef => $"the grade of policy '{DependsOnPolicy}'",
        _ when Derived is not null => $"derived {Type.ToString().ToLowerInvariant()}",
        FieldType.Enum => $"enum ({string.Join(", ", Domain!.Values)})",
        _ => Type.ToString().ToLowerInvariant(),
    };
}

/// <summary>A typed value (a literal, a default, a fact's value): the member that matters depends on the field's type.</summary>
internal readonly record struct RuntimeValue(decimal Number, bool Boolean, string? Text, int Ordinal)
{
    public static RuntimeValue FromNumber(decimal value) => new(value, false, null, 0);

    public static RuntimeValue FromBoolean(bool value) => new(0, value, null, 0);

    public static RuntimeValue FromText(string value) => new(0, false, value, 0);

    public static RuntimeValue FromOrdinal(int value) => new(0, false, null, value);

    public static RuntimeValue FromDate(DateOnly value) => new(value.DayNumber, false, null, 0);

    /// <summary>The value as a CLR object for evidence and output: decimal, bool, string or DateOnly.</summary>
    public object? ToObject(FieldDefinition field) => field.Type switch
    {
        FieldType.Decimal => Number,
        FieldType.Integer => Number,
        FieldType.Date => DateOnly.FromDayNumber((int)Number),
        FieldType.DateTime => ValueFunctions.DecodeDateTime(Number),
        FieldType.Boolean => Boolean,
        FieldType.String => Text,
        _ => Ordinal >= 0 && Ordinal < field.Domain!.Values.Length ? field.Domain.Values[Ordinal] : null,
    };
}
