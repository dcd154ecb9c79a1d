// The policy's header: its id, effective dates and hitPolicy; and the header that phase one reads for decision(…).
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

/// <summary>What one policy file declares about itself before its expressions are bound: enough for other files' decision(…).</summary>
internal sealed class PolicyHeader(string id, string? version, string[] grades, bool ordered, SourceSpan span)
{
    public string Id { get; } = id;

    public string? Version { get; } = version;

    public string[] Grades { get; } = grades;

    public bool Ordered { get; } = ordered;

    public SourceSpan Span { get; } = span;
}

internal sealed partial class PolicyBuilder
{
    private static readonly string[] HitPolicies = ["first", "unique", "worst", "best", "collect", "scorecard"];

    /// <summary>Reads just the id, version and grades of a policy file (phase one of a load).</summary>
    public static PolicyHeader? ReadHeader(SyntaxNode root)
    {
        if (root is not MappingSyntax map || map.Find("policy")?.Value is not ScalarSyntax { IsNull: false } id)
        {
            return null;
        }

        var version = (map.Find("version")?.Value as ScalarSyntax)?.Value;
        var grades = new ScratchList<string>();
        if (map.Find("grades")?.Value is SequenceSyntax seq)
        {
            foreach (var item in seq.Items)
            {
                var gradeId = item switch
                {
                    ScalarSyntax s => s.Value,
                    MappingSyntax m => (m.Find("id")?.Value as ScalarSyntax)?.Value,
                    _ => null,
                };
                if (gradeId is not null)
                {
                    grades.Add(gradeId);
                }
            }
        }

        return new PolicyHeader(id.Value, version, grades.ToArray(), true, id.Span);
    }

    private string? ReadPolicyId(MappingSyntax map)
    {
        var idNode = _read.Required(map, "policy", "a policy");
        var id = _read.String(idNode, "policy id");
        if (id is not null && TooLong(id, idNode!.Span, "policy id"))
        {
            return null;
        }

        if (id is not null && !Identifiers.IsPolicyId(id))
        {
            _read.Report(DiagnosticDescriptors.InvalidId, idNode!.Span, id, "policy", "use lower-case kebab-case such as loan-five-category");
        }

        return id;
    }

    private HitPolicy? ReadHitPolicy(SyntaxNode? node)
    {
        if (_read.String(node, "hitPolicy") is not { } text)
        {
            return null;
        }

        var index = Array.IndexOf(HitPolicies, text);
        if (index < 0)
        {
            _read.Report(DiagnosticDescriptors.InvalidValue, node!.Span, text, "hitPolicy", string.Join(", ", HitPolicies) + Suggestions.DidYouMean(text, HitPolicies));
            return null;
        }

        return (HitPolicy)index;
    }

    private (DateOnly? From, DateOnly? Until) ReadEffective(SyntaxNode node)
    {
        if (_read.AsMapping(node, "effective") is not { } map)
        {
            return (null, null);
        }

        _read.CheckKeys(map, "effective", "from", "until");
        var from = _read.Date(map.Find("from")?.Value, "effective.from");
        var until = _read.Date(map.Find("until")?.Value, "effective.until");
        if (from is null && until is null && map.Entries.Length == 0)
        {
            _read.Report(DiagnosticDescriptors.EffectiveEmpty, map.Span);
        }

        if (from is { } f && until is { } u && u <= f)
        {
            _read.Report(DiagnosticDescriptors.EffectiveReversed, map.Span, u, f);
        }

        return (from, until);
    }
}
