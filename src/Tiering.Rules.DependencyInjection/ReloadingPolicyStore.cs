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
/// <para>A background reload never serves a state nobody wrote (Envoy's and OPA's last-known-good bundles): it reads
/// the files, reads them again <see cref="TieringRulesOptions.StabilityInterval"/> later, and goes on only when both
/// reads saw the same sizes, write times and texts (outside the gate, so deciding and manual reloads never wait for
/// it); with <see cref="TieringRulesOptions.ReloadMarkerFile"/> it also waits for the marker to be written anew. A
/// policy whose file vanished keeps its last good text for <see cref="TieringRulesOptions.VanishedPolicyGracePeriod"/>
/// (the other files load around it), and a reload whose policies newly have dead grades or unread fields (TR4006,
/// TR4008: the tell of a truncated file) is logged, and refused with
/// <see cref="TieringRulesOptions.RefuseSuspiciousReloads"/>.</para>
/// </remarks>
internal sealed class ReloadingPolicyStore : IDisposable
{
    private const int MaxErrorsLogged = 5;

    /// <summary>How many stability intervals a background reload waits for changing files before it defers.</summary>
    private const int MaxStabilityAttempts = 20;

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
    private readonly TimeSpan _stabilityInterval;
    private readonly TimeSpan _grace;
    private readonly bool _refuseSuspicious;
    private readonly string? _markerPath;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Policies whose files vanished, by id: when first missed (guarded by the gate).</summary>
    private readonly Dictionary<string, DateTimeOffset> _vanished = new(StringComparer.Ordinal);
    private string? _appliedMarker;
    private ITimer? _graceTimer;
    private int _backgroundBusy;
    private int _backgroundAgain;

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
        _stabilityInterval = options.StabilityInterval;
        _grace = options.VanishedPolicyGracePeriod;
        _refuseSuspicious = options.RefuseSuspiciousReloads;
        _markerPath = options.ReloadMarkerFile is { } marker ? Path.GetFullPath(Path.Combine(_directory, marker)) : null;
        _appliedMarker = MarkerStamp();

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

                _current = new PolicySetSnapshot(set, 1, _time.GetUtcNow(), content.Key ?? string.Empty, options.EngineFactory, content.Sources ?? [], new Dictionary<string, DateTimeOffset>());
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
        _stopping.Cancel();
        StopWatching();

