// Over 400 lines on purpose: the store's states (serving set, pending reload, debounce timer, watcher) are changed under
// one lock, and every path that touches them (manual reload, file events, disposal) is kept in this file so that the
// locking can be read in one place.
using Microsoft.Extensions.Logging;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection;

/// <summary>What started a reload.</summary>
internal enum ReloadTrigger
{
    /// <summary><see cref="ITieringEngine.Reload"/>.</summary>
    Manual,

    /// <summary>File-system events, after the debounce interval.</summary>
    Watch,

    /// <summary>A polling tick.</summary>
    Poll,
}

/// <summary>
/// Holds the serving <see cref="PolicySetSnapshot"/> and replaces it when the rules directory changes.
/// </summary>
/// <remarks>
/// <para>Readers take <see cref="Current"/> without locking: a snapshot is immutable and is published with one
/// <see cref="Volatile.Write{T}(ref T, T)"/>, so a reader sees either the old set or the new one, never a mix.</para>
/// <para>Reloads are serialised by one gate and run on a timer thread (or on the caller's thread for a manual
/// reload), never on the decision path. Each reload reads every policy file once, as the loader does, and rebuilds
/// only when the content key (the relative paths and the set fingerprint of the texts, <see cref="RulesContent"/>)
/// differs from the serving set's (and, for background reloads, from the last content that failed). A failed load
/// leaves the serving snapshot in place and is kept as <see cref="LastError"/> (its errors) until a later reload
/// succeeds or the files again match the serving set.</para>
/// <para>Change detection: a <see cref="FileSystemWatcher"/> on the directory and its subdirectories, whose events
/// re-arm a one-shot debounce timer (a save that raises several events causes one reload, after the debounce
/// interval of quiet, or after eight intervals under a continuous stream of events); or, in polling mode or when
/// the watcher cannot start, a periodic timer that reads the files and compares their key.</para>
/// </remarks>
internal sealed class ReloadingPolicyStore : IDisposable
{
    private const int MaxErrorsLogged = 5;

    private readonly object _gate = new();
    private readonly object _eventSender;
    private readonly string _directory;
    private readonly LoadLimits _limits;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _maxDebounceDelay;
    private readonly TimeSpan _pollingInterval;
    private readonly ILogger _logger;
    private readonly TieringMetrics _metrics;
    private readonly TimeProvider _time;

    /// <summary>Makes each loaded set's engine (<see cref="TieringRulesOptions.EngineFactory"/>); null for the compiled engine.</summary>
    private readonly Func<PolicySet, IPolicyEngine>? _engineFactory;

    private PolicySetSnapshot _current;
    private IReadOnlyList<Diagnostic>? _lastError;
    private string? _lastFailedKey;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private ITimer? _pollTimer;
    private long _pendingSince;
    private int _polling;
    private volatile bool _disposed;

    /// <summary>Loads the directory and, when asked, starts watching it.</summary>
    /// <exception cref="PolicyLoadException">The policies did not load.</exception>
    public ReloadingPolicyStore(TieringRulesOptions options, object eventSender, ILogger logger, TieringMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RulesDirectory);
        _eventSender = eventSender;
        _directory = Path.GetFullPath(options.RulesDirectory);
        _limits = options.Limits ?? LoadLimits.Default;
        _debounce = options.DebounceInterval;
        _maxDebounceDelay = options.DebounceInterval * 8;
        _pollingInterval = options.PollingInterval;
        _logger = logger;
        _metrics = metrics;
        _time = time;
        _engineFactory = options.EngineFactory;

