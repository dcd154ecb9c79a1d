using System.Net;

namespace Tiering.Rules.Samples.HostApi;

/// <summary>Keeps the sample on the loopback interface: it has no authentication and must not be reachable from elsewhere.</summary>
internal static class Loopback
{
    /// <summary>The address used when no <c>--urls</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Binds to <see cref="DefaultUrl"/>, or checks that the configured URLs are loopback only.</summary>
    /// <returns>Null when the addresses are acceptable; otherwise what is wrong.</returns>
    public static string? Configure(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return "Kestrel:Endpoints is not supported by this sample; give loopback addresses with --urls instead";
        }

        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            builder.WebHost.UseUrls(DefaultUrl);
            return null;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsLoopback(uri.Host))
            {
                return $"--urls must name loopback addresses only (127.0.0.1, [::1] or localhost), for example http://127.0.0.1:0; got '{url}'";
            }
        }

        return null;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
