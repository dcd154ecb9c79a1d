namespace Tiering.Rules.Testing;

/// <summary>What a policy test case expects; null members are not checked. Immutable.</summary>
public sealed class PolicyTestExpectation
{
    /// <summary>Creates an expectation.</summary>
    /// <param name="status">The expected status.</param>
    /// <param name="grade">The expected grade id.</param>
    /// <param name="fired">The exact set of rule ids expected to fire.</param>
    /// <param name="outputs">Outputs that must be present with these values.</param>
    /// <param name="invalidFields">Fields an invalid decision must name.</param>
    internal PolicyTestExpectation(
        DecisionStatus? status,
        string? grade,
        IReadOnlyList<string>? fired,
        IReadOnlyDictionary<string, string>? outputs,
        IReadOnlyList<string>? invalidFields)
    {
        Status = status;
        Grade = grade;
        Fired = fired;
        Outputs = outputs;
        InvalidFields = invalidFields;
    }

    /// <summary>The expected status (<c>expect.status</c>), or null when the case does not give one.</summary>
    public DecisionStatus? Status { get; }

    /// <summary>The expected grade id (<c>expect.grade</c>), or null.</summary>
    public string? Grade { get; }

    /// <summary>The exact set of rule ids expected to fire (<c>expect.fired</c>), or null.</summary>
    public IReadOnlyList<string>? Fired { get; }

    /// <summary>Outputs that must be present with these values (<c>expect.outputs</c>), or null.</summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; }

    /// <summary>Fields an invalid decision must name (<c>expect.invalid</c>), or null.</summary>
    public IReadOnlyList<string>? InvalidFields { get; }

    /// <summary>For a group policy's decision: the group key it must carry, or null when not checked.</summary>
    public string? Key { get; internal init; }

    /// <summary>For a group policy's decision: how many members its group must have counted, or null when not checked.</summary>
    public int? Members { get; internal init; }

    /// <summary>For a group policy's decision: how many members of its group must have been excluded, or null when not checked.</summary>
    public int? Excluded { get; internal init; }
}
