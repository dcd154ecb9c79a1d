// Keys read the same way in several sections: `outputs:`, `accept:` and an expression's source text.
using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    private static string? ScalarText(SyntaxNode? node) => (node as ScalarSyntax)?.Value.Trim();

    /// <summary>Reads <c>accept: [{ code: TR4001, reason: "…" }]</c>: analysis findings the author acknowledges.</summary>
    /// <remarks>
    /// Most owners have none, so this checks for the key and only then calls the reader (a first load compiles the
    /// reader only when some policy accepts a finding). The same holds for <see cref="ReadEffective"/> and <see cref="ReadOutputs"/>.
    /// </remarks>
    private Acceptance[] ReadAccepts(MappingSyntax owner) =>
        owner.Find("accept")?.Value is { } node ? ReadAcceptList(node) : [];

    private Acceptance[] ReadAcceptList(SyntaxNode node)
    {
        if (_read.AsSequence(node, "accept") is not { } list)
        {
            return [];
        }

        var accepts = new List<Acceptance>();
        foreach (var item in list.Items)
        {
            if (_read.AsMapping(item, "an accept entry") is not { } map)
            {
                continue;
            }

            _read.CheckKeys(map, "an accept entry", "code", "reason");
            var codeNode = _read.Required(map, "code", "an accept entry");
            var code = _read.String(codeNode, "code");
            var reason = _read.String(_read.Required(map, "reason", "an accept entry"), "reason");
            if (code is not null && !Identifiers.IsAcceptableCode(code))
            {
                _read.Report(DiagnosticDescriptors.InvalidValue, codeNode!.Span, code, "accepted code", "an analysis code TR4001…TR4010");
                continue;
            }

            if (code is not null && reason is not null)
            {
                accepts.Add(new Acceptance(code, reason, map.Span));
            }
        }

        return [.. accepts];
    }

    /// <summary>
    /// Reads <c>outputs:</c>: plain values are text as written; a value that starts with <c>=</c> (quoted or not) is a
    /// formula, bound like a condition but of any type, and comes back in <paramref name="computed"/>.
    /// </summary>
    private OutputMap ReadOutputs(SyntaxNode? node, out ComputedOutput[] computed)
    {
        computed = [];
        return node is null ? OutputMap.Empty : ReadOutputMap(node, ref computed);
    }

    private OutputMap ReadOutputMap(SyntaxNode node, ref ComputedOutput[] computed)
    {
        if (_read.AsMapping(node, "outputs") is not { } map)
        {
            return OutputMap.Empty;
        }

        var builder = new OutputMap.Builder(map.Entries.Length);
        foreach (var entry in map.Entries)
        {
            if (_read.String(entry.Value, $"output '{entry.Key.Value}'") is not { } value)
            {
                continue;
            }

            if (value.StartsWith('='))
            {
                _sawExtras = true;
                if (ReadFormula(entry) is { } formula)
                {
                    computed = [.. computed, formula];
                }
            }
            else
            {
                builder.Set(entry.Key.Value, value);
            }
        }

        return builder.ToMap();
    }

    /// <summary>An output formula, <c>name: =expression</c>, bound with positions inside the scalar (after the <c>=</c>).</summary>
    private ComputedOutput? ReadFormula(MappingEntry entry)
    {
        var scalar = (ScalarSyntax)entry.Value;
        var bound = BindExpression(scalar, ExpressionRole.Value, skip: 1);
        return bound is null ? null : new ComputedOutput(entry.Key.Value, bound, scalar.Value[1..].Trim(), entry.Key.Span);
    }
}
