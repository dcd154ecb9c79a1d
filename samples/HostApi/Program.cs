// HostApi: Tiering.Rules behind a small HTTP API, bound to the loopback interface only.
//
//   dotnet run --project samples/HostApi -- --rules rules --urls http://127.0.0.1:5080
//
//   POST /decisions/{policyId}[?asOf=yyyy-mm-dd]   body: the fact as a JSON object  → the decision, 404 for an unknown policy
//   GET  /policies                                  → the loaded policies, the set version and the last reload error
//   POST /reload                                    → reloads now (the files are also watched when Tiering:ReloadOnChange is true)
//
// The rules directory comes from --rules, else Tiering:RulesDirectory (appsettings.json, environment Tiering__RulesDirectory),
// resolved against the content root (the current directory). Edits to the policy files are picked up while it runs;
// an edit that does not load is rejected, the previous policies keep answering, and GET /policies shows the error.
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tiering.Rules.DependencyInjection;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Samples.HostApi;

var builder = WebApplication.CreateBuilder(args);

if (Loopback.Configure(builder) is { } urlError)
{
    Console.Error.WriteLine($"error: {urlError}");
    return 2;
}

var rulesDirectory = builder.Configuration["rules"] ?? builder.Configuration["Tiering:RulesDirectory"] ?? "rules";
builder.Services.AddTieringRules(o =>
{
    builder.Configuration.GetSection("Tiering").Bind(o);
    o.RulesDirectory = Path.GetFullPath(rulesDirectory, builder.Environment.ContentRootPath);
});

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

app.MapPost("/decisions/{policyId}", (string policyId, JsonElement fact, DateOnly? asOf, ITieringEngine engine) =>
    engine.TryDecide(policyId, fact, asOf, out var decision)
        ? Results.Ok(DecisionResponse.From(decision))
        : Results.NotFound(new ErrorResponse($"no policy '{policyId}' is loaded")));

app.MapGet("/policies", (ITieringEngine engine) => PoliciesResponse.From(engine.Current, engine.LastReloadError));

app.MapPost("/reload", (ITieringEngine engine) => ReloadResponse.From(engine.Reload()));

await app.StartAsync();
Console.WriteLine($"HostApi listening on {string.Join(' ', app.Urls)}");
await app.WaitForShutdownAsync();
return 0;
