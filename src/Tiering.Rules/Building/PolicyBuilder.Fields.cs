// `fields:`: each field's type, enum values, min/max, optional and whenMissing.
using System.Collections.Immutable;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    private static readonly string[] FieldKeys = ["type", "values", "min", "max", "optional", "whenMissing", "unit", "description"];
    private static readonly string[] FieldTypes = ["decimal", "integer", "boolean", "string", "enum", "date", "datetime"];

    private void ReadFields(MappingSyntax policy)
    {
        var node = _read.Required(policy, "fields", "a policy");
        if (node is null || _read.AsMapping(node, "fields") is not { } map)
        {
            return;
        }

        if (map.Entries.Length > _limits.MaxFields)
        {
            _read.Report(DiagnosticDescriptors.TooManyFields, map.Span, map.Entries.Length, _limits.MaxFields);
            return;
        }

        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (TooLong(name, entry.Key.Span, "field name"))
            {
                _brokenFields.Add(name);
                continue;
            }

            if (!Identifiers.IsFieldName(name) || Lexer.IsKeyword(name))
            {
                _read.Report(DiagnosticDescriptors.InvalidId, entry.Key.Span, name, "field", "use letters, digits and '_', starting with a letter (dots separate nested names), and not a keyword");
                continue;
            }

            if (ReadField(name, entry) is { } field)
            {
                _fields[name] = field;
            }
            else
            {
                _brokenFields.Add(name);
            }
        }
    }

    /// <summary>The declared fields in the order read (the dictionary's order is not promised).</summary>
    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    private FieldDefinition[] DeclaredFields()
    {
        var byIndex = new FieldDefinition[_fields.Count];
        foreach (var field in _fields.Values)
        {
            byIndex[field.Index] = field;
        }

        return byIndex;
    }

    private FieldDefinition? ReadField(string name, MappingEntry entry)
    {
        var where = $"field '{name}'";
        if (_read.AsMapping(entry.Value, where) is not { } map)
        {
            return null;
        }

        _read.CheckKeys(map, where, FieldKeys);
        var typeNode = _read.Required(map, "type", where);
        var typeText = _read.String(typeNode, $"the type of {where}");
        if (typeText is null)
        {
            return null;
        }

        var typeIndex = Array.IndexOf(FieldTypes, typeText);
        if (typeIndex < 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidValue, typeNode!.Span, typeText, $"type for {where}", string.Join(", ", FieldTypes) + Suggestions.DidYouMean(typeText, FieldTypes));
            return null;
        }

        // What only some fields have is read by methods called only for them (a first load compiles what it uses).
        var type = (FieldType)typeIndex;
        EnumDomain? domain = null;
        var valuesNode = map.Find("values");
        if (type == FieldType.Enum)
        {
            domain = ReadEnumDomain(map, name, where);
            if (domain is null)
            {
                return null;
            }
        }
        else if (valuesNode is not null)
        {
            _read.Report(DiagnosticDescriptors.KeyOnlyForTypes, valuesNode.Key.Span, "values", "enum", where, typeText);
        }

        var min = map.Find("min") is { } minNode ? ReadBound(minNode, type, typeText, where) : null;
        var max = map.Find("max") is { } maxNode ? ReadBound(maxNode, type, typeText, where) : null;
        if (min is { } lo && max is { } hi && lo > hi)
        {
            _read.Report(DiagnosticDescriptors.MinAboveMax, map.Span, where, lo, hi);
        }

        var optional = _read.Boolean(map.Find("optional")?.Value, $"optional of {where}") ?? false;
        var whenMissing = map.Find("whenMissing") is { } wm ? ReadWhenMissing(wm, optional, type, domain, min, max, where) : null;
        var unit = _read.String(map.Find("unit")?.Value, $"unit of {where}");
        return new FieldDefinition(name, type, domain, min, max, optional, whenMissing, unit, entry.Key.Span) { Index = NextIndex() };
    }

    private EnumDomain? ReadEnumDomain(MappingSyntax map, string name, string where)
    {
        var valuesSeq = _read.Required(map, "values", where) is { } v ? _read.AsSequence(v, $"the values of {where}") : null;
        if (valuesSeq is null)
        {
            return null;
        }

        var values = new ScratchList<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal); // not values.Contains: a list of thousands would cost a load its square
        foreach (var item in valuesSeq.Items)
        {
            if (_read.String(item, $"a value of {where}") is { } value)
            {
                if (TooLong(value, item.Span, "enum value"))
                {
                    continue;
                }

                if (!seen.Add(value))
                {
                    _read.Report(DiagnosticDescriptors.EnumValueTwice, item.Span, value, where);
                }

                // Interned: a host that passes the value as a literal (or any interned string) is then matched by
                // reference, before any character is compared.
                values.Add(string.Intern(value));
            }
        }

        if (values.Count == 0)
        {
            _read.Report(DiagnosticDescriptors.EnumWithoutValues, valuesSeq.Span, where);
        }

        return new EnumDomain($"field '{name}'", values.ToArray(), Ordered: false);
    }

    /// <summary>A field's <c>min</c> or <c>max</c>.</summary>
    private decimal? ReadBound(MappingEntry bound, FieldType type, string typeText, string where)
    {
        var key = bound.Key.Value;
        if (type is not (FieldType.Decimal or FieldType.Integer))
        {
            _read.Report(DiagnosticDescriptors.KeyOnlyForTypes, bound.Key.Span, key, "decimal and integer", where, typeText);
            return null;
        }

        return _read.Number(bound.Value, $"{key} of {where}");
    }

    private RuntimeValue? ReadWhenMissing(MappingEntry whenMissing, bool optional, FieldType type, EnumDomain? domain, decimal? min, decimal? max, string where)
    {
        if (!optional)
        {
            _read.Report(DiagnosticDescriptors.WhenMissingNeedsOptional, whenMissing.Key.Span, where);
            return null;
        }

        return ReadLiteral(whenMissing.Value, type, domain, min, max, $"whenMissing of {where}");
    }

    private RuntimeValue? ReadLiteral(SyntaxNode node, FieldType type, EnumDomain? domain, decimal? min, decimal? max, string what)
    {
        if (_read.AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        switch (type)
        {
            case FieldType.Decimal:
            case FieldType.Integer:
                if (_read.Number(scalar, what) is not { } number)
                {
                    return null;
                }

                if ((min is { } lo && number < lo) || (max is { } hi && number > hi) || (type == FieldType.Integer && number != decimal.Truncate(number)))
                {
                    _read.Report(DiagnosticDescriptors.OutsideFieldDomain, scalar.Span, what, number);
                    return null;
                }

                return RuntimeValue.FromNumber(number);
            case FieldType.Boolean:
                return _read.Boolean(scalar, what) is { } b ? RuntimeValue.FromBoolean(b) : null;
            case FieldType.Date:
                return _read.Date(scalar, what) is { } d ? RuntimeValue.FromDate(d) : null;
            case FieldType.DateTime:
                if (ValueFunctions.ParseDateTime(scalar.Value) is { } instant)
                {
                    return RuntimeValue.FromNumber(ValueFunctions.EncodeDateTime(instant));
                }

                _read.Report(DiagnosticDescriptors.InvalidValue, scalar.Span, scalar.Value, what, ValueFunctions.DateTimeExpected);
                return null;
            case FieldType.String:
                return RuntimeValue.FromText(scalar.Value);
            default:
                var index = domain!.IndexOf(scalar.Value);
                if (index < 0)
                {
                    _read.Report(DiagnosticDescriptors.InvalidValue, scalar.Span, scalar.Value, what, string.Join(", ", domain.Values));
                    return null;
                }

                return RuntimeValue.FromOrdinal(index);
        }
    }
}
