using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>Fields declared but read by no condition, no score and no band table (TR4008).</summary>
internal sealed class UnreadFieldCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.UnreadField];

    public override void Run(PolicyAnalysisContext context)
    {
        var policy = context.Policy;
        var read = new HashSet<int>();

        // Loops, not LINQ (Concat, Select, OfType): every load runs this check (each lambda is one more method for a
        // first load to compile).
        MarkRead(policy.AppliesWhen);
        if (policy.HasExtras)
        {
            MarkExtras(policy, read);
        }
        foreach (var rule in policy.Rules)
        {
            MarkRead(rule.Condition);
            MarkRead(rule.Points);
        }

        if (policy.Bands?.On is { } on)
        {
            read.Add(on.Index);
        }

        if (policy.Group is { } group)
        {
            MarkGroupReads(group, read);
        }

        foreach (var field in policy.Fields)
        {
            if (!read.Contains(field.Index))
            {
                context.Report(DiagnosticDescriptors.UnreadField, field.Span, [], null, field.Name);
            }
        }

        void MarkRead(BoundExpr? expr) => MarkFields(expr, read);
    }

    /// <summary>Reads by derived values, checks and formulas (only for policies that have them: a first load compiles this only then).</summary>
    private static void MarkExtras(PolicyDefinition policy, HashSet<int> read)
    {
        foreach (var derived in policy.Derived)
        {
            MarkFields(derived.Derived, read);
        }

        foreach (var requirement in policy.Requirements)
        {
            MarkFields(requirement.Condition, read);
        }

        foreach (var rule in policy.Rules)
        {
            foreach (var output in rule.Computed)
            {
                MarkFields(output.Expr, read);
            }
        }

        foreach (var grade in policy.Grades)
        {
            foreach (var output in grade.Computed)
            {
                MarkFields(output.Expr, read);
            }
        }
    }

    private static void MarkFields(BoundExpr? expr, HashSet<int> read)
    {
        if (expr is not null)
        {
            foreach (var field in BoundExprWalker.FieldsRead(expr))
            {
                read.Add(field.Index);
            }
        }
    }

    /// <summary>Reads by a group policy's key, constant fields and aggregates (their fields and member conditions).</summary>
    private static void MarkGroupReads(GroupDefinition group, HashSet<int> read)
    {
        foreach (var key in group.Key)
        {
            read.Add(key.Index);
        }

        foreach (var field in group.Constant)
        {
            read.Add(field.Index);
        }

        foreach (var aggregate in group.Aggregates)
        {
            if (aggregate.Of is { } of)
            {
                read.Add(of.Index);
            }

            if (aggregate.Where is { } where)
            {
                foreach (var field in BoundExprWalker.FieldsRead(where))
                {
                    read.Add(field.Index);
                }
            }
        }
    }
}
