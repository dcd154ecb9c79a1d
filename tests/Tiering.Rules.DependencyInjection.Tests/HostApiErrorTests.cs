using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tiering.Rules.DependencyInjection.Tests.Support;

namespace Tiering.Rules.DependencyInjection.Tests;

/// <summary>
/// samples/HostApi over real HTTP on loopback: its README command works as written, and every error is RFC 7807
/// application/problem+json with a message (issue 22, item 10).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class HostApiErrorTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Create();

    public void Dispose() => _rules.Dispose();

    [Fact]
    public async Task HostApi_ReadmeCommandFromTheRepositoryRoot_ResolvesRulesAgainstThatDirectory()
    {
        // README: dotnet run --project samples/HostApi -- --rules rules --urls http://127.0.0.1:5080 (built already, on a free port).
        await using var host = await HostApiProcess.StartCommandAsync(
            TempRules.RepositoryRoot,
            ["run", "--no-build", "--project", "samples/HostApi", "--", "--rules", "rules", "--urls", "http://127.0.0.1:0"]);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.PostAsJsonAsync("/decisions/retail-aum-tier", new { aum = 60000 });

        response.StatusCode.Should().Be(HttpStatusCode.OK, host.Output);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grade").GetString().Should().Be("tier_2");
    }

    [Theory]
    [InlineData("01/07/2023")]
    [InlineData("2023-7-1")]
    [InlineData("2023-07-01T00:00:00")]
    public async Task HostApi_AsOfThatIsNotIsoDate_Is400ProblemNamingIt(string asOf)
    {
        await using var host = await HostApiProcess.StartAsync(_rules.Path);
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.PostAsJsonAsync($"/decisions/{BandPolicy.Id}?asOf={Uri.EscapeDataString(asOf)}", new { x = 150 });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Be($"asOf '{asOf}' is not an ISO-8601 date (yyyy-mm-dd), for example 2023-07-01");
    }

    [Fact]
    public async Task HostApi_BadRequests_AreProblemsWithAMessage()
    {
        await using var host = await HostApiProcess.StartAsync(_rules.Path);
        using var http = new HttpClient { BaseAddress = host.Address };
        var path = $"/decisions/{BandPolicy.Id}";

        using var notJson = await http.PostAsync(path, new StringContent("x=150", Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var broken = await http.PostAsync(path, new StringContent("{\"x\": ", Encoding.UTF8, "application/json"));
        using var array = await http.PostAsync(path, new StringContent("[1]", Encoding.UTF8, "application/json"));
        using var large = await http.PostAsync(path, new StringContent("{\"x\": 1, \"pad\": \"" + new string('a', 70_000) + "\"}", Encoding.UTF8, "application/json"));
        using var unknown = await http.PostAsJsonAsync($"/decisions/{BandPolicy.Id}x", new { x = 1 });
        using var nowhere = await http.GetAsync(new Uri("/nowhere", UriKind.Relative));

        (await ProblemAsync(notJson, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString().Should().Contain("Content-Type: application/json");
        (await ProblemAsync(broken, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().StartWith("the body is not valid JSON:");
        (await ProblemAsync(array, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Be("the fact must be a JSON object, not array");
        (await ProblemAsync(large, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString().Should().StartWith("a fact is at most 64 KiB");
        (await ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Contain($"did you mean '{BandPolicy.Id}'?");
        (await ProblemAsync(nowhere, HttpStatusCode.NotFound)).GetProperty("title").GetString().Should().NotBeNullOrEmpty();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem;
    }
}
