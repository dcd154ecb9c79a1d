using System.Diagnostics;
using System.Reflection;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.ColdPath;

/// <summary>
/// The cold path — a fresh process from nothing to its first decision of the shipped loan policy, docs/DESIGN.md §6a —
/// held by a test instead of by folklore. Each test starts the small program in tests/Tiering.Rules.ColdPath in a process
/// of its own (nothing of this test host counts), which loads <c>rules/loan-five-category.yaml</c>, decides one loan and
/// reports which assemblies the process had loaded and how many methods the JIT had compiled by then. Every assembly
/// and every compiled method there is paid by a host on each start, and is most of what the cold start costs under the
/// JIT.
/// </summary>
public sealed class ColdPathTests
{
    /// <summary>
    /// Methods the JIT may compile for the load and the first decision, with about 15% headroom over what it compiles
    /// today (2026-12, .NET 10: 532 for a POCO loan, 505 for a dictionary; issue 18's splits added about 58 of them:
    /// the compiled policy by job about 24, small types and their getters, the analysis into one class per check about
    /// 26, each check's constructor and <c>AppliesTo</c>, and the policy builder by section about 8). Reading the file through YamlDotNet instead costs
    /// about 190 more; a LINQ lambda on the load path one or two each. Issue 25's fifth session moved rare outcomes and
    /// throws out of the first load's methods and gave <c>LoadFiles</c> a span overload: 586 and 558 in a Debug build
    /// (the model's own output map added 2 of its own, where the immutable dictionary's code is precompiled in the
    /// framework). Its sixth left the static analysis of a policy that cannot fail the load until the diagnostics are read
    /// (a first decision reads none): 497 and 469 (495 and 467 once the output map found keys the way its builder does). Its
    /// eighth gave the YAML reader and the lexer a list of the engine's own (<c>ScratchList</c>) in place of
    /// <c>List&lt;T&gt;</c> over their node and token types: 7 more methods here, whose code the framework's image holds for
    /// <c>List&lt;T&gt;</c>, for 27 fewer type loads in a first load with the package's image, the cold start issue 25
    /// measures (502 and 474). Its ninth made the model's collections arrays and the load's lists and name maps the
    /// engine's own (<c>Collections/ScratchList</c>, <c>NameMap</c>): 20 and 16 more methods here, their code, which the
    /// framework's images held for <c>List&lt;T&gt;</c>, <c>Dictionary</c> and <c>ImmutableArray</c>, for about 200 fewer type
    /// loads (522 and 490; the cold start under the JIT measured no slower, benchmarks/README.md, session 9). Its tenth checked
    /// the policy's text for normalization form C by its characters and wrote the set's fingerprint digits by hand, so that
    /// ICU is not loaded: 3 methods more (525 and 493); and bound a POCO type's facts from its second with the delegate
    /// binder the generic entry point prepares (reflection's invoke emitted a stub per getter at its second call: a fresh
    /// host's second decision 3 ms, now 0.05), whose check on the way costs a first decision 7 methods for a POCO and 4
    /// for a dictionary (532 and 497). Its eleventh read a POCO type's properties once per type, with an index of their
    /// names, where each field's lookup had copied the property list and the type's getter table (531 and 497), and left
    /// the set's fingerprint until it is read (528 and 494), and gave <c>ScratchList</c> an enumerator of its own: 3 methods
    /// more here (the span's enumerator is in the framework's image), for 3 type loads fewer per element type enumerated
    /// with the package's image (531 and 497); and asked whether a fact type was bound before, not whether it is a POCO,
    /// on its first decision (528 and 498: a dictionary compiles the question, a POCO no longer compiles the other). When a
    /// change needs more, say why in the commit and raise
    /// the budget; the list of methods comes from
    /// <c>DOTNET_JitStdOutFile=/tmp/jit.txt DOTNET_JitDisasmSummary=1 dotnet tests/Tiering.Rules.ColdPath/bin/Debug/net10.0/Tiering.Rules.ColdPath.dll rules/loan-five-category.yaml poco</c>
    /// (which also lists the program's own few methods).
    /// </summary>
    private const int PocoJitBudget = 528;

    private const int DictionaryJitBudget = 498;

    /// <summary>Assemblies the first decision does not load today, and must not, with the reason each stays out.</summary>
    private static readonly Dictionary<string, string> NotOnTheColdPath = new(StringComparer.Ordinal)
    {
        ["YamlDotNet"] = "every shipped policy is in the common YAML subset, which the engine reads itself",
        ["System.Text.RegularExpressions"] = "nothing on the load path matches patterns (YamlDotNet would)",
        ["System.ObjectModel"] = "arrays and the framework's own collections serve (YamlDotNet would load it)",
        ["System.Text.Json"] = "JSON facts are looked for only in boxed value types",
        ["System.Collections.Concurrent"] = "per-policy binders and accessors are copy-on-write arrays and dictionaries",
        ["System.Linq.Expressions"] = "expression trees are compiled only on tier-up (64 facts of a type, 256 decisions)",
        ["System.Reflection.Emit.ILGeneration"] = "no code is generated before tier-up",
        ["System.Reflection.Emit.Lightweight"] = "no code is generated before tier-up",
        ["System.Security.Cryptography"] = "the set's fingerprint is a content hash (FNV-1a), not a cryptographic one",
        ["System.ComponentModel.TypeConverter"] = "values are converted by the engine's own code, not through type descriptors",
        ["System.Console"] = "the engine writes nothing to the console",
    };

