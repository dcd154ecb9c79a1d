using System.Reflection.PortableExecutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.NativeAot;
using RulesEngine.Models;
using Tiering.Rules.NRules;

namespace Tiering.Rules.Benchmarks;

/// <summary>
/// From nothing to the first decision, in a fresh process each time: every launch is a new process and the one
/// measured invocation is the first call (no jitting, pilot or warm-up stage), so it includes loading the assemblies,
/// compiling what is not precompiled, reading, parsing, analysing and compiling the policy, binding the first POCO and
/// deciding. Two jobs: <c>ReadyToRun</c> loads Tiering.Rules.dll as a host on this machine gets it from the package, the
/// precompiled image for its runtime identifier (linux-x64 and win-x64; see src/Tiering.Rules/ReadyToRun.targets);
/// <c>Jit</c> loads the IL assembly, as a host on any other platform does, and JIT-compiles it.
/// <see cref="TieringRulesWithoutSubsetReader"/> is the baseline's work with the engine's reader for the common YAML subset
/// switched off, so the policy is read by YamlDotNet as before session 6: what that reader saves a cold start.
/// <see cref="NRules"/> is the NRules path (load, translate, compile the Rete network, decide in a session) and
/// <see cref="HandWrittenNRules"/> what NRules alone costs a cold start with the same rules written by hand.
/// The fastest, median and slowest launch are shown next to the mean: on a shared machine one disturbed launch moves the
/// mean of ten by a few milliseconds.
/// </summary>
[Config(typeof(ColdStartConfig))]
[MinColumn, MedianColumn, MaxColumn]
public class ColdStart
{
    private string _loanPolicy = string.Empty;
    private LoanPoco _loan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _loanPolicy = RepositoryPaths.PolicyFile(Workloads.LoanPolicy);
        _loan = FirstLoan();
    }

    /// <summary>The same, then the switch that sends every policy file to YamlDotNet (read at the first load, so set before it).</summary>
    [GlobalSetup(Target = nameof(TieringRulesWithoutSubsetReader))]
    public void SetupWithoutSubsetReader()
    {
        Setup();
        AppContext.SetSwitch(DisableSubsetReaderSwitch, true);
        _withoutSubsetReader = true;
    }

    private bool _withoutSubsetReader;

    /// <summary>The engine's AppContext switch (src/Tiering.Rules/Syntax/SubsetYamlReader.cs).</summary>
    private const string DisableSubsetReaderSwitch = "Tiering.Rules.Syntax.DisableSubsetReader";

    /// <summary>After the measurement of the engine's methods: <see cref="CheckImage"/>, and fails the launch unless the
    /// policy was read by the reader the method names (YamlDotNet loaded only without the subset reader).</summary>
    [GlobalCleanup(Targets = [nameof(TieringRules), nameof(TieringRulesReadingDiagnostics), nameof(TieringRulesWithoutSubsetReader), nameof(NRules)])]
    public void CheckImageAndReader()
    {
        var yamlDotNet = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "YamlDotNet");
        if (yamlDotNet != _withoutSubsetReader)
        {
            throw new InvalidOperationException(_withoutSubsetReader
                ? $"with {DisableSubsetReaderSwitch} set, the policy was not read through YamlDotNet"
                : "YamlDotNet was loaded: the subset reader did not read the loan policy");
        }

        CheckImage();
    }

    /// <summary>After the measurement (so that it loads nothing early): fails the launch unless Tiering.Rules.dll is what
    /// the job says, the precompiled image for <c>ReadyToRun</c>, the IL assembly for <c>Jit</c>.</summary>
    [GlobalCleanup]
    public void CheckImage()
    {
        var expected = Environment.GetEnvironmentVariable(ExpectedImageVariable);
        var path = typeof(PolicySet).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(path));
        var actual = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "ReadyToRun" : "Jit";
        if (actual != expected)
        {
            throw new InvalidOperationException($"the {expected} job loaded {path}, which is {(actual == "Jit" ? "IL only" : "a precompiled image")}");
        }
    }

    private const string ExpectedImageVariable = "TIERING_COLDSTART_IMAGE";

    /// <summary><c>PolicySet.LoadFiles([loan-five-category.yaml])</c>, then one <c>Decide</c> with its fired ids.</summary>
    [Benchmark(Baseline = true)]
    public Outcome TieringRules() => FirstDecision(_loanPolicy, _loan);

    /// <summary>The measured work of both cold-start classes; throws unless the loan comes out substandard (so a run whose
    /// fact binding broke, for example by trimming, fails instead of timing an invalid decision).</summary>
    internal static Outcome FirstDecision(string loanPolicy, LoanPoco loan)
    {
        var policies = PolicySet.LoadFiles([loanPolicy]);
        var outcome = TieringOutcome.From(policies.Decide(Workloads.LoanPolicy, loan));
        return outcome.Grade == "substandard" ? outcome : throw new InvalidOperationException($"the first decision came out {outcome}, not substandard");
    }

    /// <summary>
    /// As <see cref="TieringRules"/>, and the load's warnings read too (<see cref="PolicySet.Diagnostics"/>): the static
    /// analysis a load leaves until they are read (issue 25, session 6) done in the same cold start, as a host that logs
    /// them at startup does.
    /// </summary>
    [Benchmark]
    public Outcome TieringRulesReadingDiagnostics()
    {
        var policies = PolicySet.LoadFiles([_loanPolicy]);
        var outcome = TieringOutcome.From(policies.Decide(Workloads.LoanPolicy, _loan));
        return policies.Diagnostics.Count >= 0 ? Substandard(outcome) : default;
    }

    /// <summary>As <see cref="TieringRules"/>, with the subset reader switched off: the policy is read through YamlDotNet.</summary>
    [Benchmark]
    public Outcome TieringRulesWithoutSubsetReader() => FirstDecision(_loanPolicy, _loan);

    /// <summary>
    /// The NRules path: <c>PolicySet.LoadFiles([loan-five-category.yaml])</c>, <c>NRulesPolicySet.Create</c> (translate
    /// to NRules rule definitions, compile the Rete network into a session factory), then one <c>Decide</c> in a session
    /// of its own with its fired ids. Tiering.Rules.NRules and NRules are IL in both jobs, as their packages ship them.
    /// </summary>
    [Benchmark]
    public Outcome NRules()
    {
        var onNRules = NRulesPolicySet.Create(PolicySet.LoadFiles([_loanPolicy]));
        return Substandard(TieringOutcome.From(onNRules.Decide(Workloads.LoanPolicy, _loan)));
    }

    /// <summary>
    /// For comparison, what NRules itself costs a cold start: the hand-written fluent rules of the loan policy
    /// (<see cref="Benchmarks.HandWrittenNRules"/>) loaded into a repository and compiled, then one loan decided.
    /// </summary>
    [Benchmark]
    public Outcome HandWrittenNRules() => Substandard(Benchmarks.HandWrittenNRules.Decide(Benchmarks.HandWrittenNRules.Compile(), _loan));

    private static Outcome Substandard(Outcome outcome) =>
        outcome.Grade == "substandard" ? outcome : throw new InvalidOperationException($"the first decision came out {outcome}, not substandard");

    internal static LoanPoco FirstLoan() => new() { Amount = 12_000_000m, OverdueDays = 95, ExpectedLossRate = 0.10m, HasSupplementarySource = true };

    /// <summary>For comparison: the peer engine from its JSON workflow to the first result (scope and worst-of in C#).</summary>
    [Benchmark]
    public Outcome RulesEngine() => new PeerLoanClassifier(PeerWorkflow.Load(Workloads.LoanPolicy)).Classify(_loan);

    private sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig()
        {
            var coldStart = Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(10).WithWarmupCount(0).WithIterationCount(1);
            // The benchmark csproj (target UseTieringRulesReadyToRunImage) swaps the image in when the host is built with
            // TieringReadyToRun=true.
            AddJob(coldStart.WithArguments([new MsBuildArgument("/p:TieringReadyToRun=true")])
                .WithEnvironmentVariable(ExpectedImageVariable, "ReadyToRun").WithId("ReadyToRun"));
            AddJob(coldStart.WithEnvironmentVariable(ExpectedImageVariable, "Jit").WithId("Jit"));
            // The job name says it all; the variable and the build argument only repeat it across the table.
            HideColumns(Column.EnvironmentVariables, Column.Arguments);
        }
    }
}

