// Parsing and binding `when`, `points` and `appliesWhen` expressions, the binding scope, and their error positions.
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    private BoundExpr? BindExpression(SyntaxNode node, string what, bool asCondition)
    {
        if (_read.AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        return BindExpression(scalar, asCondition ? ExpressionRole.Condition : ExpressionRole.Number, skip: 0);
    }

    /// <summary>
    /// Parses and binds the scalar's text from <paramref name="skip"/> on (the characters skipped, a formula's <c>=</c>,
    /// read as blanks so that every error keeps its column).
    /// </summary>
    private BoundExpr? BindExpression(ScalarSyntax scalar, ExpressionRole role, int skip)
    {
        var text = skip == 0 ? scalar.Value : new string(' ', skip) + scalar.Value[skip..];
        var expr = ExpressionParser.Parse(text, _limits.MaxExpressionLength, _limits.MaxExpressionDepth, out var parseError);
        if (expr is null)
        {
            ReportExpressionError(scalar, parseError!);
            return null;
        }

        var binder = new Binder(new ExpressionScope(this, scalar));
        var bound = role switch
        {
            ExpressionRole.Condition => binder.BindCondition(expr),
            ExpressionRole.Number => binder.BindNumber(expr),
            _ => binder.BindValue(expr),
        };
        if (binder.Errors is { } errors)
        {
            ReportExpressionErrors(scalar, errors);
        }

        if (_groupFact is not null && !_bindingGroupDeciderWhere && !binder.Failed && bound is not null)
        {
            CheckGroupFactReads(bound, scalar, text);
        }

        return binder.Failed ? null : bound;
    }

    private void ReportExpressionErrors(ScalarSyntax scalar, IReadOnlyList<ExpressionError> errors)
    {
        foreach (var error in errors)
        {
            ReportExpressionError(scalar, error);
        }
    }

    private void ReportExpressionError(ScalarSyntax scalar, ExpressionError error)
    {
        var position = ExpressionPosition(scalar, error.Offset);
        _read.Report(error.Descriptor, new SourceSpan(_path, position, position.Shift(error.Length)), error.Arguments);
    }

    /// <summary>Maps an offset inside a scalar's value to a file position (exact for single-line scalars).</summary>
    private static SourcePosition ExpressionPosition(ScalarSyntax scalar, int offset)
    {
        return scalar.PositionOf(offset);
    }

    /// <summary>
    /// The <c>decision(…)</c> pseudo-field of that name read so far. Only a chained policy or a misspelt field name gets
    /// here (the shipped policies' names are all declared).
    /// </summary>
    private FieldDefinition? DecisionRef(string name)
    {
        foreach (var field in _decisionRefs)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>A declared field, or a <c>decision('id').grade</c> pseudo-field already read by an earlier expression.</summary>
    private FieldDefinition? LookupField(string name) =>
        _fields.TryGetValue(name, out var field) ? field
            : _derived.Count > 0 && DerivedField(name) is { } derived ? derived
            : _aggregates.Count > 0 && _aggregates.TryGetValue(name, out var aggregate) ? aggregate
            : DecisionRef(name);

    /// <summary>
    /// The pseudo-field that carries <paramref name="policyId"/>'s grade, made at its first use (whose position,
    /// <paramref name="offset"/> inside <paramref name="scalar"/>, it keeps); or null with the entry of the message
    /// table that says why and its arguments.
    /// </summary>
    private FieldDefinition? ResolveDecision(string policyId, ScalarSyntax scalar, int offset, out DiagnosticDescriptor? error, out object?[] errorArguments)
    {
        var name = $"decision('{policyId}').grade";
        errorArguments = [policyId];
        if (DecisionRef(name) is { } existing)
        {
            error = null;
            return existing;
        }

        if (policyId == _policyId)
        {
            error = DiagnosticDescriptors.OwnDecision;
            return null;
        }

        if (_bindingGroupDeciderWhere)
        {
            error = DiagnosticDescriptors.GroupDeciderWhereDecision;
            return null;
        }

        if (!_headers.TryGetValue(policyId, out var versions) || versions.Length == 0)
        {
            error = DiagnosticDescriptors.UnknownPolicy;
            errorArguments = [policyId, Suggestions.DidYouMean(policyId, _headers.Keys)];
            return null;
        }

        var grades = versions[0].Grades;
        if (versions.Any(v => !v.Grades.SequenceEqual(grades)))
        {
            error = DiagnosticDescriptors.GradeListMismatch;
            return null;
        }

        var domain = new EnumDomain($"the grades of policy '{policyId}'", grades, Ordered: true);
        var position = ExpressionPosition(scalar, offset);
        var usage = new SourceSpan(_path, position, position.Shift(8));
        var field = new FieldDefinition(name, FieldType.Enum, domain, null, null, Optional: true, WhenMissing: null, Unit: null, usage)
        {
            Index = NextIndex(),
            DependsOnPolicy = policyId,
        };
        _decisionRefs.Add(field);
        error = null;
        return field;
    }

    /// <summary>
    /// What one expression may see while it is bound: the policy's fields, and other policies' decisions, whose first
    /// use is positioned inside this expression's scalar.
    /// </summary>
    /// <summary>What an expression must be: a condition, a number (points) or a value of any type (outputs, derived values).</summary>
    private enum ExpressionRole
    {
        Condition,
        Number,
        Value,
    }

    private sealed class ExpressionScope(PolicyBuilder builder, ScalarSyntax scalar) : IBindingScope
    {
        public IEnumerable<string> FieldNames => builder._fields.Keys.Concat(builder._derived.ToArray().Select(d => d.Name)).Concat(builder._aggregates.Keys).Append("asOf");

        public bool IsBroken(string name) => builder._brokenFields.Contains(name);

        public FieldDefinition? LookupField(string name) =>
            builder.LookupField(name) ?? (name == "asOf" ? builder.AsOfField(new SourceSpan(builder._path, scalar.ContentStart, scalar.ContentStart.Shift(5))) : null);

        public FieldDefinition? ResolveDecision(string policyId, int offset, out DiagnosticDescriptor? error, out object?[] errorArguments) =>
            builder.ResolveDecision(policyId, scalar, offset, out error, out errorArguments);

        public FieldDefinition? ResolveDecisionMember(string policyId, string member, string? key, int offset, out DiagnosticDescriptor? error, out object?[] errorArguments) =>
            builder.ResolveDecisionMember(policyId, member, key, scalar, offset, out error, out errorArguments);
    }
}
