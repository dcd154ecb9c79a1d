using System.Globalization;
using Tiering.Rules.Impact;
using Tiering.Rules.Text;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// The before and after sides of <c>impact</c> and <c>diff</c>: two rules directories (or one twice, at two as-of
/// dates), loaded once each, with the checks both commands share and their exit codes.
/// </summary>
internal sealed record ComparedSides(ImpactSide Before, ImpactSide After, string BeforeRules, string AfterRules)
{
    /// <summary>Loads both sides, or writes why not to stderr and returns the exit code.</summary>
    public static ComparedSides? Load(string policy, string beforeRules, string? beforeAsOf, string afterRules, string? afterAsOf, TextWriter stderr, out int exit, string engine = "compiled")
    {
        exit = CliApp.Ok;
        if (!TryDate("--before-as-of", beforeAsOf, stderr, out var beforeDate) || !TryDate("--after-as-of", afterAsOf, stderr, out var afterDate))
        {
            exit = CliApp.Usage;
            return null;
        }

        var beforeSet = LoadSet("before", beforeRules, stderr);
        if (beforeSet is null)
        {
            exit = CliApp.PoliciesFailed;
            return null;
        }

        var afterSet = SamePath(beforeRules, afterRules) ? beforeSet : LoadSet("after", afterRules, stderr);
        if (afterSet is null)
        {
            exit = CliApp.PoliciesFailed;
            return null;
        }

        foreach (var (side, set, rules, date) in new[] { ("before", beforeSet, beforeRules, beforeDate), ("after", afterSet, afterRules, afterDate) })
        {
            var versions = set.Policies.Where(p => p.Id == policy).ToList();
            if (versions.Count == 0)
            {
                stderr.WriteLine($"error: the {side} side ({rules}): {Suggestions.UnknownPolicy(policy, set.Policies.Select(p => p.Id), rules)}");
                exit = CliApp.PoliciesFailed;
                return null;
            }

            if (date is null && versions.Count > 1)
            {
                var flag = side == "before" ? "--before-as-of" : "--after-as-of";
                stderr.WriteLine($"error: policy '{policy}' has {versions.Count} effective-dated versions in '{rules}' ({string.Join(", ", versions.Select(Describe))}); give {flag} to choose one");
                exit = CliApp.Usage;
                return null;
            }
        }

        if (Engine.Create(engine, beforeSet, stderr) is not { } beforeEngine
            || (ReferenceEquals(afterSet, beforeSet) ? beforeEngine : Engine.Create(engine, afterSet, stderr)) is not { } afterEngine)
        {
            exit = CliApp.Usage;
            return null;
        }

        return new ComparedSides(new ImpactSide(beforeEngine, policy, beforeDate), new ImpactSide(afterEngine, policy, afterDate), beforeRules, afterRules);
    }

    /// <summary>The version a side decides with, as the policy lists it.</summary>
    public static PolicyInfo? Version(ImpactSide side)
    {
        var versions = side.Set.Policies.Where(p => p.Id == side.PolicyId).ToList();
        return side.AsOf is { } d
            ? versions.FirstOrDefault(v => (v.EffectiveFrom is null || d >= v.EffectiveFrom) && (v.EffectiveUntil is null || d < v.EffectiveUntil))
            : versions.LastOrDefault();
    }

    private static string Describe(PolicyInfo p) =>
        $"{p.Version}: {(p.EffectiveFrom is { } f ? "from " + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open start")}{(p.EffectiveUntil is { } u ? " until " + u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}";

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private static bool TryDate(string option, string? text, TextWriter stderr, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            stderr.WriteLine($"error: {option} '{text}' is not a date (yyyy-mm-dd)");
            return false;
        }

        date = parsed;
        return true;
    }

    private static PolicySet? LoadSet(string side, string rules, TextWriter stderr)
    {
        var load = PolicyLoader.LoadDirectory(rules);
        if (load.PolicySet is { } set)
        {
            return set;
        }

        foreach (var diagnostic in load.Diagnostics)
        {
            stderr.WriteLine(diagnostic);
        }

        stderr.WriteLine($"error: the {side} side's policies in '{rules}' did not load");
        return null;
    }
}
