using System.Globalization;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// Picks the version of a policy a command runs, as <see cref="PolicySet.Decide{TFact}(string, TFact, DateOnly?)"/>
/// would: a whole-run mistake (several effective-dated versions and no <c>--as-of</c>, or no version effective on
/// it) is a usage error listing the versions, instead of a run in which every record is <c>invalid</c>.
/// </summary>
internal static class PolicyVersions
{
    /// <summary>The version for <paramref name="asOf"/>, or null with the one-line <paramref name="error"/>.</summary>
    public static PolicyInfo? Choose(PolicySet set, string policyId, DateOnly? asOf, out string? error)
    {
        error = null;
        var versions = set.Policies.Where(p => p.Id == policyId).ToList();
        if (versions.Count == 1 && (asOf is null || IsEffective(versions[0], asOf.Value)))
        {
            return versions[0];
        }

        if (asOf is null)
        {
            error = $"policy '{policyId}' has {versions.Count} effective-dated versions; give --as-of yyyy-mm-dd to choose one: {List(versions)}";
            return null;
        }

        var chosen = versions.FirstOrDefault(v => IsEffective(v, asOf.Value));
        if (chosen is null)
        {
            error = $"no version of policy '{policyId}' is effective on {Date(asOf.Value)}: {List(versions)}";
        }

        return chosen;
    }

    private static bool IsEffective(PolicyInfo version, DateOnly date) =>
        (version.EffectiveFrom is null || date >= version.EffectiveFrom) && (version.EffectiveUntil is null || date < version.EffectiveUntil);

    private static string List(IEnumerable<PolicyInfo> versions) => string.Join(", ", versions.Select(v =>
        $"{v.Version} ({(v.EffectiveFrom, v.EffectiveUntil) switch
        {
            (null, null) => "not effective-dated",
            ({ } from, null) => $"from {Date(from)}",
            (null, { } until) => $"until {Date(until)}",
            ({ } from, { } until) => $"from {Date(from)} until {Date(until)}",
        }})"));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
