using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tiering.Rules.DependencyInjection.Tests.Support;

/// <summary>An engine resolved from a real container, with test logging and metrics; disposing it disposes the container.</summary>
internal sealed class TestEngine : IDisposable
{
    private readonly ServiceProvider _provider;

    private TestEngine(ServiceProvider provider, TestLoggerFactory logs, TestMeterFactory meters, MetricRecorder metrics)
    {
        _provider = provider;
        Logs = logs;
        Meters = meters;
        Metrics = metrics;
        Engine = provider.GetRequiredService<ITieringEngine>();
    }

    public ITieringEngine Engine { get; }

    public TestLoggerFactory Logs { get; }

    public TestMeterFactory Meters { get; }

    public MetricRecorder Metrics { get; }

    public static TestEngine Create(string rulesDirectory, Action<TieringRulesOptions>? configure = null)
    {
        var logs = new TestLoggerFactory();
        var meters = new TestMeterFactory();
        var metrics = new MetricRecorder(meters);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton<IMeterFactory>(meters);
        services.AddTieringRules(o =>
        {
            o.RulesDirectory = rulesDirectory;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            return new TestEngine(provider, logs, meters, metrics);
        }
        catch
        {
            metrics.Dispose();
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The version of the band policy that answers now.</summary>
    public string BandVersion() => Engine.Decide(BandPolicy.Id, BandPolicy.Low).Decision.PolicyVersion;

    public void Dispose()
    {
        _provider.Dispose();
        Metrics.Dispose();
        Meters.Dispose();
    }
}
