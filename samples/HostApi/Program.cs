// HostApi: Tiering.Rules behind a small HTTP API, bound to the loopback interface only.
//
//   dotnet run --project samples/HostApi -- --rules rules --urls http://127.0.0.1:5080
//
//   POST /decisions/{policyId}[?asOf=yyyy-mm-dd]   body: the fact as a JSON object (at most 64 KiB) → the decision; 404 for
//                                                   an unknown policy ("did you mean"); every error is application/problem+json
//   GET  /policies                                  → the loaded policies, the set version and the last reload error
//   POST /reload                                    → reloads now (the files are also watched when Tiering:ReloadOnChange is true)
//
// The rules directory comes from --rules, else Tiering:RulesDirectory (appsettings.json, environment Tiering__RulesDirectory),
// resolved against the current directory (where `dotnet run` was typed: see RunWorkingDirectory in HostApi.csproj), as a
// command-line tool resolves paths; the content root, where appsettings.json is read, is the folder of the binaries. Edits to the policy files are picked up while it runs;
// an edit that does not load is rejected, the previous policies keep answering, and GET /policies shows the error.
using Microsoft.Extensions.Options;
using Tiering.Rules.DependencyInjection;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Samples.HostApi;
using Tiering.Rules.Text;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

if (Loopback.Configure(builder) is { } urlError)
{
    Console.Error.WriteLine($"error: {urlError}");
    return 2;
}

var rulesDirectory = builder.Configuration["rules"] ?? builder.Configuration["Tiering:RulesDirectory"] ?? "rules";
builder.Services.AddTieringRules(o =>
{
    builder.Configuration.GetSection("Tiering").Bind(o);
    o.RulesDirectory = Path.GetFullPath(rulesDirectory, Environment.CurrentDirectory);
});

// Every error response is RFC 7807 application/problem+json with a message, including those the framework makes.
builder.Services.AddProblemDetails();

var app = builder.Build();

// Load the policies before taking requests: a service should not start without them.
try
{
    app.Services.GetRequiredService<ITieringEngine>();
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (PolicyLoadException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapPost("/decisions/{policyId}", async (string policyId, HttpRequest request, ITieringEngine engine) =>
{
    if (FactRequest.ReadAsOf(request, out var asOf) is { } asOfProblem)
    {
        return asOfProblem;
    }

    var (fact, bodyProblem) = await FactRequest.ReadFactAsync(request);
    if (bodyProblem is not null)
    {
        return bodyProblem;
    }

    using (fact)
    {
        return engine.TryDecide(policyId, fact!.RootElement, asOf, out var decision)
            ? Results.Ok(DecisionResponse.From(decision))
            : Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown policy",
                detail: Suggestions.UnknownPolicy(policyId, engine.Current.PolicySet.Policies.Select(p => p.Id), from: null));
    }
});

app.MapGet("/policies", (ITieringEngine engine) => PoliciesResponse.From(engine.Current, engine.LastReloadError));

app.MapPost("/reload", (ITieringEngine engine) => ReloadResponse.From(engine.Reload()));

await app.StartAsync();
Console.WriteLine($"HostApi listening on {string.Join(' ', app.Urls)}");
await app.WaitForShutdownAsync();
return 0;
