using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Tiering.Rules;
using Tiering.Rules.Testing;

// Loads the shipped rules through the package, runs every policy test case shipped with them, and reports which
// Tiering.Rules.dll the host loaded; exits 1 on any surprise.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Tiering.Rules.PackageSmoke <rules directory>");
    return 2;
}

var load = PolicyLoader.LoadDirectory(args[0]);
if (load.PolicySet is not { } policies)
{
    Console.Error.WriteLine($"error: the rules did not load through the package: {string.Join("; ", load.Errors)}");
    return 1;
}

var results = PolicyTestRunner.Run(policies, PolicyTestFile.Find(args[0])).Results;
var failed = results.Where(r => !r.Passed).ToList();
foreach (var result in failed)
{
    Console.Error.WriteLine($"FAIL {result.Case}: {string.Join("; ", result.Failures)}");
}

Console.WriteLine($"through the package: {policies.Policies.Count} policies, {results.Count - failed.Count} of {results.Count} policy test cases passed");
if (results.Count == 0 || failed.Count > 0)
{
    return 1;
}

// The runtime identifiers the package is precompiled for (TieringReadyToRunRuntimeIdentifiers, Directory.Build.props).
var precompiledFor = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "TieringReadyToRunRuntimeIdentifiers").Value!.Split(';');
var rid = RuntimeInformation.RuntimeIdentifier;
var location = typeof(PolicySet).Assembly.Location;
using var image = new PEReader(File.OpenRead(location));
var precompiled = image.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
Console.WriteLine($"{rid} host loaded {location}: {(precompiled ? "precompiled (ReadyToRun) image" : "IL only")}");
if (precompiled != precompiledFor.Contains(rid))
{
    Console.Error.WriteLine($"error: on {rid} the package should give the {(precompiled ? "IL assembly" : "precompiled image")}");
    return 1;
}

return 0;
