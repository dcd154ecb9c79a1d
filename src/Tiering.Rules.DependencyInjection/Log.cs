using Microsoft.Extensions.Logging;

namespace Tiering.Rules.DependencyInjection;

/// <summary>The engine's log messages, source-generated so that a disabled level costs one check.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "PoliciesLoaded", Level = LogLevel.Information,
        Message = "Loaded {PolicyCount} policy version(s) from {RulesDirectory} as set {SetVersion} (fingerprint {Fingerprint})")]
    public static partial void PoliciesLoaded(ILogger logger, int policyCount, string rulesDirectory, long setVersion, string fingerprint);

    [LoggerMessage(EventId = 2, EventName = "PoliciesDidNotLoad", Level = LogLevel.Error,
        Message = "The policies in {RulesDirectory} did not load ({ErrorCount} error(s)):{Errors}")]
    public static partial void PoliciesDidNotLoad(ILogger logger, string rulesDirectory, int errorCount, string errors);

    [LoggerMessage(EventId = 3, EventName = "ReloadSucceeded", Level = LogLevel.Information,
        Message = "Reloaded {PolicyCount} policy version(s) from {RulesDirectory}: set {SetVersion} replaces set {PreviousSetVersion} (fingerprint {Fingerprint})")]
    public static partial void ReloadSucceeded(ILogger logger, int policyCount, string rulesDirectory, long setVersion, long previousSetVersion, string fingerprint);

    [LoggerMessage(EventId = 4, EventName = "ReloadFailed", Level = LogLevel.Error,
        Message = "Reload of {RulesDirectory} failed with {ErrorCount} error(s); set {SetVersion} keeps serving:{Errors}")]
    public static partial void ReloadFailed(ILogger logger, string rulesDirectory, int errorCount, long setVersion, string errors);

    [LoggerMessage(EventId = 5, EventName = "ReloadUnchanged", Level = LogLevel.Debug,
        Message = "Reload of {RulesDirectory} skipped: the policy files are unchanged (set {SetVersion} keeps serving)")]
    public static partial void ReloadUnchanged(ILogger logger, string rulesDirectory, long setVersion);

    [LoggerMessage(EventId = 6, EventName = "ReloadErrorCleared", Level = LogLevel.Information,
        Message = "The policy files in {RulesDirectory} again match set {SetVersion}; the last reload error is cleared")]
    public static partial void ReloadErrorCleared(ILogger logger, string rulesDirectory, long setVersion);

    [LoggerMessage(EventId = 7, EventName = "PolicyLoadWarning", Level = LogLevel.Warning,
        Message = "Policy load warning: {Diagnostic}")]
    public static partial void PolicyLoadWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 8, EventName = "InvalidFact", Level = LogLevel.Debug,
        Message = "Invalid fact for policy {PolicyId} version {PolicyVersion}: {FieldErrors}")]
    public static partial void InvalidFact(ILogger logger, string policyId, string policyVersion, string fieldErrors);

    [LoggerMessage(EventId = 9, EventName = "WatchingStarted", Level = LogLevel.Information,
        Message = "Watching {RulesDirectory} for changes by {Mode}")]
    public static partial void WatchingStarted(ILogger logger, string rulesDirectory, string mode);

    [LoggerMessage(EventId = 10, EventName = "WatcherUnavailable", Level = LogLevel.Warning,
        Message = "File-system events for {RulesDirectory} are not available ({Reason}); polling every {PollingInterval} instead")]
    public static partial void WatcherUnavailable(ILogger logger, string rulesDirectory, string reason, TimeSpan pollingInterval);

    [LoggerMessage(EventId = 11, EventName = "WatcherError", Level = LogLevel.Warning,
        Message = "The file watcher on {RulesDirectory} reported an error; rescanning the directory")]
    public static partial void WatcherError(ILogger logger, string rulesDirectory, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "BackgroundReloadThrew", Level = LogLevel.Error,
        Message = "Background reload of {RulesDirectory} threw; set {SetVersion} keeps serving")]
    public static partial void BackgroundReloadThrew(ILogger logger, string rulesDirectory, long setVersion, Exception exception);

    [LoggerMessage(EventId = 13, EventName = "EventHandlerThrew", Level = LogLevel.Error,
        Message = "A {EventName} event handler threw; the engine goes on")]
    public static partial void EventHandlerThrew(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(EventId = 14, EventName = "ReloadDeferred", Level = LogLevel.Information,
        Message = "Reload of {RulesDirectory} deferred: the policy files were still changing after {Waited}; set {SetVersion} keeps serving")]
    public static partial void ReloadDeferred(ILogger logger, string rulesDirectory, TimeSpan waited, long setVersion);

    [LoggerMessage(EventId = 15, EventName = "PolicyVanished", Level = LogLevel.Warning,
        Message = "The file of policy {PolicyId} in {RulesDirectory} has vanished; its last good version keeps serving until {Until:O}")]
    public static partial void PolicyVanished(ILogger logger, string policyId, string rulesDirectory, DateTimeOffset until);

    [LoggerMessage(EventId = 16, EventName = "PolicyRemoved", Level = LogLevel.Warning,
        Message = "Policy {PolicyId} is removed from {RulesDirectory}: its file vanished and did not return within the grace period")]
    public static partial void PolicyRemoved(ILogger logger, string policyId, string rulesDirectory);

    [LoggerMessage(EventId = 17, EventName = "PolicyReturned", Level = LogLevel.Information,
        Message = "The file of policy {PolicyId} in {RulesDirectory} is back")]
    public static partial void PolicyReturned(ILogger logger, string policyId, string rulesDirectory);

    [LoggerMessage(EventId = 18, EventName = "SuspiciousReload", Level = LogLevel.Warning,
        Message = "Reload of {RulesDirectory} looks like a truncated file ({Refused}): findings the serving set {SetVersion} did not have:{Findings}")]
    public static partial void SuspiciousReload(ILogger logger, string rulesDirectory, string refused, long setVersion, string findings);

    [LoggerMessage(EventId = 19, EventName = "ReloadAwaitsMarker", Level = LogLevel.Debug,
        Message = "Reload of {RulesDirectory} waits for the marker file {MarkerFile} to be written anew; set {SetVersion} keeps serving")]
    public static partial void ReloadAwaitsMarker(ILogger logger, string rulesDirectory, string markerFile, long setVersion);
}
