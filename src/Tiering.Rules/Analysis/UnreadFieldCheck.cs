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
        foreach (var derived in policy.Derived)
        {
            MarkRead(derived.Derived);
        }

        foreach (var requirement in policy.Requirements)
        {
            MarkRead(requirement.Condition);
        }
        foreach (var rule in policy.Rules)
        {
            MarkRead(rule.Condition);
            MarkRead(rule.Points);
            foreach (var output in rule.Computed)
            {
                MarkRead(output.Expr);
            }
        }

        foreach (var grade in policy.Grades)
        {
            foreach (var output in grade.Computed)
            {
                MarkRead(output.Expr);
            }
        }

        if (policy.Bands?.On is { } on)
        {
            read.Add(on.Index);
        }

        foreach (var field in policy.Fields)
        {
            if (!read.Contains(field.Index))
            {
                context.Report(DiagnosticDescriptors.UnreadField, field.Span, [], null, field.Name);
            }
        }

        void MarkRead(BoundExpr? expr)
        {
            if (expr is not null)
            {
                foreach (var field in BoundExprWalker.FieldsRead(expr))
                {
                    read.Add(field.Index);
                }
            }
        }
    }
}