    private static readonly Lazy<ChildRun> Poco = new(() => ChildRun.Start("poco"));

    private static readonly Lazy<ChildRun> Dictionary = new(() => ChildRun.Start("dictionary"));

    [Theory]
    [InlineData("poco")]
    [InlineData("dictionary")]
    public void FirstDecision_ShippedLoanPolicy_LoadsNoAssemblyOffTheColdPath(string fact)
    {
        var run = fact == "poco" ? Poco.Value : Dictionary.Value;

        run.Decision.Should().Be("Classified substandard SUB-01,SUB-06", "the program must have loaded the policy and decided the loan");
        run.Assemblies.Should().Contain("Tiering.Rules");
        var offPath = run.Assemblies.Where(NotOnTheColdPath.ContainsKey).Select(a => $"{a} ({NotOnTheColdPath[a]})").ToList();
        offPath.Should().BeEmpty($"a first {fact} decision loaded only {string.Join(", ", run.Assemblies)}");
    }

    [Theory]
    [InlineData("poco", PocoJitBudget)]
    [InlineData("dictionary", DictionaryJitBudget)]
    public void FirstDecision_ShippedLoanPolicy_CompilesNoMoreMethodsThanTheBudget(string fact, int budget)
    {
        var run = fact == "poco" ? Poco.Value : Dictionary.Value;

        run.Decision.Should().Be("Classified substandard SUB-01,SUB-06");
        run.JitMethods.Should().BeInRange(100, budget, $"the budget of a first {fact} decision is {budget} methods (see {nameof(PocoJitBudget)} for how to list them)");
    }

    /// <summary>
    /// ICU, the platform's Unicode library, is loaded by the framework's globalization on first need (culture data, number
    /// formatting with a culture, casing or normalization beyond ASCII): about 5 ms of a fresh process's first load
    /// (issue 25, session 10). The loan policy's Chinese text is checked for normalization form C without it, and the
    /// set's fingerprint is written out by hand. Linux only (elsewhere the program reports <c>unknown</c>).
    /// </summary>
    [Theory]
    [InlineData("poco")]
    [InlineData("dictionary")]
    public void FirstDecision_ShippedLoanPolicy_LeavesIcuUnloaded(string fact)
    {
        var run = fact == "poco" ? Poco.Value : Dictionary.Value;

        run.Decision.Should().Be("Classified substandard SUB-01,SUB-06");
        run.Icu.Should().BeOneOf("not-loaded", "unknown");
        if (OperatingSystem.IsLinux())
        {
            run.Icu.Should().Be("not-loaded", "a first load and decision of the shipped loan policy needs no culture data");
        }
    }

    [Fact]
    public void FirstDecision_SubsetReaderSwitchedOff_ReadsThroughYamlDotNet_AndDecidesTheSame()
    {
        var run = ChildRun.Start("poco", "disable-subset-reader");

        run.Decision.Should().Be(Poco.Value.Decision);
        run.Assemblies.Should().Contain("YamlDotNet", "the switch sends every file to the full YAML parser");
        run.JitMethods.Should().BeGreaterThan(Poco.Value.JitMethods + 100, "compiling the full parser is what the subset reader saves");
    }

    /// <summary>One run of tests/Tiering.Rules.ColdPath in a fresh process, and what it reported.</summary>
    private sealed class ChildRun
    {
        private ChildRun(string decision, int jitMethods, IReadOnlyList<string> assemblies, string icu)
        {
            Decision = decision;
            JitMethods = jitMethods;
            Assemblies = assemblies;
            Icu = icu;
        }

        /// <summary>Status, grade and fired rule ids, as <c>Classified substandard SUB-01,SUB-06</c>.</summary>
        public string Decision { get; }

        public int JitMethods { get; }

        /// <summary>The simple names of the assemblies loaded at the decision, in load order.</summary>
        public IReadOnlyList<string> Assemblies { get; }

        /// <summary>Whether ICU was loaded at the decision: <c>loaded</c>, <c>not-loaded</c>, or <c>unknown</c> off Linux.</summary>
        public string Icu { get; }

        public static ChildRun Start(params string[] arguments)
        {
            var program = typeof(ColdPathTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ColdPathProgram").Value!;
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Repo.Root,
            };
            start.ArgumentList.Add(program);
            start.ArgumentList.Add(Path.Combine(Repo.Rules, "loan-five-category.yaml"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Tiered compilation starts recompiling hot methods 100 ms after the last new one; on a slow or busy machine
            // that can fall inside the run and add methods the cold path does not need. Put it out of reach.
            start.Environment["DOTNET_TC_CallCountingDelayMs"] = "60000";

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill();
                throw new TimeoutException($"{program} did not finish within a minute");
            }

            process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', start.ArgumentList.Skip(1))} failed: {stderr.Result}");
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new ChildRun(
                Value(lines, "decision "),
                int.Parse(Value(lines, "jit-methods "), System.Globalization.CultureInfo.InvariantCulture),
                [.. lines.Where(l => l.StartsWith("assembly ", StringComparison.Ordinal)).Select(l => l["assembly ".Length..])],
                Value(lines, "icu "));
        }

        private static string Value(string[] lines, string prefix) =>
            lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

        /// <summary>The <c>dotnet</c> running these tests (the test host is usually started by it), else the one on PATH.</summary>
        private static string DotnetHost() =>
            Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : "dotnet";
    }
}