/// <summary>
/// The same first load and decision as <see cref="ColdStart.TieringRules"/>, in a host published as Native AOT: no JIT,
/// so what remains is reading, parsing, analysing and building the closures (generated code is not used without a JIT).
/// Publishing takes a minute and needs a C toolchain (clang, or gcc where there is no clang).
/// </summary>
[Config(typeof(NativeAotColdStartConfig))]
public class ColdStartNativeAot
{
    private string _loanPolicy = string.Empty;
    private LoanPoco _loan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _loanPolicy = RepositoryPaths.PolicyFile(Workloads.LoanPolicy);
        _loan = ColdStart.FirstLoan();
    }

    /// <summary>As <see cref="ColdStart.TieringRules"/> (the generic <c>Decide</c> keeps the fact type's properties for the trimmed host).</summary>
    [Benchmark]
    public Outcome TieringRules() => ColdStart.FirstDecision(_loanPolicy, _loan);

    private sealed class NativeAotColdStartConfig : ManualConfig
    {
        public NativeAotColdStartConfig()
        {
            var job = Job.Default
                .WithStrategy(RunStrategy.ColdStart).WithLaunchCount(10).WithWarmupCount(0).WithIterationCount(1)
                // The ILCompiler matching this runtime, from the configured feed (the toolchain's default is a nightly feed).
                .WithToolchain(NativeAotToolchain.CreateBuilder()
                    .UseNuGet(Environment.Version.ToString(3), "https://api.nuget.org/v3/index.json")
                    .TargetFrameworkMoniker("net10.0")
                    .ToToolchain())
                .WithId("NativeAot");
            if (!OnPath("clang") && OnPath("gcc"))
            {
                job = job.WithArguments([new MsBuildArgument("/p:CppCompilerAndLinker=gcc")]);
            }

            AddJob(job);
        }

        private static bool OnPath(string tool) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
    }
}

