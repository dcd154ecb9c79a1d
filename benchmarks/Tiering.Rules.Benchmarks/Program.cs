using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Tiering.Rules.Benchmarks;

// --check-only: run the agreement checks for every workload, time nothing; exit 0 when every engine agrees.
if (args.Contains("--check-only", StringComparer.Ordinal))
{
    return AgreementCheck.RunAll(Console.Out);
}

// --ci-gate: the bounded pass CI runs (Gate/CiGate.cs, thresholds in benchmarks/ci-gate.json); exit 1 past a threshold.
if (args.Contains(CiGate.Switch, StringComparer.Ordinal))
{
    return CiGate.Run(Console.Out);
}

// --fresh-process [launches]: the cold start as a new host process pays it (FreshProcess.cs); not a BenchmarkDotNet run.
if (args.Contains(FreshProcess.Switch, StringComparer.Ordinal))
{
    return FreshProcess.Run(args, Console.Out);
}

// --interleaved [processes]: the loan and AUM rows timed in turn inside one process (Interleaved.cs); not a BenchmarkDotNet run.
if (args.Contains(Interleaved.ProcessSwitch, StringComparer.Ordinal))
{
    return Interleaved.RunProcess(args, Console.Out);
}

if (args.Contains(Interleaved.Switch, StringComparer.Ordinal))
{
    return Interleaved.Run(args, Console.Out);
}

// StopOnFirstError: a benchmark whose [GlobalSetup] throws (the agreement check) stops the whole run.
var config = DefaultConfig.Instance.WithOptions(ConfigOptions.StopOnFirstError);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(AgreementCheck).Assembly).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
