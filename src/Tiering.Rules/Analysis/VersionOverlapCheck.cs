using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Two versions of one policy that are the same version, or are both in force on some date (TR3013): the set could
/// not say which one decides.
/// </summary>
internal static class VersionOverlapCheck
{
    /// <summary>Only a set with several policies can hold two versions of one.</summary>
    /// <param name="policies">The policies of the load.</param>
    /// <returns>True when there is more than one.</returns>
    public static bool AppliesTo(PolicyDefinition[] policies) => policies.Length > 1;

    /// <summary>Reports each pair of versions of a policy that clash.</summary>
    /// <param name="policies">The policies of the load.</param>
    /// <param name="diagnostics">Where the findings go.</param>
    public static void Run(PolicyDefinition[] policies, List<Diagnostic> diagnostics)
    {
        foreach (var group in policies.GroupBy(p => p.Id, StringComparer.Ordinal))
        {
            var versions = group.ToList();
            for (var i = 0; i < versions.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var a = versions[j];
                    var b = versions[i];
                    if (a.Version == b.Version)
                    {
                        diagnostics.Add(DiagnosticDescriptors.VersionDefinedTwice.Create(b.Span, b.Id, b.Version, a.Span));
                    }
                    else if (Overlaps(a, b))
                    {
                        diagnostics.Add(DiagnosticDescriptors.VersionsOverlap.Create(b.Span, a.Version, a.Span, b.Version, b.Id));
                    }
                }
            }
        }

        static bool Overlaps(PolicyDefinition a, PolicyDefinition b)
        {
            var aFrom = a.EffectiveFrom ?? DateOnly.MinValue;
            var bFrom = b.EffectiveFrom ?? DateOnly.MinValue;
            var aUntil = a.EffectiveUntil ?? DateOnly.MaxValue;
            var bUntil = b.EffectiveUntil ?? DateOnly.MaxValue;
            return aFrom < bUntil && bFrom < aUntil;
        }
    }
}
