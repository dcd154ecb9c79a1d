using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tiering.Rules.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tiering.Rules with a <see cref="IServiceCollection"/>.</summary>
public static class TieringRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ITieringEngine"/> that loads the policies of
    /// <see cref="TieringRulesOptions.RulesDirectory"/> and, when <see cref="TieringRulesOptions.ReloadOnChange"/> is
    /// set, reloads them when the files change, keeping the last good set when an edit does not load.
    /// </summary>
    /// <remarks>
    /// <para>Safe to call more than once: the engine and the options validator are registered once, and each call's
    /// <paramref name="configure"/> is applied in order.</para>
    /// <para>The options are validated when the engine is first created, and also when a host starts if the app uses
    /// the generic host. Creating the engine loads the policies: resolve it at startup
    /// (<c>app.Services.GetRequiredService&lt;ITieringEngine&gt;()</c>) so that a service does not start without them.
    /// Logging, metrics (<see cref="System.Diagnostics.Metrics.IMeterFactory"/>) and <see cref="TimeProvider"/> are
    /// used when registered, and are optional.</para>
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; { o.RulesDirectory = "rules"; o.ReloadOnChange = true; }</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddTieringRules(this IServiceCollection services, Action<TieringRulesOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddTieringRules();
        services.Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers a singleton <see cref="ITieringEngine"/> whose <see cref="TieringRulesOptions"/> are configured
    /// elsewhere (for example <c>services.Configure&lt;TieringRulesOptions&gt;(configuration.GetSection("Tiering"))</c>).
    /// </summary>
    /// <remarks>Safe to call more than once; see <see cref="AddTieringRules(IServiceCollection, Action{TieringRulesOptions})"/>.</remarks>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddTieringRules(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ITieringEngine) && !d.IsKeyedService))
        {
            // Already registered (by an earlier call, or replaced by the app): registering again changes nothing.
            return services;
        }

        services.AddOptions<TieringRulesOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TieringRulesOptions>, TieringRulesOptionsValidator>());
        services.TryAddSingleton<ITieringEngine>(static sp => TieringEngine.Create(sp));
        return services;
    }
}
