using Tiering.Rules.Text;

namespace Tiering.Rules.Model;

/// <summary>What an aggregate computes over a group's members.</summary>
internal enum GroupAggregateKind
{
    Sum,
    Count,
    Min,
    Max,
    Avg,
    Share,
}

/// <summary>
/// One aggregate of a group policy (<c>group.aggregates</c>): its kind, the member field it reads (none for
/// <c>count</c>), the member condition that selects the members it counts (<c>where</c>, which may read the member's
/// chained decisions), and for <c>share</c> whether the whole is the group's or the whole input's total. Rules read it
/// through its pseudo-field <see cref="Field"/> (<c>group.&lt;name&gt;</c>).
/// </summary>
internal sealed record AggregateDefinition(string Name, GroupAggregateKind Kind, FieldDefinition? Of, BoundExpr? Where, bool OverInput, SourceSpan Span)
{
    /// <summary>The pseudo-field <c>group.&lt;name&gt;</c> that conditions read.</summary>
    public FieldDefinition Field { get; init; } = null!;

    /// <summary>The member condition as written, for traces.</summary>
    public string? WhereText { get; init; }

    /// <summary>
    /// Whether the aggregate can be missing: <c>min</c>, <c>max</c> and <c>avg</c> over no member, <c>share</c> of a zero
    /// whole. A rule that reads a missing aggregate does not fire (its condition is guarded at build time).
    /// </summary>
    public bool CanBeMissing => Kind is GroupAggregateKind.Min or GroupAggregateKind.Max or GroupAggregateKind.Avg or GroupAggregateKind.Share;

    /// <summary>How the aggregate is written, for traces: <c>share(balance) where … over input</c>.</summary>
    public string Describe()
    {
        var text = Kind == GroupAggregateKind.Count ? "count(members)" : $"{Kind.ToString().ToLowerInvariant()}({Of!.Name})";
        text += WhereText is null ? string.Empty : $" where {WhereText}";
        return Kind == GroupAggregateKind.Share ? text + (OverInput ? " of the whole input" : " of the group") : text;
    }
}

/// <summary>
/// The <c>group:</c> section of a policy that decides over many facts at once: the key fields that make facts one
/// group, the fields that must be constant within a group, the aggregates over each group's valid members, and
/// whether the policy decides each member (its rules read the member's fields and the group's aggregates) or each
/// group (the group fact — key, constant fields and aggregates — is decided by the policy named in
/// <see cref="DecideWith"/>, or, when that is null, by the policy's own grades and rules, which read only the group fact).
/// </summary>
internal sealed record GroupDefinition(
    FieldDefinition[] Key,
    bool DecidesGroups,
    FieldDefinition[] Constant,
    AggregateDefinition[] Aggregates,
    string? DecideWith,
    SourceSpan Span)
{
    /// <summary>Whether some aggregate's whole is the whole input (a share of a total): every group waits for the input's end.</summary>
    public bool HasInputAggregates
    {
        get
        {
            foreach (var aggregate in Aggregates)
            {
                if (aggregate.OverInput)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