/// <summary>
/// Rebuilding the whole shipped <c>rules/</c> directory in a warm process, as a host's reload does: read, parse,
/// validate and compile every policy into a new <see cref="PolicySet"/> (the static analysis of the policies it cannot
/// fail runs when the set's diagnostics are read: <see cref="LoadDirectoryReadingDiagnostics"/>); for the NRules path,
/// also translate every policy and compile the session factory (<see cref="NRulesPolicySet.Create"/>).
/// </summary>
[MemoryDiagnoser]
public class Reload
{
    private string _rules = string.Empty;

    [GlobalSetup]
    public void Setup() => _rules = RepositoryPaths.RulesDirectory;

    [Benchmark(Baseline = true)]
    public PolicySet LoadDirectory() => PolicySet.LoadDirectory(_rules);

    /// <summary>As <see cref="LoadDirectory"/>, and the set's warnings read: with the static analysis a load leaves until then.</summary>
    [Benchmark]
    public int LoadDirectoryReadingDiagnostics() => PolicySet.LoadDirectory(_rules).Diagnostics.Count;

    /// <summary>The NRules path's reload: the same, then every policy translated and compiled into a new session factory.</summary>
    [Benchmark]
    public NRulesPolicySet NRules() => NRulesPolicySet.Create(PolicySet.LoadDirectory(_rules));
}

/// <summary>
/// The static analysis alone (gaps, overlaps, masking, dead grades…) of each shipped policy's model, in a warm process:
/// the part of a load that issue 4 bounds ("well under 100 ms for the largest shipped policy").
/// </summary>
[MemoryDiagnoser]
public class StaticAnalysis
{
    private Dictionary<string, Tiering.Rules.Model.PolicyDefinition> _models = [];

    [Params("loan-five-category", "loan-risk-regulatory", "credit-scorecard-example", "field-service-sla")]
    public string Policy { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var set = PolicySet.LoadDirectory(RepositoryPaths.RulesDirectory);
        _models = set.Policies.Select(p => p.Id).Distinct().ToDictionary(id => id, id => set.Find(id, null)!.Definition);
    }

    [Benchmark]
    public int Analyze() => Tiering.Rules.Analysis.PolicyAnalyzer.Analyze(_models[Policy]).Count;
}
