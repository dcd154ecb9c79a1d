namespace Tiering.Rules.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information, shown on request (for example an accepted analysis finding).</summary>
    Info = 0,

    /// <summary>A likely mistake that does not stop the policy from loading.</summary>
    Warning = 1,

    /// <summary>A mistake that stops the policy file from loading.</summary>
    Error = 2,
}
