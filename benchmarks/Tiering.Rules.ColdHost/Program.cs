// A fresh process's first load and decision, timed from inside: nothing before the clock starts touches the engine or
// what it uses, beyond what every .NET process has done by the time Main runs (the JIT compiles Main, and so loads
// Tiering.Rules.dll, before Main starts: the assembly's loading is not in the window, the host's own code is not either).
//
//   dotnet Tiering.Rules.ColdHost.dll <policy.yaml>
//
// Output, one line: cold-ms <load and decision> load-ms <load> decide-ms <decision, its grade and fired ids read>
// second-ms <a second loan's decision, read> grade <grade> fired <count> icu loaded|not-loaded|unknown. Exit code 0, 1 when
// a loan is not decided as it should be (substandard, then doubtful), 2 on a usage error.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Tiering.Rules;
using Tiering.Rules.Fixtures;

if (args.Length != 1)
{
    return Usage();
}

var loan = new LoanPoco { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.10m, HasSupplementarySource = true };
var start = Stopwatch.GetTimestamp();
var policies = PolicySet.LoadFiles(args[0]);
var loaded = Stopwatch.GetTimestamp();
var decision = policies.Decide("loan-five-category", loan);
var grade = decision.Grade?.Id;
var fired = decision.FiredRuleIds.Count;
var decided = Stopwatch.GetTimestamp();

// A second loan, as a host's second request: what the first decision left to do the first time again (a process's
// first decisions of a type bind it without compiled code) shows here.
var second = policies.Decide("loan-five-category", new LoanPoco { Amount = 13_000_000m, OverdueDays = 5, ExpectedLossRate = 0.50m });
var secondGrade = second.Grade?.Id;
var secondFired = second.FiredRuleIds.Count;
var decidedAgain = Stopwatch.GetTimestamp();
return Report(start, loaded, decided, decidedAgain, grade, fired, secondGrade == "doubtful" && secondFired == 2);

// Printing and checking after the clock stops, in a method of its own (the JIT would otherwise load what it uses before
// Main starts, and the window would seem shorter than a host's).
[MethodImpl(MethodImplOptions.NoInlining)]
static int Report(long start, long loaded, long decided, long decidedAgain, string? grade, int fired, bool secondRight)
{
    static string Ms(long from, long to) => (Stopwatch.GetElapsedTime(from, to).TotalMicroseconds / 1000).ToString("F3", CultureInfo.InvariantCulture);
    var icu = File.Exists("/proc/self/maps") ? File.ReadAllText("/proc/self/maps").Contains("libicuuc", StringComparison.Ordinal) ? "loaded" : "not-loaded" : "unknown";
    Console.WriteLine($"cold-ms {Ms(start, decided)} load-ms {Ms(start, loaded)} decide-ms {Ms(loaded, decided)} second-ms {Ms(decided, decidedAgain)} grade {grade} fired {fired} icu {icu}");
    return grade == "substandard" && fired == 2 && secondRight ? 0 : 1;
}

[MethodImpl(MethodImplOptions.NoInlining)]
static int Usage()
{
    Console.Error.WriteLine("usage: Tiering.Rules.ColdHost <policy.yaml>");
    return 2;
}
