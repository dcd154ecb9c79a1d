using System.Collections.Immutable;
using System.Globalization;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>Band edges outside the banded field's declared <c>min</c>/<c>max</c> (TR4009).</summary>
internal sealed class BandEdgeCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.EdgeOutsideDomain];

    public override bool AppliesTo(PolicyDefinition policy) => policy.Bands is { On: not null };

    public override void Run(PolicyAnalysisContext context)
    {
        var bands = context.Policy.Bands!;
        var on = bands.On!;
        foreach (var row in bands.Rows)
        {
            foreach (var edge in new[] { row.Interval!.Value.Low, row.Interval.Value.High })
            {
                if (edge is { } e && ((on.Min is { } min && e < min) || (on.Max is { } max && e > max)))
                {
                    context.Report(DiagnosticDescriptors.EdgeOutsideDomain, row.Span, [row.Id], null, row.Id, e.ToString(CultureInfo.InvariantCulture), on.Name, context.Domain(on.Index));
                }
            }
        }
    }
}
