// `let:` (derived values), `require:` (cross-field checks) and the `asOf` date: what runs between binding and the rules.
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    /// <summary>The keys of a <c>require:</c> check, in a class of their own: initialised only for a policy with checks.</summary>
    private static class RequireWords
    {
        public static readonly string[] Keys = ["that", "message", "fields", "description"];
    }

    /// <summary>Derived values read so far, in order (each also findable by name).</summary>
    private readonly ScratchList<FieldDefinition> _derived = new();

    /// <summary>The <c>asOf</c> pseudo-field, made at its first use.</summary>
    private FieldDefinition? _asOf;

    /// <summary>
    /// Reads <c>let: { name: expression, … }</c>: each a typed value computed once per fact before the rules, from the
    /// fields and the values above it. Only called when the key is present.
    /// </summary>
    private void ReadLets(SyntaxNode node)
    {
        if (_read.AsMapping(node, "let") is not { } map)
        {
            return;
        }

        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (!Identifiers.IsFieldName(name) || Lexer.IsKeyword(name) || name.Contains('.', StringComparison.Ordinal))
            {
                _read.Report(DiagnosticDescriptors.InvalidId, entry.Key.Span, name, "derived value", "use letters, digits and '_', starting with a letter, and not a keyword");
                _brokenFields.Add(name);
                continue;
            }

            if (LookupField(name) is not null || _brokenFields.Contains(name) || name == "asOf")
            {
                _read.Report(DiagnosticDescriptors.NameTaken, entry.Key.Span, name);
                continue;
            }

            var bound = _read.AsScalar(entry.Value, $"let '{name}'") is { } scalar ? BindExpression(scalar, ExpressionRole.Value, skip: 0) : null;
            if (bound is null)
            {
                _brokenFields.Add(name);
                continue;
            }

            var type = bound.Type.Kind switch
            {
                ValueKind.Number => bound.Type.IsInteger ? FieldType.Integer : FieldType.Decimal,
                ValueKind.Boolean => FieldType.Boolean,
                ValueKind.Text => FieldType.String,
                ValueKind.Date => FieldType.Date,
                ValueKind.DateTime => FieldType.DateTime,
                _ => FieldType.Enum,
            };

            // Missing when an optional input is (a rule that needs it is then invalid, naming that input).
            var optional = false;
            foreach (var input in BoundExprWalker.FieldsRead(bound))
            {
                optional |= input.Optional && input.WhenMissing is null;
            }

            _derived.Add(new FieldDefinition(name, type, bound.Type.Domain, null, null, optional, null, null, entry.Key.Span)
            {
                Index = NextIndex(),
                Derived = bound,
            });
        }
    }

    /// <summary>A derived value read so far, by name.</summary>
    private FieldDefinition? DerivedField(string name)
    {
        foreach (var field in _derived)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The <c>asOf</c> pseudo-field: a date every decision supplies (or lacks: a rule that reads it is then invalid).</summary>
    private FieldDefinition AsOfField(SourceSpan usage) =>
        _asOf ??= new FieldDefinition("asOf", FieldType.Date, null, null, null, Optional: true, WhenMissing: null, Unit: null, usage)
        {
            Index = NextIndex(),
            IsAsOf = true,
        };

    /// <summary>
    /// Reads <c>require: [{ that: condition, message: "…", fields: [a, b] }]</c>: checks on a valid fact that make it
    /// invalid with the author's message against the named fields (by default the declared fields the condition
    /// reads, directly or through derived values). Only called when the key is present.
    /// </summary>
    private Requirement[] ReadRequirements(SyntaxNode node)
    {
        var result = new List<Requirement>();
        if (_read.AsSequence(node, "require") is not { } list)
        {
            return [];
        }

        foreach (var item in list.Items)
        {
            if (_read.AsMapping(item, "a requirement") is not { } map)
            {
                continue;
            }

            _read.CheckKeys(map, "a requirement", RequireWords.Keys);
            var thatNode = _read.Required(map, "that", "a requirement");
            var condition = thatNode is null ? null : BindExpression(thatNode, "that of a requirement", asCondition: true);
            var message = _read.String(_read.Required(map, "message", "a requirement"), "message");
            var fields = map.Find("fields") is { } fieldsNode ? ReadRequirementFields(fieldsNode.Value) : condition is null ? [] : DeclaredInputs(condition);
            if (condition is not null && message is not null && fields is { } named)
            {
                result.Add(new Requirement(condition, message, named, ScalarText(thatNode) ?? string.Empty, map.Span));
            }
        }

        return [.. result];
    }

    private FieldDefinition[]? ReadRequirementFields(SyntaxNode node)
    {
        if (_read.AsSequence(node, "fields of a requirement") is not { } list)
        {
            return null;
        }

        var fields = new ScratchList<FieldDefinition>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (_read.String(item, "a field name") is not { } name)
            {
                ok = false;
                continue;
            }

            if (_fields.TryGetValue(name, out var field))
            {
                fields.Add(field);
            }
            else if (!_brokenFields.Contains(name))
            {
                _read.Report(DiagnosticDescriptors.UnknownField, item.Span, name, Suggestions.DidYouMean(name, _fields.Keys));
                ok = false;
            }
        }

        return ok ? fields.ToArray() : null;
    }

    /// <summary>The declared fields an expression reads, directly or through derived values, in declared order.</summary>
    private static FieldDefinition[] DeclaredInputs(BoundExpr expr)
    {
        var found = new SortedDictionary<int, FieldDefinition>();
        Visit(expr);
        return [.. found.Values];

        void Visit(BoundExpr e)
        {
            foreach (var field in BoundExprWalker.FieldsRead(e))
            {
                if (field.Derived is { } inner)
                {
                    Visit(inner);
                }
                else if (!field.IsPseudo)
                {
                    found[field.Index] = field;
                }
            }
        }
    }
}