        // Wait for a reload in progress, so that no event is raised after Dispose returns.
        lock (_gate)
        {
        }
    }

    private ReloadResult ReloadCore(ReloadTrigger trigger, RulesContent? stable = null)
    {
        lock (_gate)
        {
            var current = _current;
            if (_disposed)
            {
                ObjectDisposedException.ThrowIf(trigger == ReloadTrigger.Manual, this);
                return new ReloadResult(ReloadOutcome.Unchanged, current, []);
            }

            var content = stable ?? RulesDirectoryReader.Read(_directory, _limits);
            var now = _time.GetUtcNow();
            if (content.Key is not null && content.Key == current.ContentKey && !GraceEnded(now))
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
            var sources = content.Sources ?? [];
            if (result.PolicySet is { } loaded && KeepVanished(current, loaded, sources, now) is { } kept)
            {
                // Some policy's file has vanished within its grace period: load the files with its last good text.
                (result, sources) = (PolicyLoader.LoadSources(kept, _limits), kept);
            }

            if (result.PolicySet is { } candidate && Suspicious(current, candidate) is { Count: > 0 } tells)
            {
                Log.SuspiciousReload(_logger, _directory, _refuseSuspicious ? "refused" : "swapped in", current.Version, FormatAll(tells));
                _metrics.RecordReload(_refuseSuspicious ? TieringMetrics.Refused : TieringMetrics.Suspicious);
                if (_refuseSuspicious)
                {
                    _lastFailedKey = content.Key;
                    Volatile.Write(ref _lastError, tells);
                    Raise(ReloadFailed, nameof(ITieringEngine.ReloadFailed), new PolicySetReloadFailedEventArgs(tells, current));
                    return new ReloadResult(ReloadOutcome.Failed, current, tells);
                }
            }

            if (result.PolicySet is { } set)
            {
                if (trigger != ReloadTrigger.Manual)
                {
                    // Already off the request path: compile every policy now, so the first decisions after the swap
                    // run at full speed instead of starting on the closure backend.
                    set.Prepare();
                }

                var next = new PolicySetSnapshot(set, current.Version + 1, now, content.Key ?? string.Empty, _engineFactory, sources, new Dictionary<string, DateTimeOffset>(_vanished, StringComparer.Ordinal));
                ArmGraceTimer();
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
        _graceTimer?.Dispose();
    }

    private void OnFileEvent(string path, string? oldPath = null)
    {
        if (IsRelevant(path) || (oldPath is not null && IsRelevant(oldPath)) || IsMarker(path) || (oldPath is not null && IsMarker(oldPath)))
        {
            Signal();
        }
    }

    private bool IsMarker(string path) => _markerPath is not null && string.Equals(Path.GetFullPath(path), _markerPath, StringComparison.Ordinal);

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

        _ = PollAsync();
    }

    private async Task PollAsync()
    {
        try
        {
            await ReloadInBackgroundAsync(ReloadTrigger.Poll).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    /// <summary>Starts a background reload from a timer callback; the stability waits are awaited, not slept, so no pool thread is held.</summary>
    private void ReloadInBackground(ReloadTrigger trigger) => _ = ReloadInBackgroundAsync(trigger);

    private async Task ReloadInBackgroundAsync(ReloadTrigger trigger)
    {
        if (_disposed)
        {
            return;
        }

        // One background reload at a time (its stability wait is outside the gate); a trigger meanwhile runs it again.
        if (Interlocked.Exchange(ref _backgroundBusy, 1) == 1)
        {
            Volatile.Write(ref _backgroundAgain, 1);
            return;
        }

        try
        {
            do
            {
                Volatile.Write(ref _backgroundAgain, 0);
                await ReloadWhenStableAsync(trigger).ConfigureAwait(false);
            }
            while (!_disposed && Volatile.Read(ref _backgroundAgain) == 1);
        }
        finally
        {
            Volatile.Write(ref _backgroundBusy, 0);
        }

        if (!_disposed && Volatile.Read(ref _backgroundAgain) == 1)
        {
            Signal(); // a trigger slipped in between the last pass and the release: let the debounce run it
        }
    }

    /// <summary>
    /// The background reload: waits for the marker (when one is set) and for the files to hold still, then reloads
    /// with the content read last. Files that keep changing for a long while defer the reload (logged, counted) to
    /// the next event or tick.
    /// </summary>
    private async Task ReloadWhenStableAsync(ReloadTrigger trigger)
    {
        try
        {
            var marker = MarkerStamp();
            if (_markerPath is not null && (marker is null || marker == Volatile.Read(ref _appliedMarker)))
            {
                Log.ReloadAwaitsMarker(_logger, _directory, _markerPath, Current.Version);
                if (!GraceEnded(_time.GetUtcNow()))
                {
                    return;
                }

                marker = Volatile.Read(ref _appliedMarker); // only a vanished policy's grace period ends
            }

            var content = await ReadStableAsync(trigger).ConfigureAwait(false);
            if (content is null)
            {
                return;
            }

            ReloadCore(trigger, content);
            Volatile.Write(ref _appliedMarker, marker);
        }
#pragma warning disable CA1031 // A timer thread must survive anything; the serving set is untouched and the failure is logged and counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.RecordReload(TieringMetrics.Failure);
            Log.BackgroundReloadThrew(_logger, _directory, Volatile.Read(ref _current)?.Version ?? 0, ex);
        }
    }

    /// <summary>
    /// Reads the directory until two reads saw the same files (sizes, write times, texts) and no file was written in
    /// the last <see cref="TieringRulesOptions.StabilityInterval"/>: after each read it waits until the newest write is
    /// that old (at least a quarter of the interval, so that file systems with coarse write times are still compared
    /// across a real pause), then reads again. Null when disposed meanwhile, or when the files were still changing
    /// after <see cref="MaxStabilityAttempts"/> tries (then the reload is deferred).
    /// </summary>
    private async Task<RulesContent?> ReadStableAsync(ReloadTrigger trigger)
    {
        var content = RulesDirectoryReader.Read(_directory, _limits);
        if (_stabilityInterval <= TimeSpan.Zero)
        {
            return content;
        }

        for (var attempt = 1; attempt <= MaxStabilityAttempts; attempt++)
        {
            var age = DateTime.UtcNow - content.NewestWrite; // file times are the system clock's, not the TimeProvider's
            var wait = _stabilityInterval - age;
            wait = wait < _stabilityInterval / 4 ? _stabilityInterval / 4 : wait > _stabilityInterval ? _stabilityInterval : wait;
            try
            {
                await Task.Delay(wait, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null; // disposed
            }

            var again = RulesDirectoryReader.Read(_directory, _limits);
            if (again.Stamp is not null && again.Stamp == content.Stamp && DateTime.UtcNow - again.NewestWrite >= _stabilityInterval)
            {
                return again;
            }

            content = again;
        }

        _metrics.RecordReload(TieringMetrics.Deferred);
        Log.ReloadDeferred(_logger, _directory, _stabilityInterval * MaxStabilityAttempts, Current.Version);
        if (trigger == ReloadTrigger.Watch)
        {
            Signal(); // try again after the next quiet debounce interval; polling tries on its next tick
        }

        return null;
    }

    /// <summary>The marker file's text, size and write time, or null when there is none (or no marker is set).</summary>
    private string? MarkerStamp()
    {
        if (_markerPath is null)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(_markerPath);
            return info.Exists ? $"{info.Length}/{info.LastWriteTimeUtc.Ticks}/{File.ReadAllText(_markerPath)}" : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the grace period of some vanished policy has ended (then a reload must run, to remove it).</summary>
    private bool GraceEnded(DateTimeOffset now)
    {
        lock (_vanished)
        {
            foreach (var since in _vanished.Values)
            {
                if (now - since >= _grace)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// When policies the serving set holds are missing from <paramref name="loaded"/> because their files vanished
    /// (their paths are gone), the sources to load instead: the files read, plus each such policy's last good text,
    /// while its grace period runs. Null when nothing is kept. Updates <see cref="_vanished"/> (under the gate).
    /// </summary>
    private List<PolicySource>? KeepVanished(PolicySetSnapshot current, PolicySet loaded, IReadOnlyList<PolicySource> sources, DateTimeOffset now)
    {
        var present = new HashSet<string>(loaded.Policies.Select(p => p.Id), StringComparer.Ordinal);
        var paths = new HashSet<string>(sources.Select(s => s.Path), StringComparer.Ordinal);
        List<PolicySource>? kept = null;
        lock (_vanished)
        {
            foreach (var id in _vanished.Keys.Where(present.Contains).ToList())
            {
                _vanished.Remove(id);
                Log.PolicyReturned(_logger, id, _directory);
            }

            foreach (var group in current.PolicySet.Policies.Where(p => !present.Contains(p.Id)).GroupBy(p => p.Id))
            {
                var lastGood = current.Sources.Where(s => group.Any(p => p.Path == s.Path)).ToList();
                if (_grace <= TimeSpan.Zero || lastGood.Count == 0 || lastGood.Any(s => paths.Contains(s.Path)))
                {
                    // Deletions apply at once, or the policy left a file that is still there: an edit, not a vanished file.
                    _vanished.Remove(group.Key);
                    continue;
                }

                if (!_vanished.TryGetValue(group.Key, out var since))
                {
                    _vanished[group.Key] = since = now;
                    Log.PolicyVanished(_logger, group.Key, _directory, since + _grace);
                }

                if (now - since >= _grace)
                {
                    _vanished.Remove(group.Key);
                    Log.PolicyRemoved(_logger, group.Key, _directory);
                    continue;
                }

                (kept ??= [.. sources]).AddRange(lastGood.Where(s => !kept.Contains(s)));
            }
        }

        return kept;
    }

    /// <summary>Re-arms the timer that reloads when the first running grace period ends (so a vanished policy is removed without another event).</summary>
    private void ArmGraceTimer()
    {
        DateTimeOffset? first = null;
        lock (_vanished)
        {
            foreach (var since in _vanished.Values)
            {
                first = first is { } f && f <= since + _grace ? f : since + _grace;
            }
        }

        if (first is not { } end || _disposed)
        {
            return;
        }

        var due = end - _time.GetUtcNow();
        _graceTimer ??= _time.CreateTimer(static s => ((ReloadingPolicyStore)s!).ReloadInBackground(ReloadTrigger.Watch), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _graceTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due + TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The tell of a truncated file: a policy of the new set with more TR4006 findings (grades no rule produces) or
    /// more TR4008 findings (fields no rule reads) than it had in the serving set; those findings. An edit that moves
    /// a dead grade from one grade to another is not a tell; a file cut after its first rules is.
    /// </summary>
    private static List<Diagnostic> Suspicious(PolicySetSnapshot current, PolicySet next)
    {
        var before = current.PolicySet.Diagnostics.Where(IsTell).GroupBy(TellKey).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. next.Diagnostics.Where(IsTell).GroupBy(TellKey).Where(g => g.Count() > before.GetValueOrDefault(g.Key)).SelectMany(g => g)];

        static bool IsTell(Diagnostic d) => d.Code is "TR4006" or "TR4008";
        static string TellKey(Diagnostic d) => $"{d.PolicyId}\0{d.Code}";
    }

    private static string FormatAll(IReadOnlyList<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Take(MaxErrorsLogged).Select(d => Environment.NewLine + "  " + d));

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
