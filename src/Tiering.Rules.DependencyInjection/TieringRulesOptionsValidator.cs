using Microsoft.Extensions.Options;

namespace Tiering.Rules.DependencyInjection;

/// <summary>Checks <see cref="TieringRulesOptions"/>; registered once by <c>AddTieringRules</c>.</summary>
internal sealed class TieringRulesOptionsValidator : IValidateOptions<TieringRulesOptions>
{
    internal static readonly TimeSpan MaxPollingInterval = TimeSpan.FromDays(1);
    internal static readonly TimeSpan MaxDebounceInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, TieringRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RulesDirectory))
        {
            failures.Add($"{nameof(TieringRulesOptions.RulesDirectory)} is required: set it to the directory of policy files, for example o.RulesDirectory = \"rules\".");
        }
        else if (!Directory.Exists(options.RulesDirectory))
        {
            failures.Add($"{nameof(TieringRulesOptions.RulesDirectory)} '{options.RulesDirectory}' does not exist (resolved to '{SafeFullPath(options.RulesDirectory)}').");
        }

        if (options.PollingInterval <= TimeSpan.Zero || options.PollingInterval > MaxPollingInterval)
        {
            failures.Add($"{nameof(TieringRulesOptions.PollingInterval)} must be positive and at most one day; it is {options.PollingInterval}.");
        }

        if (options.DebounceInterval < TimeSpan.Zero || options.DebounceInterval > MaxDebounceInterval)
        {
            failures.Add($"{nameof(TieringRulesOptions.DebounceInterval)} must be between zero and one hour; it is {options.DebounceInterval}.");
        }

        if (options.StabilityInterval < TimeSpan.Zero || options.StabilityInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{nameof(TieringRulesOptions.StabilityInterval)} must be between zero and one minute; it is {options.StabilityInterval}.");
        }

        if (options.VanishedPolicyGracePeriod < TimeSpan.Zero || options.VanishedPolicyGracePeriod > TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(TieringRulesOptions.VanishedPolicyGracePeriod)} must be between zero and one day; it is {options.VanishedPolicyGracePeriod}.");
        }

        if (options.ReloadMarkerFile is { } marker && (string.IsNullOrWhiteSpace(marker) || Path.IsPathRooted(marker)))
        {
            failures.Add($"{nameof(TieringRulesOptions.ReloadMarkerFile)} must be a file name relative to {nameof(TieringRulesOptions.RulesDirectory)}, such as rules.lock; it is '{marker}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string SafeFullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return path;
        }
    }
}
