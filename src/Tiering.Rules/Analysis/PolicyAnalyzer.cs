// How to add a finding: give it a TR4xxx descriptor in DiagnosticDescriptors; write Analysis/<Name>Check.cs, an
// internal sealed PolicyCheck that declares the descriptor in Reports, says in AppliesTo when a policy can have it (a
// few property reads, no LINQ: a first load compiles only the checks that apply) and reports in Run through the
// context, with the rules involved and a witness; add it to OrderedChecks below where its findings should come; add a
// golden case, Golden/Analysis/<name>.yaml with its .expected.txt. accept: then works for it with no more code.
using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// Static analysis of one policy, after the model is built and before it is compiled: gaps, overlaps, rules that
/// can never fire, dead grades, inconsistent outputs, unread fields and band edges outside the domain. Every finding
/// carries a code, the rules involved, a position and a witness — a concrete assignment of field values that shows
/// the problem. Conditions are analysed as unions of per-field boxes (intervals for numbers and dates, value sets for
/// enums, booleans and text); what is beyond that (arithmetic over fields, two-field comparisons) is said in an info
/// finding instead of guessed. Findings the author accepted in the YAML become info, never disappear.
/// </summary>
/// <remarks>
/// One <see cref="PolicyCheck"/> per finding, run in the fixed order of <see cref="Checks"/> (which is the order of
/// their diagnostics), each only where it applies; then <see cref="AcceptanceResolver"/> turns the findings into
/// diagnostics. Thread-safe: checks are stateless, and each analysis has its own <see cref="PolicyAnalysisContext"/>.
/// </remarks>
internal static class PolicyAnalyzer
{
    /// <summary>The checks, in the order their findings are reported.</summary>
    private static readonly PolicyCheck[] OrderedChecks =
    [
        new UnreachableRuleCheck(), // first: it builds the rule regions the next three read
        new MaskedRuleCheck(),
        new OverlapCheck(),
        new GapCheck(),
        new DeadGradeCheck(),
        new InconsistentOutputsCheck(),
        new UnreadFieldCheck(),
        new BandEdgeCheck(),
    ];

    /// <summary>The checks, in the order their findings are reported.</summary>
    public static IReadOnlyList<PolicyCheck> Checks => OrderedChecks;

    /// <summary>
    /// The TR4xxx descriptors no single check owns: TR4010 (what the analysis could not check, which any check may say
    /// through <see cref="PolicyAnalysisContext.ReportBeyond"/>) and acceptance's TR4000 and TR4011.
    /// </summary>
    public static ImmutableArray<DiagnosticDescriptor> SharedReports =>
        [DiagnosticDescriptors.BeyondAnalysis, DiagnosticDescriptors.GapsNotChecked, DiagnosticDescriptors.AnalysisIncomplete, .. AcceptanceResolver.Reports];

    /// <summary>
    /// Whether the analysis of <paramref name="policy"/> can report an error, and so must run before the load decides
    /// whether it succeeds: only an overlap under <c>hitPolicy: unique</c> is one (TR4002); every other finding is a
    /// warning or information, read when a host reads the load's diagnostics (<see cref="Loading.LoadDiagnostics"/>).
    /// A check that adds an error finding must say here for which policies.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <returns>True when the policy's analysis may report an error.</returns>
    public static bool CanReportErrors(PolicyDefinition policy) => policy.HitPolicy == HitPolicy.Unique;

    /// <summary>Analyses one policy.</summary>
    /// <param name="policy">The policy, as the model built it.</param>
    /// <returns>The findings as diagnostics (accepted ones as info, then unused acceptances), in check order.</returns>
    public static IReadOnlyList<Diagnostic> Analyze(PolicyDefinition policy) => Analyze(policy, LoadLimits.Default);

    /// <summary>Analyses one policy within the limits' analysis budget (<see cref="LoadLimits.MaxAnalysisSteps"/>).</summary>
    /// <param name="policy">The policy, as the model built it.</param>
    /// <param name="limits">The load's limits.</param>
    /// <returns>The findings as diagnostics (accepted ones as info, then unused acceptances), in check order; TR4012
    /// after the findings of the check during which the budget ran out.</returns>
    public static IReadOnlyList<Diagnostic> Analyze(PolicyDefinition policy, LoadLimits limits)
    {
        var context = new PolicyAnalysisContext(policy, limits.MaxAnalysisSteps);
        var incomplete = false;
        foreach (var check in OrderedChecks)
        {
            // A policy that decides each group through decideWith has no rules of its own (the policy it names decides
            // the group fact, and is analysed itself): only what it reads is checked. One with its own rules is analysed.
            if (check.AppliesTo(policy) && (policy.Group is not { DecidesGroups: true, DecideWith: not null } || check is UnreadFieldCheck))
            {
                context.BeginCheck(check);
                check.Run(context);
                if (context.Budget.Exhausted && !incomplete)
                {
                    // Said once, after the findings of the check that ran out; the checks after it that compare regions
                    // find the budget spent and stop at once, the others (grades, outputs, fields, edges) still run.
                    incomplete = true;
                    context.ReportIncomplete(check);
                }
            }
        }

        return AcceptanceResolver.Resolve(policy, context.Findings);
    }
}
