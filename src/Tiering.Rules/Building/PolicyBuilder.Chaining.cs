// Reading another policy's decision beyond its grade: decision('x').score, .status, .outputs.<name>, .fired('ID').
using System.Collections.Immutable;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

/// <summary>
/// The models of the other policies of a load, built on demand (a policy that reads another's outputs is typed by that
/// policy's declaration, so that policy is built first). Null when the policy is unknown, failed to build, or is being
/// built further up (a cycle, reported by the set checks).
/// </summary>
internal interface IPolicyModels
{
    IReadOnlyList<PolicyDefinition>? Versions(string policyId);
}

internal sealed partial class PolicyBuilder
{
    /// <summary>
    /// The status words, in <see cref="DecisionStatus"/> order: the domain of <c>decision('x').status</c>. In a class of
    /// its own, made only for a policy that reads another's status.
    /// </summary>
    private static class StatusWords
    {
        public static readonly EnumDomain Domain = new(
            "decision statuses",
            ["classified", "not_applicable", "unclassified", "invalid", "conflict"],
            Ordered: false);
    }

    /// <summary>The member pseudo-fields read so far.</summary>
    private readonly ScratchList<FieldDefinition> _decisionMembers = new();

    private FieldDefinition? ResolveDecisionMember(string policyId, string member, string? key, ScalarSyntax scalar, int offset, out DiagnosticDescriptor? error, out object?[] errorArguments)
    {
        // The grade's pseudo-field first: it checks the policy and is the one the engines decide the policy by.
        if (ResolveDecision(policyId, scalar, offset, out error, out errorArguments) is null)
        {
            return null;
        }

        var name = member switch
        {
            "outputs" => $"decision('{policyId}').outputs.{key}",
            "fired" => $"decision('{policyId}').fired('{key}')",
            _ => $"decision('{policyId}').{member}",
        };
        foreach (var existing in _decisionMembers)
        {
            if (existing.Name == name)
            {
                return existing;
            }
        }

        if (_models?.Versions(policyId) is not { } versions)
        {
            error = DiagnosticDescriptors.DecisionNotTyped;
            errorArguments = [policyId, member];
            return null;
        }

        var (type, domain) = MemberType(policyId, member, key, versions, out error, out errorArguments);
        if (error is not null)
        {
            return null;
        }

        var position = ExpressionPosition(scalar, offset);
        var field = new FieldDefinition(name, type, domain, null, null, Optional: true, WhenMissing: null, Unit: null, new SourceSpan(_path, position, position.Shift(8)))
        {
            Index = NextIndex(),
            DependsOnPolicy = policyId,
            DecisionMember = member,
            MemberKey = key,
        };
        _decisionMembers.Add(field);
        return field;
    }

    /// <summary>The type of a member, from every version of the policy it reads; an error when it has none or several.</summary>
    private static (FieldType Type, EnumDomain? Domain) MemberType(string policyId, string member, string? key, IReadOnlyList<PolicyDefinition> versions, out DiagnosticDescriptor? error, out object?[] errorArguments)
    {
        error = null;
        errorArguments = [];
        switch (member)
        {
            case "score":
                if (versions.Any(v => v.HitPolicy != HitPolicy.Scorecard))
                {
                    error = DiagnosticDescriptors.NoScore;
                    errorArguments = [policyId];
                }

                return (FieldType.Decimal, null);
            case "status":
                return (FieldType.Enum, StatusWords.Domain);
            case "fired":
                var ruleIds = versions.SelectMany(v => v.Rules).Select(r => r.Id).Distinct().ToList();
                if (!ruleIds.Contains(key!))
                {
                    error = DiagnosticDescriptors.UnknownDecisionRule;
                    errorArguments = [policyId, key, Suggestions.DidYouMean(key!, ruleIds)];
                }

                return (FieldType.Boolean, null);
            default:
                return OutputType(policyId, key!, versions, out error, out errorArguments);
        }
    }

    /// <summary>An output's type: text where it is written plainly, its formula's type where computed; one type or an error.</summary>
    private static (FieldType Type, EnumDomain? Domain) OutputType(string policyId, string key, IReadOnlyList<PolicyDefinition> versions, out DiagnosticDescriptor? error, out object?[] errorArguments)
    {
        error = null;
        errorArguments = [];
        var types = new List<ExprType>();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            foreach (var (plain, computed) in version.Grades.Select(g => (g.Outputs, g.Computed)).Concat(version.Rules.Select(r => (r.Outputs, r.Computed))))
            {
                names.UnionWith(plain.Keys);
                names.UnionWith(computed.Select(c => c.Name));
                if (plain.ContainsKey(key))
                {
                    types.Add(ExprType.Text);
                }

                types.AddRange(computed.Where(c => c.Name == key).Select(c => c.Expr.Type with { IsInteger = false }));
            }
        }

        if (types.Count == 0)
        {
            error = DiagnosticDescriptors.UnknownDecisionOutput;
            errorArguments = [policyId, key, Suggestions.DidYouMean(key, names)];
            return (FieldType.String, null);
        }

        var first = types[0];
        foreach (var other in types)
        {
            if (other.Kind != first.Kind || (other.Kind == ValueKind.Ordinal && !other.Domain!.SameValuesAs(first.Domain!)))
            {
                error = DiagnosticDescriptors.OutputTypesDiffer;
                errorArguments = [policyId, key, first.Describe(), other.Describe()];
                break;
            }
        }

        return first.Kind switch
        {
            ValueKind.Number => (FieldType.Decimal, null),
            ValueKind.Boolean => (FieldType.Boolean, null),
            ValueKind.Text => (FieldType.String, null),
            ValueKind.Date => (FieldType.Date, null),
            ValueKind.DateTime => (FieldType.DateTime, null),
            _ => (FieldType.Enum, first.Domain),
        };
    }
}
