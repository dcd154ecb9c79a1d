using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tiering.Rules.DependencyInjection.Tests.Support;
using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.DependencyInjection.Tests;

public sealed class ServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Create(withShippedRules: false);

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void AddTieringRules_CalledTwice_RegistersEngineAndValidatorOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();

        services.AddTieringRules(o => o.RulesDirectory = _rules.Path);
        services.AddTieringRules(o => o.DebounceInterval = TimeSpan.FromSeconds(1));

        services.Count(d => d.ServiceType == typeof(ITieringEngine)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<TieringRulesOptions>)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TieringRulesOptions>>().Value;
        options.RulesDirectory.Should().Be(_rules.Path);
        options.DebounceInterval.Should().Be(TimeSpan.FromSeconds(1));
        provider.GetRequiredService<ITieringEngine>().Should().BeSameAs(provider.GetRequiredService<ITieringEngine>());
    }

    [Fact]
    public void AddTieringRules_ReturnsTheSameCollection()
    {
        var services = new ServiceCollection();

        services.AddTieringRules(o => o.RulesDirectory = _rules.Path).Should().BeSameAs(services);
        services.AddTieringRules().Should().BeSameAs(services);
    }

    [Fact]
    public void AddTieringRules_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        FluentActions.Invoking(() => TieringRulesServiceCollectionExtensions.AddTieringRules(null!, _ => { }))
            .Should().Throw<ArgumentNullException>().WithParameterName("services");
        FluentActions.Invoking(() => TieringRulesServiceCollectionExtensions.AddTieringRules(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("services");
        FluentActions.Invoking(() => services.AddTieringRules(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("configure");
    }

    [Fact]
    public void AddTieringRules_EngineAlreadyRegistered_KeepsTheAppsEngine()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITieringEngine>(_ => throw new InvalidOperationException("the app's own engine"));

        services.AddTieringRules(o => o.RulesDirectory = _rules.Path);

        services.Where(d => d.ServiceType == typeof(ITieringEngine)).Should().ContainSingle()
            .Which.ImplementationFactory.Should().NotBeNull();
        using var provider = services.BuildServiceProvider();
        FluentActions.Invoking(() => provider.GetRequiredService<ITieringEngine>()).Should().Throw<InvalidOperationException>().WithMessage("the app's own engine");
    }

    [Fact]
    public void AddTieringRules_WithoutConfigure_UsesOptionsConfiguredElsewhere()
    {
        var services = new ServiceCollection();
        services.Configure<TieringRulesOptions>(o => o.RulesDirectory = _rules.Path);

        services.AddTieringRules();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ITieringEngine>().Current.PolicySet.Contains(BandPolicy.Id).Should().BeTrue();
    }

    [Fact]
    public void Resolve_RulesDirectoryMissing_ThrowsOptionsValidationException()
    {
        using var provider = new ServiceCollection().AddTieringRules(_ => { }).BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<ITieringEngine>())
            .Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which.Should().Contain("RulesDirectory is required");
    }

    [Fact]
    public void Resolve_RulesDirectoryDoesNotExist_ThrowsOptionsValidationException()
    {
        var missing = Path.Combine(_rules.Path, "no-such-dir");
        using var provider = new ServiceCollection().AddTieringRules(o => o.RulesDirectory = missing).BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<ITieringEngine>())
            .Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which.Should().Contain("does not exist").And.Contain(missing);
    }

    [Fact]
    public void Resolve_IntervalsOutOfRange_ReportsEveryFailure()
    {
        using var provider = new ServiceCollection().AddTieringRules(o =>
        {
            o.RulesDirectory = _rules.Path;
            o.PollingInterval = TimeSpan.Zero;
            o.DebounceInterval = TimeSpan.FromMilliseconds(-1);
        }).BuildServiceProvider();

        var failures = FluentActions.Invoking(() => provider.GetRequiredService<ITieringEngine>())
            .Should().Throw<OptionsValidationException>().Which.Failures.ToList();

        failures.Should().HaveCount(2);
        failures.Should().Contain(f => f.Contains("PollingInterval", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("DebounceInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void AddTieringRules_InvalidOptions_FailHostStartupValidation()
    {
        // What a generic host runs at start (ValidateOnStart), before anything resolves the engine.
        using var provider = new ServiceCollection().AddTieringRules(_ => { }).BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void Resolve_PoliciesDoNotLoad_ThrowsPolicyLoadExceptionWithPositions()
    {
        _rules.WriteBand(BandPolicy.Invalid);
        using var provider = new ServiceCollection().AddTieringRules(o => o.RulesDirectory = _rules.Path).BuildServiceProvider();

        var exception = FluentActions.Invoking(() => provider.GetRequiredService<ITieringEngine>())
            .Should().Throw<PolicyLoadException>().Which;

        exception.Diagnostics.Should().Contain(d => d.ToString().Contains(BandPolicy.InvalidPosition, StringComparison.Ordinal));
    }

    [Fact]
    public void DisposingTheContainer_DisposesTheEngine()
    {
        ITieringEngine engine;
        using (var provider = new ServiceCollection().AddTieringRules(o => o.RulesDirectory = _rules.Path).BuildServiceProvider())
        {
            engine = provider.GetRequiredService<ITieringEngine>();
        }

        FluentActions.Invoking(() => engine.Reload()).Should().Throw<ObjectDisposedException>();
        engine.Decide(BandPolicy.Id, BandPolicy.Low).Decision.Grade!.Id.Should().Be("bronze", "the last snapshot keeps answering after dispose");
    }
}
