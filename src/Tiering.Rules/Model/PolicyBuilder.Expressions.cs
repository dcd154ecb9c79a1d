// Parsing and binding `when`, `points` and `appliesWhen` expressions, the binding scope, and their error positions.
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Expressions;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Model;

internal sealed partial class PolicyBuilder
{
    private BoundExpr? BindExpression(SyntaxNode node, string what, bool asCondition)
    {
        if (_read.AsScalar(node, what) is not { } scalar)
        {
            return null;
        }

        var expr = ExpressionParser.Parse(scalar.Value, _limits.MaxExpressionLength, _limits.MaxExpressionDepth, out var parseError);
        if (expr is null)
        {
            ReportExpressionError(scalar, parseError!);
            return null;
        }

        var binder = new Binder(this);
        _currentScalar = scalar;
        var bound = asCondition ? binder.BindCondition(expr) : binder.BindNumber(expr);
        _currentScalar = null;
        foreach (var error in binder.Errors)
        {
            if (error.Code != Binder.Suppressed)
            {
                ReportExpressionError(scalar, error);
            }
        }

        return binder.Errors.Count == 0 ? bound : null;
    }

    private void ReportExpressionError(ScalarSyntax scalar, ExpressionError error)
    {
        var position = ExpressionPosition(scalar, error.Offset);
        _read.Diagnostics.Add(new Diagnostic(error.Code, DiagnosticSeverity.Error, error.Message, new SourceSpan(_path, position, position.Shift(error.Length))));
    }

    /// <summary>Maps an offset inside a scalar's value to a file position (exact for single-line scalars).</summary>
    private static SourcePosition ExpressionPosition(ScalarSyntax scalar, int offset)
    {
        return scalar.PositionOf(offset);
    }

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

    bool IBindingScope.IsBroken(string name) => _brokenFields.Contains(name);

    FieldDefinition? IBindingScope.LookupField(string name) =>
        _fields.TryGetValue(name, out var field) ? field : DecisionRef(name);

    FieldDefinition? IBindingScope.ResolveDecision(string policyId, int offset, out string? error)
    {
        var name = $"decision('{policyId}').grade";
        if (DecisionRef(name) is { } existing)
        {
            error = null;
            return existing;
        }

        if (policyId == _policyId)
        {
            error = $"policy '{policyId}' cannot read its own decision";
            return null;
        }

        if (!_headers.TryGetValue(policyId, out var versions) || versions.Count == 0)
        {
            error = $"unknown policy '{policyId}' in decision(){Suggestions.DidYouMean(policyId, _headers.Keys)}";
            return null;
        }

        var grades = versions[0].Grades;
        if (versions.Any(v => !v.Grades.SequenceEqual(grades)))
        {
            error = $"the versions of policy '{policyId}' declare different grades, so decision('{policyId}').grade has no single type";
            return null;
        }

        var domain = new EnumDomain($"the grades of policy '{policyId}'", grades, Ordered: true);
        var position = _currentScalar is null ? new SourcePosition(1, 1) : ExpressionPosition(_currentScalar, offset);
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
}