        lock (_gate)
        {
            try
            {
                // Watch first, so that nothing written during the initial load is missed: the events wait for the gate.
                if (options.ReloadOnChange)
                {
                    StartWatching(options.UsePolling);
                }

                var content = RulesDirectoryReader.Read(_directory, _limits);
                var result = content.Result ?? PolicyLoader.LoadSources(content.Sources!, _limits);
                if (result.PolicySet is not { } set)
                {
                    var diagnostics = ErrorsFirst(result.Diagnostics);
                    Log.PoliciesDidNotLoad(_logger, _directory, CountErrors(diagnostics), FormatErrors(diagnostics));
                    throw new PolicyLoadException(diagnostics);
                }

                _current = new PolicySetSnapshot(set, 1, _time.GetUtcNow(), content.Key ?? string.Empty, options.EngineFactory);
                LogWarnings(set);
                Log.PoliciesLoaded(_logger, set.Policies.Count, _directory, 1, set.Fingerprint);
            }
            catch
            {
                // A watcher event or timer tick already queued must find the store closed, not half-built.
                _disposed = true;
                StopWatching();
                throw;
            }
        }
    }

    public event EventHandler<PolicySetReloadedEventArgs>? Reloaded;

    public event EventHandler<PolicySetReloadFailedEventArgs>? ReloadFailed;

    public PolicySetSnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<Diagnostic>? LastError => Volatile.Read(ref _lastError);

    /// <summary>Reloads now on the calling thread.</summary>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ReloadResult Reload()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReloadCore(ReloadTrigger.Manual);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWatching();

        // Wait for a reload in progress, so that no event is raised after Dispose returns.
        lock (_gate)
        {
        }
    }

    private ReloadResult ReloadCore(ReloadTrigger trigger)
    {
        lock (_gate)
        {
            var current = _current;
            if (_disposed)
            {
                ObjectDisposedException.ThrowIf(trigger == ReloadTrigger.Manual, this);
                return new ReloadResult(ReloadOutcome.Unchanged, current, []);
            }

            var content = RulesDirectoryReader.Read(_directory, _limits);
            if (content.Key is not null && content.Key == current.ContentKey)
            {
                if (_lastError is not null)
                {
                    _lastFailedKey = null;
                    Volatile.Write(ref _lastError, null);
                    Log.ReloadErrorCleared(_logger, _directory, current.Version);
                }

                return Unchanged(trigger, current);
            }

            if (trigger != ReloadTrigger.Manual && content.Key is not null && content.Key == _lastFailedKey)
            {
                // The same content already failed and was reported; loading it again would give the same errors.
                return Unchanged(trigger, current);
            }

            var result = content.Result ?? PolicyLoader.LoadSources(content.Sources!, _limits);
            if (result.PolicySet is { } set)
            {
                if (trigger != ReloadTrigger.Manual)
                {
                    // Already off the request path: compile every policy now, so the first decisions after the swap
                    // run at full speed instead of starting on the closure backend.
                    set.Prepare();
                }

                var next = new PolicySetSnapshot(set, current.Version + 1, _time.GetUtcNow(), content.Key ?? string.Empty, _engineFactory);
                Volatile.Write(ref _current, next);
                _lastFailedKey = null;
                Volatile.Write(ref _lastError, null);
                _metrics.RecordReload(TieringMetrics.Success);
                LogWarnings(set);
                Log.ReloadSucceeded(_logger, set.Policies.Count, _directory, next.Version, current.Version, set.Fingerprint);
                Raise(Reloaded, nameof(ITieringEngine.Reloaded), new PolicySetReloadedEventArgs(current, next));
                return new ReloadResult(ReloadOutcome.Succeeded, next, result.Diagnostics);
            }

            var diagnostics = ErrorsFirst(result.Diagnostics);
            _lastFailedKey = content.Key;
            Volatile.Write(ref _lastError, [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)]);
            _metrics.RecordReload(TieringMetrics.Failure);
            Log.ReloadFailed(_logger, _directory, CountErrors(diagnostics), current.Version, FormatErrors(diagnostics));
            Raise(ReloadFailed, nameof(ITieringEngine.ReloadFailed), new PolicySetReloadFailedEventArgs(diagnostics, current));
            return new ReloadResult(ReloadOutcome.Failed, current, diagnostics);
        }
    }

    private ReloadResult Unchanged(ReloadTrigger trigger, PolicySetSnapshot current)
    {
        // A polling tick that finds nothing new is not a reload; anything else that was asked for is counted.
        if (trigger != ReloadTrigger.Poll)
        {
            _metrics.RecordReload(TieringMetrics.Unchanged);
            Log.ReloadUnchanged(_logger, _directory, current.Version);
        }

        return new ReloadResult(ReloadOutcome.Unchanged, current, []);
    }

    private void StartWatching(bool usePolling)
    {
        // Timer and watcher callbacks must not carry the execution context (Activity, logging scopes) of whichever
        // request happened to create the engine.
        var restoreFlow = !ExecutionContext.IsFlowSuppressed();
        if (restoreFlow)
        {
            ExecutionContext.SuppressFlow();
        }

        try
        {
            StartWatchingCore(usePolling);
        }
        finally
        {
            if (restoreFlow)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    private void StartWatchingCore(bool usePolling)
    {
        if (!usePolling)
        {
            FileSystemWatcher? watcher = null;
            try
            {
                _debounceTimer = _time.CreateTimer(static s => ((ReloadingPolicyStore)s!).OnDebounceElapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                watcher = new FileSystemWatcher(_directory)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                    InternalBufferSize = 64 * 1024,
                };
                watcher.Changed += (_, e) => OnFileEvent(e.FullPath);
                watcher.Created += (_, e) => OnFileEvent(e.FullPath);
                watcher.Deleted += (_, e) => OnFileEvent(e.FullPath);
                watcher.Renamed += (_, e) => OnFileEvent(e.FullPath, e.OldFullPath);
                watcher.Error += (_, e) => OnWatcherError(e.GetException());
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                Log.WatchingStarted(_logger, _directory, "file-system events");
                return;
            }
            catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or UnauthorizedAccessException or ArgumentException)
            {
                watcher?.Dispose();
                Log.WatcherUnavailable(_logger, _directory, ex.Message, _pollingInterval);
            }
        }

        _pollTimer = _time.CreateTimer(static s => ((ReloadingPolicyStore)s!).OnPollElapsed(), this, _pollingInterval, _pollingInterval);
        Log.WatchingStarted(_logger, _directory, $"polling every {_pollingInterval}");
    }

    private void StopWatching()
    {
        if (_watcher is { } watcher)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        _debounceTimer?.Dispose();
        _pollTimer?.Dispose();
    }

    private void OnFileEvent(string path, string? oldPath = null)
    {
        if (IsRelevant(path) || (oldPath is not null && IsRelevant(oldPath)))
        {
            Signal();
        }
    }

    /// <summary>Policy files, and names without an extension (directories: a renamed or deleted folder of policies).</summary>
    private static bool IsRelevant(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Length == 0
            || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase);
    }

    private void OnWatcherError(Exception exception)
    {
        // Usually a buffer overflow: events were lost, so rescan.
        Log.WatcherError(_logger, _directory, exception);
        Signal();
    }

    /// <summary>Re-arms the debounce timer: the reload starts once events have been quiet for the debounce interval.</summary>
    private void Signal()
    {
        if (_disposed)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var since = Interlocked.CompareExchange(ref _pendingSince, now, 0);
        var waited = since == 0 ? TimeSpan.Zero : _time.GetElapsedTime(since, now);
        try
        {
            _debounceTimer?.Change(waited >= _maxDebounceDelay ? TimeSpan.Zero : _debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call.
        }
    }

    private void OnDebounceElapsed()
    {
        // Events from now on start a new debounce window; whatever they change is read by this reload or the next.
        Interlocked.Exchange(ref _pendingSince, 0);
        ReloadInBackground(ReloadTrigger.Watch);
    }

    private void OnPollElapsed()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return; // the previous tick is still reading
        }

        try
        {
            ReloadInBackground(ReloadTrigger.Poll);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    private void ReloadInBackground(ReloadTrigger trigger)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            ReloadCore(trigger);
        }
