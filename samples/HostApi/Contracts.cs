using Tiering.Rules.DependencyInjection;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Samples.HostApi;

/// <summary>A decision as JSON, in the shape of the CLI's <c>classify</c> output plus the set version.</summary>
internal sealed record DecisionResponse(
    string Policy,
    string Version,
    long SetVersion,
    string Status,
    string? Grade,
    IReadOnlyList<string> Fired,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<FieldErrorResponse> Errors)
{
    public static DecisionResponse From(EngineDecision result)
    {
        var d = result.Decision;
        return new DecisionResponse(
            d.PolicyId,
            d.PolicyVersion,
            result.SetVersion,
            d.Status.ToSnakeCase(),
            d.Grade?.Id,
            d.FiredRuleIds,
            d.Outputs,
            [.. d.Errors.Select(e => new FieldErrorResponse(e.Field, e.Message))]);
    }

}

/// <summary>One problem with one fact field.</summary>
internal sealed record FieldErrorResponse(string Field, string Message);

/// <summary>One loaded policy version.</summary>
internal sealed record PolicyResponse(string Id, string Version, string? Title, DateOnly? EffectiveFrom, DateOnly? EffectiveUntil);

/// <summary>What is loaded: the policies, the set version and the last reload error (each diagnostic as <c>file:line:col: error CODE: message</c>).</summary>
internal sealed record PoliciesResponse(
    long SetVersion,
    DateTimeOffset LoadedAt,
    string Fingerprint,
    IReadOnlyList<PolicyResponse> Policies,
    IReadOnlyList<string>? LastReloadError)
{
    public static PoliciesResponse From(PolicySetSnapshot current, IReadOnlyList<Diagnostic>? lastReloadError) => new(
        current.Version,
        current.LoadedAt,
        current.Fingerprint,
        [.. current.PolicySet.Policies.Select(p => new PolicyResponse(p.Id, p.Version, p.Title, p.EffectiveFrom, p.EffectiveUntil))],
        lastReloadError?.Select(d => d.ToString()).ToList());
}

/// <summary>The outcome of <c>POST /reload</c>.</summary>
internal sealed record ReloadResponse(string Outcome, long SetVersion, IReadOnlyList<string> Diagnostics)
{
    public static ReloadResponse From(ReloadResult result) => new(
        result.Outcome.ToString().ToLowerInvariant(),
        result.Current.Version,
        [.. result.Diagnostics.Select(d => d.ToString())]);
}
