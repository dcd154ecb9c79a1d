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
