using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Policies that read each other's decisions in a cycle (TR3014), a policy reading its own decision included: each
/// reference on a cycle is reported once, at the reference, with the whole chain.
/// </summary>
internal static class DependencyCycleCheck
{
    /// <summary>Only a set in which some policy reads another's decision can have a cycle.</summary>
    /// <param name="policies">The policies of the load.</param>
    /// <returns>True when some policy has a <c>decision(…)</c> reference.</returns>
    public static bool AppliesTo(PolicyDefinition[] policies)
    {
        // A loop, not LINQ: every load asks this (each lambda is one more method for a first load to compile).
        for (var i = 0; i < policies.Length; i++)
        {
            if (policies[i].DecisionRefs.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports every reference that lies on a cycle.</summary>
    /// <param name="policies">The policies of the load.</param>
    /// <param name="diagnostics">Where the findings go.</param>
    public static void Run(PolicyDefinition[] policies, List<Diagnostic> diagnostics)
    {
        var edges = policies
            .SelectMany(p => p.DecisionRefs.Select(r => new Edge(p.Id, r.DependsOnPolicy!, r)))
            .ToList();
        var graph = edges.GroupBy(e => e.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var stack = new List<Edge>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        foreach (var id in graph.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            Visit(id);
        }

        void Visit(string id)
        {
            if (state.GetValueOrDefault(id) == 2)
            {
                return;
            }

            state[id] = 1;
            foreach (var edge in graph.GetValueOrDefault(id) ?? [])
            {
                stack.Add(edge);
                if (state.GetValueOrDefault(edge.To) == 1)
                {
                    var start = stack.FindIndex(e => e.From == edge.To);
                    var cycle = stack.Skip(start).ToList();
                    var chain = string.Join(" -> ", cycle.Select(e => e.From).Append(edge.To));
                    foreach (var member in cycle)
                    {
                        if (reported.Add($"{member.From}->{member.To}"))
                        {
                            diagnostics.Add(DiagnosticDescriptors.DependencyCycle.Create(member.Ref.Span, chain));
                        }
                    }
                }
                else
                {
                    Visit(edge.To);
                }

                stack.RemoveAt(stack.Count - 1);
            }

            state[id] = 2;
        }
    }

    /// <summary>A policy reading another's decision.</summary>
    private sealed record Edge(string From, string To, FieldDefinition Ref);
}
