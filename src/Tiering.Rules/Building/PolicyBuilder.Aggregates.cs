// `aggregate:` of a collect policy: outputs folded from one output of every fired rule (sum, min, max, count).
using System.Globalization;
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    /// <summary>The folds of <c>aggregate:</c>, in a class of their own: initialised only for a policy that aggregates.</summary>
    private static class AggregateWords
    {
        public static readonly string[] Kinds = ["sum", "min", "max", "count"];
    }

    /// <summary>Reads <c>aggregate: { name: { sum: output }, … }</c>; only called when the key is present.</summary>
    private Aggregate[] ReadAggregates(MappingEntry entry, HitPolicy? hitPolicy, ScratchList<RuleDefinition> rules, GradeDefinition[] grades)
    {
        if (hitPolicy is { } policy && policy != HitPolicy.Collect)
        {
            _read.Report(DiagnosticDescriptors.AggregateOutsideCollect, entry.Key.Span, policy.ToString().ToLowerInvariant());
            return [];
        }

        if (_read.AsMapping(entry.Value, "aggregate") is not { } map)
        {
            return [];
        }

        var result = new List<Aggregate>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            keys.UnionWith(rule.Outputs.Keys);
            keys.UnionWith(rule.Computed.Select(c => c.Name));
        }

        var gradeKeys = grades.SelectMany(g => g.Outputs.Keys.Concat(g.Computed.Select(c => c.Name))).ToHashSet(StringComparer.Ordinal);
        foreach (var item in map.Entries)
        {
            var name = item.Key.Value;
            if (item.Value is not MappingSyntax { Entries: [var fold] } || Array.IndexOf(AggregateWords.Kinds, fold.Key.Value) < 0 || fold.Value is not ScalarSyntax { IsNull: false } outputNode)
            {
                _read.Report(DiagnosticDescriptors.AggregateShape, item.Key.Span, name);
                continue;
            }

            var output = outputNode.Value;
            var kind = (AggregateKind)Array.IndexOf(AggregateWords.Kinds, fold.Key.Value);
            if (keys.Contains(name) || gradeKeys.Contains(name))
            {
                _read.Report(DiagnosticDescriptors.AggregateNameTaken, item.Key.Span, name);
            }
            else if (!keys.Contains(output))
            {
                _read.Report(DiagnosticDescriptors.AggregateUnknownOutput, outputNode.Span, name, output, Suggestions.DidYouMean(output, keys));
            }
            else if (kind == AggregateKind.Count || NumericEverywhere(name, output, rules, outputNode.Span))
            {
                result.Add(new Aggregate(name, kind, output, item.Key.Span));
            }
        }

        return [.. result];
    }

    /// <summary>Whether every rule that sets the output sets it to a number (a number formula, or plain text that is a number).</summary>
    private bool NumericEverywhere(string name, string output, ScratchList<RuleDefinition> rules, SourceSpan span)
    {
        foreach (var rule in rules)
        {
            var type = rule.Outputs.TryGetValue(output, out var plain)
                ? decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) ? null : $"the text '{plain}'"
                : rule.Computed.FirstOrDefault(c => c.Name == output) is { } formula && formula.Expr.Type.Kind != ValueKind.Number ? formula.Expr.Type.Describe() : null;
            if (type is not null)
            {
                _read.Report(DiagnosticDescriptors.AggregateNotNumeric, span, name, rule.Id, output, type);
                return false;
            }
        }

        return true;
    }
}
