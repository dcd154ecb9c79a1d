namespace Tiering.Rules.Impact;

/// <summary>The symbolic diff of two versions of a policy (<see cref="PolicyDiff"/>). Immutable and thread-safe.</summary>
public sealed class PolicyDiffResult
{
    internal PolicyDiffResult(string policyId, string? beforeVersion, string? afterVersion, IReadOnlyList<DiffRegion> regions, bool complete, IReadOnlyList<string> reasons)
    {
        PolicyId = policyId;
        BeforeVersion = beforeVersion;
        AfterVersion = afterVersion;
        Regions = regions;
        Complete = complete;
        Reasons = reasons;
    }

    /// <summary>The policy id.</summary>
    public string PolicyId { get; }

    /// <summary>The version before, or null when none is effective on the date.</summary>
    public string? BeforeVersion { get; }

    /// <summary>The version after, or null when none is effective on the date.</summary>
    public string? AfterVersion { get; }

    /// <summary>Every region where the verdicts differ, by from-verdict then to-verdict (empty: the versions agree on every valid fact, when <see cref="Complete"/>).</summary>
    public IReadOnlyList<DiffRegion> Regions { get; }

    /// <summary>
    /// Whether <see cref="Regions"/> are all of them and each is exact. False when some condition is beyond the box
    /// analysis (arithmetic over fields, two-field comparisons, scorecards, chained decisions) or too entangled;
    /// <see cref="Reasons"/> says why. The diff never claims completeness it does not have.
    /// </summary>
    public bool Complete { get; }

    /// <summary>Why the diff is not complete, one line each.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PolicyId} {BeforeVersion} -> {AfterVersion}: {Regions.Count} regions{(Complete ? string.Empty : " (incomplete)")}";
}
