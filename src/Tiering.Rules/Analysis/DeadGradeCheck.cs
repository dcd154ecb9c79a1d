using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Analysis;

/// <summary>Grades declared but never produced by any rule, band, default or below grade (TR4006).</summary>
internal sealed class DeadGradeCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.DeadGrade];

    public override void Run(PolicyAnalysisContext context)
    {
        var policy = context.Policy;
        var produced = new HashSet<int>();
        foreach (var rule in policy.Rules)
        {
            if (rule.Grade is { } g)
            {
                produced.Add(g);
            }
        }

        foreach (var extra in new[] { policy.DefaultGrade, policy.Bands?.Below, policy.Grading?.Below })
        {
            if (extra is { } g)
            {
                produced.Add(g);
            }
        }

        foreach (var grade in policy.Grades)
        {
            if (!produced.Contains(grade.Rank))
            {
                context.Report(DiagnosticDescriptors.DeadGrade, grade.Span, [], null, grade.Id);
            }
        }
    }
}
