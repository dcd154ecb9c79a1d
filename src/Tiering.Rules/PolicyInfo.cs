namespace Tiering.Rules;

/// <summary>A loaded policy version, as <see cref="PolicySet.Policies"/> lists it. Immutable.</summary>
public sealed class PolicyInfo
{
    /// <summary>Describes a policy version.</summary>
    /// <param name="id">The policy id.</param>
    /// <param name="version">The version.</param>
    /// <param name="title">The title, if declared.</param>
    /// <param name="effectiveFrom">First day the version applies, if declared.</param>
    /// <param name="effectiveUntil">Day the version stops applying, if declared.</param>
    /// <param name="hitPolicy">How fired rules become a grade.</param>
    /// <param name="grades">The grades in declared order.</param>
    /// <param name="fields">The declared fact fields.</param>
    /// <param name="path">The file the version was loaded from.</param>
    internal PolicyInfo(
        string id,
        string version,
        string? title,
        DateOnly? effectiveFrom,
        DateOnly? effectiveUntil,
        HitPolicy hitPolicy,
        IReadOnlyList<Grade> grades,
        IReadOnlyList<PolicyFieldInfo> fields,
        string path)
    {
        Id = id;
        Version = version;
        Title = title;
        EffectiveFrom = effectiveFrom;
        EffectiveUntil = effectiveUntil;
        HitPolicy = hitPolicy;
        Grades = grades;
        Fields = fields;
        Path = path;
    }

    /// <summary>The policy id.</summary>
    public string Id { get; }

    /// <summary>The version.</summary>
    public string Version { get; }

    /// <summary>The title, if declared.</summary>
    public string? Title { get; }

    /// <summary>First day the version applies (inclusive), if declared.</summary>
    public DateOnly? EffectiveFrom { get; }

    /// <summary>Day the version stops applying (exclusive), if declared.</summary>
    public DateOnly? EffectiveUntil { get; }

    /// <summary>How fired rules become a grade.</summary>
    public HitPolicy HitPolicy { get; }

    /// <summary>The grades in declared order.</summary>
    public IReadOnlyList<Grade> Grades { get; }

    /// <summary>The declared fact fields.</summary>
    public IReadOnlyList<PolicyFieldInfo> Fields { get; }

    /// <summary>The file the version was loaded from.</summary>
    public string Path { get; }

    /// <summary>For a group policy (one that decides over many facts at once): its key fields; empty for a single-fact policy.</summary>
    public IReadOnlyList<string> GroupBy { get; internal init; } = [];

    /// <summary>The policies whose decisions this one reads (<c>decision('id').grade</c>), decided on the same fact; empty when none.</summary>
    public IReadOnlyList<string> Reads { get; internal init; } = [];

    /// <summary>
    /// For a <c>collect</c> policy: the outputs its <c>aggregate:</c> section folds from the fired rules' outputs (in
    /// <see cref="Decision.Outputs"/> under these names, as numbers written invariantly); empty when none.
    /// </summary>
    public IReadOnlyList<string> CollectAggregates { get; internal init; } = [];

    /// <summary>Whether the policy is a group policy that decides each group (one decision per key) rather than each member.</summary>
    public bool DecidesEachGroup { get; internal init; }

    /// <summary>The id and the version, as decisions name them: <c>loan-five-category@2024</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id}@{Version}";
}
