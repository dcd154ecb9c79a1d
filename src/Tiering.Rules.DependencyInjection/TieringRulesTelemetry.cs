namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// Names to subscribe to the engine's logs and metrics by. Metrics: counter <c>tiering.decisions</c> (tags
/// <c>policy</c>, <c>status</c>), histogram <c>tiering.decision.duration</c> in milliseconds (tags <c>policy</c>,
/// <c>batch</c>), counter <c>tiering.reloads</c> (tag <c>outcome</c>: <c>success</c>, <c>failure</c> or
/// <c>unchanged</c>) and observable gauge <c>tiering.policyset.version</c>. Nothing is measured while no listener is enabled.
/// </summary>
public static class TieringRulesTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>, for example for OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "Tiering.Rules";

    /// <summary>The logger category the engine writes to.</summary>
    public const string LoggerCategory = "Tiering.Rules";
}
