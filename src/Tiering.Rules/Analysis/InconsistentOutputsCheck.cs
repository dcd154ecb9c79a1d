using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Text;

namespace Tiering.Rules.Analysis;

/// <summary>
/// An output key that some ways a decision can end set and others do not (TR4007): a consumer reading it would find
/// it missing on some decisions. Collect policies merge the outputs of every rule that fired, so they are not checked.
/// </summary>
internal sealed class InconsistentOutputsCheck : PolicyCheck
{
    public override ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.InconsistentOutputs];

    public override bool AppliesTo(PolicyDefinition policy) => policy.HitPolicy != HitPolicy.Collect && HasOutputs(policy);

    public override void Run(PolicyAnalysisContext context)
    {
        var policy = context.Policy;
        // Every way a decision can end: a rule's grade (with that rule's outputs), the default, the below grade.
        var outcomes = new List<Outcome>();
        foreach (var rule in policy.Rules.Where(r => r.Grade is not null && r.Kind != RuleKind.ScoreItem))
        {
            var grade = policy.Grades[rule.Grade!.Value];
            outcomes.Add(new Outcome($"{grade.Id} by '{rule.Id}'", rule.Span, rule.Id, Keys(grade.Outputs, grade.Computed).Concat(Keys(rule.Outputs, rule.Computed)).ToHashSet(StringComparer.Ordinal)));
        }

        AddGradeOutcome(policy.DefaultGrade, "default");
        AddGradeOutcome(policy.Bands?.Below ?? policy.Grading?.Below, "below");

        var allKeys = outcomes.SelectMany(o => o.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in allKeys)
        {
            var with = outcomes.Where(o => o.Keys.Contains(key)).ToList();
            var without = outcomes.Where(o => !o.Keys.Contains(key)).ToList();
            if (without.Count == 0)
            {
                continue;
            }

            context.Report(DiagnosticDescriptors.InconsistentOutputs, without[0].Span, [.. without.Select(o => o.Rule).OfType<string>()], null,
                key, List(with), List(without));
        }

        void AddGradeOutcome(int? grade, string how)
        {
            if (grade is { } g)
            {
                var definition = policy.Grades[g];
                outcomes.Add(new Outcome($"{definition.Id} ({how})", definition.Span, null, Keys(definition.Outputs, definition.Computed).ToHashSet(StringComparer.Ordinal)));
            }
        }

        static IEnumerable<string> Keys(OutputMap plain, ComputedOutput[] computed) =>
            plain.Keys.Concat(computed.Select(c => c.Name));

        static string List(List<Outcome> items) =>
            string.Join(", ", items.Take(3).Select(o => o.Name)) + (items.Count > 3 ? $" and {items.Count - 3} more" : string.Empty);
    }

    // A loop, not LINQ: every load asks this (each lambda is one more method for a first load to compile).
    private static bool HasOutputs(PolicyDefinition policy)
    {
        foreach (var grade in policy.Grades)
        {
            if (!grade.Outputs.IsEmpty || (policy.HasExtras && grade.Computed.Length > 0))
            {
                return true;
            }
        }

        foreach (var rule in policy.Rules)
        {
            if (!rule.Outputs.IsEmpty || (policy.HasExtras && rule.Computed.Length > 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One way a decision can end, with the output keys it sets.</summary>
    private sealed record Outcome(string Name, SourceSpan Span, string? Rule, ISet<string> Keys);
}
