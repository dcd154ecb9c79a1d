namespace Tiering.Rules.Impact;

/// <summary>What one side of a comparison was: the policy, the as-of date, the versions that decided and the grades. Immutable.</summary>
public sealed class ImpactSideSummary
{
    internal ImpactSideSummary(string policyId, DateOnly? asOf, IReadOnlyList<string> versions, IReadOnlyList<string> grades)
    {
        PolicyId = policyId;
        AsOf = asOf;
        Versions = versions;
        Grades = grades;
    }

    /// <summary>The policy id.</summary>
    public string PolicyId { get; }

    /// <summary>The as-of date, or null.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>The versions that decided at least one record (normally one), in the order first seen.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>The grade ids of the version this side decides with, least to most severe (or lowest to highest).</summary>
    public IReadOnlyList<string> Grades { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PolicyId}@{string.Join("/", Versions)}";
}
