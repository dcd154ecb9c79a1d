using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Tiering.Rules.DependencyInjection.Tests.Support;

/// <summary>
/// samples/HostApi running as a child process on a free loopback port (<c>--urls http://127.0.0.1:0</c>; the sample
/// prints the address it bound). Disposing it kills the process it started.
/// </summary>
internal sealed class HostApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private HostApiProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string Dll { get; } = typeof(HostApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HostApiDll").Value!;

    public static Task<HostApiProcess> StartAsync(string rulesDirectory, params string[] arguments)
    {
        var dll = Path.GetFullPath(Dll);
        File.Exists(dll).Should().BeTrue($"the sample should have been built to {dll}");
        return StartCommandAsync(Path.GetDirectoryName(dll)!, [dll, "--urls", "http://127.0.0.1:0", "--rules", rulesDirectory, .. arguments]);
    }

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> (the README's own command, say) and waits until the sample listens.</summary>
    public static async Task<HostApiProcess> StartCommandAsync(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            const string marker = "HostApi listening on ";
            if (e.Data is { } line && line.StartsWith(marker, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line[marker.Length..].Split(' ')[0]));
            }
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("HostApi exited before it was listening"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostApiProcess(process, output, new Uri("http://127.0.0.1/"));
        try
        {
            var address = await listening.Task.WaitAsync(StartTimeout);
            return new HostApiProcess(process, output, address);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"HostApi did not start:{Environment.NewLine}{host.Output}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>The dotnet host that runs the tests (so the sample runs on the same runtime).</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
