using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tiering.Rules.DependencyInjection.Tests.Support;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>samples/HostApi end to end: a real process on a loopback port, real HTTP, policy files edited under it.</summary>
[Collection(SerialCollection.Name)]
public sealed class HostApiTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Create();

    public void Dispose() => _rules.Dispose();

    [Fact]
    public async Task HostApi_DecidesOverHttpAndFollowsPolicyEdits()
    {
        await using var host = await HostApiProcess.StartAsync(_rules.Path, "--Tiering:ReloadOnChange=true", "--Tiering:DebounceInterval=00:00:00.100");
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        host.Address.Host.Should().Be("127.0.0.1");

        // The loaded policies, with versions and the set version.
        var policies = await GetJsonAsync(http, "/policies");
        policies.GetProperty("setVersion").GetInt64().Should().Be(1);
        policies.GetProperty("lastReloadError").ValueKind.Should().Be(JsonValueKind.Null);
        policies.GetProperty("policies").EnumerateArray()
            .Should().Contain(p => p.GetProperty("id").GetString() == BandPolicy.Id && p.GetProperty("version").GetString() == "A");

        // A decision.
        var decision = await DecideAsync(http, BandPolicy.Id, new { x = 150 });
        decision.GetProperty("policy").GetString().Should().Be(BandPolicy.Id);
        decision.GetProperty("version").GetString().Should().Be("A");
        decision.GetProperty("setVersion").GetInt64().Should().Be(1);
        decision.GetProperty("status").GetString().Should().Be("classified");
        decision.GetProperty("grade").GetString().Should().Be("silver");
        decision.GetProperty("fired").EnumerateArray().Select(f => f.GetString()).Should().Equal("HIGH");
        decision.GetProperty("errors").GetArrayLength().Should().Be(0);

        // An invalid fact is data, not a failure; an unknown policy is 404.
        var invalid = await DecideAsync(http, BandPolicy.Id, new { x = "lots" });
        invalid.GetProperty("status").GetString().Should().Be("invalid");
        invalid.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("x");
        using (var unknown = await http.PostAsJsonAsync("/decisions/no-such-policy", new { x = 1 }))
        {
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // A good edit is picked up.
        _rules.WriteBand(BandPolicy.B);
        (await UntilAsync(async () => (await DecideAsync(http, BandPolicy.Id, new { x = 150 })).GetProperty("version").GetString() == "B"))
            .Should().BeTrue($"the edit should be served; output:{Environment.NewLine}{host.Output}");
        decision = await DecideAsync(http, BandPolicy.Id, new { x = 150 });
        decision.GetProperty("grade").GetString().Should().Be("gold");
        decision.GetProperty("setVersion").GetInt64().Should().Be(2);

        // A bad edit is rejected; the previous version keeps answering and /policies shows the error with its position.
        _rules.WriteBand(BandPolicy.Invalid);
        (await UntilAsync(async () => (await GetJsonAsync(http, "/policies")).GetProperty("lastReloadError").ValueKind == JsonValueKind.Array))
            .Should().BeTrue($"the failed reload should be reported; output:{Environment.NewLine}{host.Output}");
        policies = await GetJsonAsync(http, "/policies");
        policies.GetProperty("lastReloadError")[0].GetString().Should().Contain(BandPolicy.InvalidPosition);
        policies.GetProperty("setVersion").GetInt64().Should().Be(2);
        decision = await DecideAsync(http, BandPolicy.Id, new { x = 150 });
        decision.GetProperty("version").GetString().Should().Be("B");
        decision.GetProperty("grade").GetString().Should().Be("gold");
        // The console logger writes from its own queue and the output is read from the process asynchronously, so
        // the log line can arrive after /policies already reports the error: wait for it (bounded), then check it.
        (await UntilAsync(() => Task.FromResult(host.Output.Contains(BandPolicy.InvalidPosition, StringComparison.Ordinal))))
            .Should().BeTrue($"the failure is logged with its position; output:{Environment.NewLine}{host.Output}");
    }

    [Fact]
    public async Task HostApi_NonLoopbackUrls_AreRefused()
    {
        var start = HostApiProcess.StartAsync(_rules.Path, "--urls", "http://0.0.0.0:0");

        var failure = await FluentActions.Awaiting(() => start).Should().ThrowAsync<InvalidOperationException>();
        failure.Which.Message.Should().Contain("loopback");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> DecideAsync(HttpClient http, string policyId, object fact)
    {
        using var response = await http.PostAsJsonAsync($"/decisions/{policyId}", fact);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait.Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(25);
        }

        return false;
    }
}
