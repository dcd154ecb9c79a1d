namespace Tiering.Rules;

/// <summary>The status words of the CLI's and the host's JSON output.</summary>
public static class DecisionStatusNames
{
    /// <summary>
    /// The snake_case word for a status, as written in JSON output and test files:
    /// <c>classified</c>, <c>not_applicable</c>, <c>unclassified</c>, <c>invalid</c>, <c>conflict</c>.
    /// </summary>
    /// <param name="status">The status.</param>
    /// <returns>The word.</returns>
    public static string ToSnakeCase(this DecisionStatus status) => status switch
    {
        DecisionStatus.Classified => "classified",
        DecisionStatus.NotApplicable => "not_applicable",
        DecisionStatus.Unclassified => "unclassified",
        DecisionStatus.Invalid => "invalid",
        DecisionStatus.Conflict => "conflict",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };
}
