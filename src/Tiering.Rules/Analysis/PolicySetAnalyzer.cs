using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Analysis across the policies of one load, before each policy's own (<see cref="PolicyAnalyzer"/>): two versions of
/// a policy in force on the same day (<see cref="VersionOverlapCheck"/>) and policies that depend on each other's
/// decisions in a cycle (<see cref="DependencyCycleCheck"/>). A new set-level finding is one more check here, called
/// only where it applies.
/// </summary>
internal static class PolicySetAnalyzer
{
    /// <summary>Runs the set checks that apply, in a fixed order.</summary>
    /// <param name="policies">Every policy of the load that has a model.</param>
    /// <param name="diagnostics">Where the findings go.</param>
    public static void Analyze(PolicyDefinition[] policies, List<Diagnostic> diagnostics)
    {
        // A single-policy load without decision(…) references, the common cold start, compiles neither check.
        if (VersionOverlapCheck.AppliesTo(policies))
        {
            VersionOverlapCheck.Run(policies, diagnostics);
        }

        if (DependencyCycleCheck.AppliesTo(policies))
        {
            DependencyCycleCheck.Run(policies, diagnostics);
        }
    }
}
