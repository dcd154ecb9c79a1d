using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// One check of the static analysis: the findings it may report, when a policy can have them at all, and the work.
/// Checks are stateless singletons run by <see cref="PolicyAnalyzer"/> in a fixed order; what several of them need
/// (field spaces, domains, rule regions, witnesses) is in the <see cref="PolicyAnalysisContext"/> they are given.
/// </summary>
internal abstract class PolicyCheck
{
    /// <summary>
    /// The descriptors this check reports, each a TR4xxx code that no other check reports. Read by tests (and, in
    /// debug builds, by the context, which fails a check reporting one it did not declare), never on the load path.
    /// </summary>
    public abstract ImmutableArray<DiagnosticDescriptor> Reports { get; }

    /// <summary>
    /// Whether the policy can have these findings at all, from its shape alone (hit policy, tables, default). The
    /// runner calls <see cref="Run"/> only when this holds, so a first load compiles only the checks its policy needs:
    /// keep it a few property tests, with no LINQ.
    /// </summary>
    /// <param name="policy">The policy being analysed.</param>
    /// <returns>True to run the check.</returns>
    public virtual bool AppliesTo(PolicyDefinition policy) => true;

    /// <summary>Runs the check, reporting through <see cref="PolicyAnalysisContext.Report"/>.</summary>
    /// <param name="context">The policy and the analysis state shared by the checks.</param>
    public abstract void Run(PolicyAnalysisContext context);
}
