// `grades:` and every reference to a grade (default, then, a band row's or veto's grade, below).
using Tiering.Rules.Collections;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;
using Tiering.Rules.Text;

namespace Tiering.Rules.Building;

internal sealed partial class PolicyBuilder
{
    private static readonly string[] GradeKeys = ["id", "label", "outputs", "description"];

    private GradeDefinition[] ReadGrades(SyntaxNode? node)
    {
        var grades = new ScratchList<GradeDefinition>();
        if (node is null || _read.AsSequence(node, "grades") is not { } seq)
        {
            return grades.ToArray();
        }

        foreach (var item in seq.Items)
        {
            string? id;
            string? label = null;
            var outputs = OutputMap.Empty;
            ComputedOutput[] computed = [];
            SourceSpan span;
            if (item is MappingSyntax map)
            {
                _read.CheckKeys(map, "a grade", GradeKeys);
                var idNode = _read.Required(map, "id", "a grade");
                id = _read.String(idNode, "grade id");
                label = _read.String(map.Find("label")?.Value, "grade label");
                outputs = ReadOutputs(map.Find("outputs")?.Value, out computed);
                span = idNode?.Span ?? map.Span;
            }
            else
            {
                id = _read.String(item, "grade id");
                span = item.Span;
            }

            if (id is null)
            {
                continue;
            }

            if (TooLong(id, span, "grade id"))
            {
                continue;
            }

            if (!Identifiers.IsGradeId(id))
            {
                _read.Report(DiagnosticDescriptors.InvalidId, span, id, "grade", "use letters, digits and '_'");
                continue;
            }

            if (IndexOf(grades, id) >= 0)
            {
                _read.Report(DiagnosticDescriptors.DuplicateGrade, span, id);
                continue;
            }

            grades.Add(new GradeDefinition(id, label, grades.Count, outputs, span) { Computed = computed });
        }

        if (grades.Count == 0)
        {
            _read.Report(DiagnosticDescriptors.NoGrades, seq.Span);
        }

        return grades.ToArray();
    }

    /// <summary>Each grade by its id; its index (<see cref="GradeDefinition.Rank"/>) is the order of severity that rules and bands refer to.</summary>
    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    // Grades by id (each knows its index, its rank): a map of the model's type shares NameMap's code for reference
    // types, where one of int would be one more set of methods to compile for a host running the IL.
    private static NameMap<GradeDefinition> IndexById(GradeDefinition[] grades)
    {
        var index = new NameMap<GradeDefinition>(grades.Length);
        for (var i = 0; i < grades.Length; i++)
        {
            index[grades[i].Id] = grades[i];
        }

        return index;
    }

    // A loop, not LINQ: every load runs this (each lambda is one more method for a first load to compile).
    private static int IndexOf(ScratchList<GradeDefinition> grades, string id)
    {
        for (var i = 0; i < grades.Count; i++)
        {
            if (grades[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private int? ReadGradeRef(SyntaxNode? node, NameMap<GradeDefinition> grades, string what)
    {
        if (node is null || _read.String(node, what) is not { } id)
        {
            return null;
        }

        if (grades.TryGetValue(id, out var grade))
        {
            return grade.Rank;
        }

        if (TooLong(id, node.Span, what))
        {
            return null;
        }

        if (grades.Count > 0)
        {
            ReportUnknownGrade(node, id, grades);
        }

        return null;
    }

    /// <summary>Apart from <see cref="ReadGradeRef"/>, which every rule enters: the names' list types load only for a mistake.</summary>
    private void ReportUnknownGrade(SyntaxNode node, string id, NameMap<GradeDefinition> grades) =>
        _read.Report(DiagnosticDescriptors.UnknownGrade, node.Span, id, Suggestions.DidYouMean(id, grades.Keys), string.Join(", ", (IEnumerable<string>)grades.Keys));
}
