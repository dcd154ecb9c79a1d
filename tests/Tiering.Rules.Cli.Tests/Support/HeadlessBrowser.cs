using System.Diagnostics;

namespace Tiering.Rules.Cli.Tests.Support;

/// <summary>
/// A headless Chromium on this machine: <c>TIERING_BROWSER</c>, else the first of chromium-headless-shell, chromium,
/// chromium-browser, google-chrome on the PATH. CI (<c>.ci/run</c>) installs Debian's chromium-headless-shell and sets
/// <c>TIERING_REQUIRE_BROWSER=1</c>, which turns the browser tests' skip into a failure.
/// </summary>
internal static class HeadlessBrowser
{
    public const string RequireVariable = "TIERING_REQUIRE_BROWSER";

    public static string? Path { get; } = Find();

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Runs the browser on a local file with the given switches and returns its standard output.</summary>
    public static string Run(string file, params string[] switches)
    {
        var profile = Directory.CreateTempSubdirectory("tiering-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException($"no headless Chromium found on the PATH (set TIERING_BROWSER, or install chromium-headless-shell)"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", $"--user-data-dir={profile}" }.Concat(switches))
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(new Uri(file).AbsoluteUri);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Path} did not finish within 90 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path} exited with {process.ExitCode}: {errors.Result}");
            }

            return output.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("TIERING_BROWSER") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "chromium-headless-shell", "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var directory in directories)
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>
/// A test that needs a headless Chromium: skipped, saying why, when none is installed — unless
/// <c>TIERING_REQUIRE_BROWSER=1</c> (CI), where it runs and fails for want of one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessBrowser.Path is null && !HeadlessBrowser.Required)
        {
            Skip = "no headless Chromium on this machine (chromium-headless-shell or chromium on the PATH, or TIERING_BROWSER); .ci/run installs one and sets TIERING_REQUIRE_BROWSER=1, which makes this test fail instead of skip";
        }
    }
}
