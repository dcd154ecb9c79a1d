using Tiering.Rules.Analysis;

namespace Tiering.Rules.Impact;

/// <summary>
/// The question <see cref="PolicyImpact"/> answers on data, answered from the policies alone: the regions of the input
/// space where two versions decide differently, each with a witness fact valid under both. Built on the static
/// analysis (conditions as unions of per-field boxes); where that cannot decide, the result says so instead of
/// claiming completeness. Every witness is decided by the engine under both sides before it is returned
/// (<see cref="DiffRegion.Verified"/>). Thread-safe.
/// </summary>
public static class PolicyDiff
{
    /// <summary>Diffs the versions two sides decide with.</summary>
    /// <param name="before">The side before the change.</param>
    /// <param name="after">The side after the change.</param>
    /// <returns>The regions where the verdicts differ.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The sides name different policies, the policy is not loaded on a side (the message names it), or it has several
    /// versions there and no as-of date was given.
    /// </exception>
    public static PolicyDiffResult Compare(ImpactSide before, ImpactSide after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!string.Equals(before.PolicyId, after.PolicyId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"both sides must name the same policy ('{before.PolicyId}' before, '{after.PolicyId}' after)", nameof(after));
        }

        var b = before.Resolve("before");
        var a = after.Resolve("after");
        if (b is null || a is null)
        {
            var missing = b is null ? "before" : "after";
            return new PolicyDiffResult(before.PolicyId, b?.Definition.Version, a?.Definition.Version, [], false, [$"no version of '{before.PolicyId}' is effective on the {missing} side's as-of date"]);
        }

        var outcome = PolicyDiffer.Diff(b.Definition, a.Definition, before.AsOf, after.AsOf);
        var regions = new List<DiffRegion>(outcome.Regions.Count);
        foreach (var region in outcome.Regions)
        {
            var fact = (IReadOnlyDictionary<string, object?>)region.Witness;
            var verified = Label(before.Set.Decide(before.PolicyId, fact, before.AsOf)) == region.From
                && Label(after.Set.Decide(after.PolicyId, fact, after.AsOf)) == region.To;
            regions.Add(new DiffRegion(region.From, region.To, region.Description, fact, region.Undecided, verified));
        }

        var complete = outcome.Complete && regions.TrueForAll(r => r.Complete && r.Verified);
        var reasons = outcome.Reasons.ToList();
        if (regions.Exists(r => !r.Verified))
        {
            reasons.Add("some witness did not decide as its region says under the engine (an analysis defect; those regions are marked unverified)");
        }

        return new PolicyDiffResult(before.PolicyId, b.Definition.Version, a.Definition.Version, regions, complete, reasons);
    }

    private static string Label(Decision decision) => decision.Status == DecisionStatus.Classified && decision.Grade is { } grade ? grade.Id : decision.Status.ToSnakeCase();
}
