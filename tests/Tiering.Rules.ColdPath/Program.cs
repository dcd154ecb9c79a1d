// A fresh process's first load and decision, as a host makes it: load one policy file, decide one fact, then print
// what the process loaded and compiled to get there. tests/Tiering.Rules.Tests/ColdPath/ColdPathTests.cs runs it and
// asserts on the output, so what the cold path may load is held by a test:
//
//   dotnet Tiering.Rules.ColdPath.dll <policy.yaml> poco|dictionary [disable-subset-reader]
//
// Output, one item per line:
//   decision <status> <grade> <fired ids, comma-separated>
//   jit-methods <methods JIT-compiled for the load and the decision (from just before the load), all threads>
//   assembly <simple name>                 (every assembly loaded at the decision, in load order)
//   icu loaded|not-loaded|unknown          (whether ICU, the platform's Unicode library, was mapped by then; Linux only)
// Exit code 0, or 2 on a usage error.
using System.Reflection;
using System.Runtime;
using System.Runtime.CompilerServices;
using Tiering.Rules;
using Tiering.Rules.ColdPath;
using Tiering.Rules.Fixtures;

const string PolicyId = "loan-five-category";

return args.Length >= 2 && args[1] is "poco" or "dictionary"
    ? Report(FirstDecision(args[0], args[1] == "poco", args.Length > 2 && args[2] == "disable-subset-reader"))
    : Usage();

// Loads and decides, then looks at the process; nothing before the decision touches what the test checks for. A method
// of its own, as is printing: the JIT loads the assemblies a method refers to when it compiles that method, so Main
// refers to nothing the cold path does not.
[MethodImpl(MethodImplOptions.NoInlining)]
static Measurement FirstDecision(string policyFile, bool poco, bool disableSubsetReader)
{
    if (disableSubsetReader)
    {
        // The engine's own switch (read once, at the first load): every file goes through the full YAML parser.
        AppContext.SetSwitch("Tiering.Rules.Syntax.DisableSubsetReader", true);
    }

    // Overdue 95 days: substandard. The dictionary fact is the same loan, read by name.
    var loan = new LoanPoco { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.10m, HasSupplementarySource = true };
    var dictionary = poco ? null : loan.AsDictionary();
    var jitBefore = JitInfo.GetCompiledMethodCount();
    var policies = PolicySet.LoadFiles([policyFile]);
    var decision = dictionary is null ? policies.Decide(PolicyId, loan) : policies.Decide(PolicyId, dictionary);
    var outcome = new Measurement
    {
        Status = decision.Status,
        Grade = decision.Grade?.Id,
        Fired = decision.FiredRuleIds,
    };
    outcome.JitMethods = JitInfo.GetCompiledMethodCount() - jitBefore;
    outcome.Assemblies = AppDomain.CurrentDomain.GetAssemblies();
    outcome.Icu = IcuState();
    return outcome;
}

[MethodImpl(MethodImplOptions.NoInlining)]
static int Report(Measurement measurement)
{
    Console.WriteLine($"decision {measurement.Status} {measurement.Grade} {string.Join(',', measurement.Fired)}");
    Console.WriteLine($"jit-methods {measurement.JitMethods}");
    foreach (var assembly in measurement.Assemblies)
    {
        Console.WriteLine($"assembly {assembly.GetName().Name}");
    }

    Console.WriteLine($"icu {measurement.Icu}");

    return 0;
}

// The process's memory map names every shared library it has loaded (Linux; elsewhere there is no such file). Globalization
// loads ICU when anything needs culture data, casing or normalization beyond ASCII: some milliseconds of a fresh process.
[MethodImpl(MethodImplOptions.NoInlining)]
static string IcuState() =>
    File.Exists("/proc/self/maps") ? File.ReadAllText("/proc/self/maps").Contains("libicuuc", StringComparison.Ordinal) ? "loaded" : "not-loaded" : "unknown";

[MethodImpl(MethodImplOptions.NoInlining)]
static int Usage()
{
    Console.Error.WriteLine("usage: Tiering.Rules.ColdPath <policy.yaml> poco|dictionary [disable-subset-reader]");
    return 2;
}

namespace Tiering.Rules.ColdPath
{
    /// <summary>What the first decision came to, and what the process had loaded and compiled by then.</summary>
    internal sealed class Measurement
    {
        public DecisionStatus Status { get; init; }

        public string? Grade { get; init; }

        public IReadOnlyList<string> Fired { get; init; } = [];

        public long JitMethods { get; set; }

        public Assembly[] Assemblies { get; set; } = [];

        public string Icu { get; set; } = "unknown";
    }
}
