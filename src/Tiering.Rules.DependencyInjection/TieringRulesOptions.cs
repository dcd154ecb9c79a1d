using Tiering.Rules;

namespace Tiering.Rules.DependencyInjection;

/// <summary>
/// Settings for the <see cref="ITieringEngine"/> registered by
/// <c>services.AddTieringRules(o =&gt; …)</c>. Validated when the engine is first created (and when a host starts,
/// if the app uses one): an invalid value throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.
/// The engine reads these values once, when it is created; changing them later has no effect.
/// </summary>
public sealed class TieringRulesOptions
{
    /// <summary>
    /// The directory of policy files: every <c>*.yaml</c> and <c>*.yml</c> file under it, subdirectories included,
    /// except <c>*.tests.yaml</c>. A relative path is resolved against the current directory when the engine is created.
    /// </summary>
    /// <value>Required; the directory must exist.</value>
    public string? RulesDirectory { get; set; }

    /// <summary>
    /// Whether to reload the policies when a file under <see cref="RulesDirectory"/> changes. A reload builds a
    /// complete new policy set on a background thread and swaps it in at once; when the new files do not load,
    /// the previous set keeps serving and <see cref="ITieringEngine.LastReloadError"/> says why.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: the policies load once, and <see cref="ITieringEngine.Reload"/> reloads on request.</value>
    public bool ReloadOnChange { get; set; }

    /// <summary>
    /// Whether to detect changes by reading and hashing the policy files every <see cref="PollingInterval"/> instead
    /// of through file-system events. Use it where events are unreliable: network shares, some container mounts,
    /// Kubernetes ConfigMap volumes (whose files change by swapping a symbolic link). Only used when
    /// <see cref="ReloadOnChange"/> is <see langword="true"/>. When file-system events cannot be set up at all
    /// (for example the inotify watch limit is reached), the engine falls back to polling and logs a warning.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool UsePolling { get; set; }

    /// <summary>How often polling reads and hashes the policy files. Must be positive and at most one day.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long file-system events must stay quiet before a reload starts, so that one save (which usually raises
    /// several events) causes one rebuild. Under a continuous stream of events a reload still starts at least every
    /// eight intervals. Must be between zero and one hour.
    /// </summary>
    /// <value>Defaults to 250 milliseconds.</value>
    public TimeSpan DebounceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long the policy files must stay the same before a reload started by a file change or a polling tick swaps
    /// them in: the directory is read, read again this long after, and loaded only when every file's size, last write
    /// time and text are the same in both reads (else it waits and compares again). A writer that pauses mid-file for
    /// less than this never has its half-written file served. Zero turns the check off. <see cref="ITieringEngine.Reload"/>
    /// does not wait: whoever calls it says the files are complete. Must be between zero and one minute.
    /// </summary>
    /// <remarks>
    /// The supported way to publish is atomic: write each file under a temporary name in the same directory and rename
    /// it over the old one (or swap a symbolic link, as Kubernetes does for ConfigMap volumes); then no reader ever sees
    /// a partial file and this interval only delays reloads. For certainty with tools that cannot rename, set
    /// <see cref="ReloadMarkerFile"/>.
    /// </remarks>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan StabilityInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A file that gates reloads: when set, changed policy files are swapped in only after this file (a path relative
    /// to <see cref="RulesDirectory"/>, such as <c>rules.lock</c>) has been written anew, which a deploy tool does
    /// last, after every policy file is complete. While it is missing or unchanged, edits of the policy files wait.
    /// The initial load does not wait for it. <see cref="ITieringEngine.Reload"/> ignores it.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: every complete, stable change reloads.</value>
    public string? ReloadMarkerFile { get; set; }

    /// <summary>
    /// How long a policy whose file has vanished (deleted, renamed away, or being saved by an editor that renames the
    /// original and writes a new file) keeps serving its last good version. Reloads in that time load the other files
    /// and keep the vanished policy's last good text, log a warning, and list it in
    /// <see cref="PolicySetSnapshot.VanishedPolicies"/>; if the file returns, its new text is loaded; when the period
    /// ends, the policy is removed for good. <see cref="TimeSpan.Zero"/> applies deletions at once. Must be between
    /// zero and one day.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan VanishedPolicyGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether to refuse a reload that looks like a truncated file: one whose policies newly have a grade no rule
    /// produces (TR4006) or a field no rule reads (TR4008) where the serving set had none. Such a reload is always
    /// logged as a warning and counted; with this option it is also refused like a failed one (the serving set stays,
    /// and <see cref="ITieringEngine.LastReloadError"/> holds those findings) until the files change again.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: a suspicious reload is logged and swapped in.</value>
    public bool RefuseSuspiciousReloads { get; set; }

    /// <summary>Bounds on what one load accepts (file size, nesting, rule count, expression length).</summary>
    /// <value>Defaults to <see langword="null"/>, meaning <see cref="LoadLimits.Default"/>.</value>
    public LoadLimits? Limits { get; set; }

    /// <summary>
    /// The engine that decides with each loaded policy set, made from the set when it loads and on every reload (the new
    /// engine is swapped in with its set, atomically; a reload that does not load keeps the previous set and engine).
    /// Null (the default) decides with the compiled engine, the set itself. Set it with <see cref="UseEngine"/>.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the compiled engine.</value>
    public Func<PolicySet, IPolicyEngine>? EngineFactory { get; set; }

    /// <summary>
    /// Decides with another engine that runs the same validated policies, e.g. the NRules backend:
    /// <c>o.UseEngine(set =&gt; NRulesPolicySet.Create(set))</c> (package Tiering.Rules.NRules).
    /// </summary>
    /// <param name="factory">Makes the engine for a loaded set; called once per load, off the request path on reloads.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public TieringRulesOptions UseEngine(Func<PolicySet, IPolicyEngine> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        EngineFactory = factory;
        return this;
    }
}