#pragma warning disable CA1031 // A timer thread must survive anything; the serving set is untouched and the failure is logged and counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.RecordReload(TieringMetrics.Failure);
            Log.BackgroundReloadThrew(_logger, _directory, Volatile.Read(ref _current)?.Version ?? 0, ex);
        }
    }

    private void Raise<TArgs>(EventHandler<TArgs>? handlers, string eventName, TArgs args)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<TArgs>)handler)(_eventSender, args);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop the other subscribers or the reload.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.EventHandlerThrew(_logger, eventName, ex);
            }
        }
    }

    private void LogWarnings(PolicySet set)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        foreach (var diagnostic in set.Diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Warning)
            {
                Log.PolicyLoadWarning(_logger, diagnostic.ToString());
            }
        }
    }

    private static IReadOnlyList<Diagnostic> ErrorsFirst(IReadOnlyList<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), .. diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error)];

    private static int CountErrors(IReadOnlyList<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The first errors, one per line, each as <c>file:line:col: error CODE: message</c>.</summary>
    private static string FormatErrors(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var lines = errors.Take(MaxErrorsLogged).Select(d => Environment.NewLine + "  " + d);
        var more = errors.Count > MaxErrorsLogged ? $"{Environment.NewLine}  … and {errors.Count - MaxErrorsLogged} more" : string.Empty;
        return string.Concat(lines) + more;
    }
}
