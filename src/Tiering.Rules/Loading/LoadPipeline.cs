using Tiering.Rules.Analysis;
using Tiering.Rules.Building;
using Tiering.Rules.Collections;
using Tiering.Rules.Compilation;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;
using Tiering.Rules.Syntax;

namespace Tiering.Rules.Loading;

/// <summary>
/// A load in four phases over all files together, so that policies can refer to each other: (1) the syntax of every
/// file and each file's header (id, version, grades), for typing <c>decision('id').grade</c>; (2) the validated model of
/// every file, every problem collected; (3) the checks across files (versions, dependency cycles) and the analysis of
/// each policy; (4) compilation, only when no error was reported. Never throws on bad input: every problem is a
/// diagnostic. Thread-safe (it holds no state).
/// </summary>
internal static class LoadPipeline
{
    public static LoadOutput Run(PolicySource[] sources, LoadLimits limits, List<Diagnostic> diagnostics)
    {
        // Phase 1: syntax, and each file's header (id, grades) so decision(…) can be typed across files.
        var trees = new ScratchList<ParsedFile>();
        var fallbacks = new ScratchList<YamlReaderFallback>();
        for (var i = 0; i < sources.Length; i++)
        {
            var source = sources[i];
            if (YamlSyntaxReader.Read(source.Path, source.Text, limits, diagnostics, fallbacks) is { } root)
            {
                trees.Add(new ParsedFile(source, root));
            }
        }

        // Loops rather than LINQ on this path: every lambda is one more method a process's first load must compile.
        var headers = new NameMap<PolicyHeader[]>();
        foreach (var tree in trees)
        {
            if (PolicyBuilder.ReadHeader(tree.Root) is { } header)
            {
                headers[header.Id] = headers.TryGetValue(header.Id, out var same) ? Arrays.Append(same, header) : new[] { header };
            }
        }

        // Phase 2: the validated model of each file (a file another reads the outputs of is built first, on demand).
        // Only a load where some file reads another's decision needs the on-demand builds (a first load of files that
        // do not compiles none of it, nor loads its types).
        var policies = ReadsDecisions(sources) ? BuildOnDemand(trees, limits, headers, diagnostics) : BuildInOrder(trees, limits, headers, diagnostics);

        // Phase 3: checks across files, then the static analysis of each policy: now for a policy whose analysis can
        // fail the load, when the diagnostics are first read for the others (LoadDiagnostics), unless the load fails.
        PolicySetAnalyzer.Analyze(policies, diagnostics);
        var analysed = new IReadOnlyList<Diagnostic>?[policies.Length];
        var failed = sources.Length == 0 && diagnostics.Count > 0;
        for (var i = 0; i < policies.Length; i++)
        {
            if (PolicyAnalyzer.CanReportErrors(policies[i]))
            {
                analysed[i] = PolicyAnalyzer.Analyze(policies[i], limits);
                failed |= HasError(analysed[i]!);
            }
        }

        var all = new LoadDiagnostics(diagnostics, policies, analysed, limits);
        if (failed || HasError(diagnostics))
        {
            return new LoadOutput(null, all.Materialize(), fallbacks.ToArray());
        }

        // Phase 4: compile, each policy's versions by effective date (no two start on the same day: VersionOverlapCheck);
        // a loop rather than a grouping, and sorted only for a policy with several versions.
        var compiled = new NameMap<CompiledPolicy[]>();
        foreach (var policy in policies)
        {
            var version = new CompiledPolicy(policy);
            compiled[policy.Id] = compiled.TryGetValue(policy.Id, out var earlier) ? ByEffectiveDate(Arrays.Append(earlier, version)) : new[] { version };
        }

        return new LoadOutput(compiled, all, fallbacks.ToArray());
    }

    /// <summary>Each file's model, in file order: no file reads another's decision.</summary>
    private static PolicyDefinition[] BuildInOrder(ScratchList<ParsedFile> trees, LoadLimits limits, NameMap<PolicyHeader[]> headers, List<Diagnostic> diagnostics)
    {
        var built = new ScratchList<PolicyDefinition>();
        foreach (var tree in trees)
        {
            if (PolicyBuilder.Build(tree.Source.Path, tree.Root, limits, headers, diagnostics) is { } policy)
            {
                built.Add(policy);
            }
        }

        return built.ToArray();
    }

    /// <summary>
    /// Each file's model, a file another reads the decision of built first (<see cref="Models"/>). Apart from
    /// <see cref="BuildInOrder"/>: a precompiled method loads the types it names when it is first entered.
    /// </summary>
    private static PolicyDefinition[] BuildOnDemand(ScratchList<ParsedFile> trees, LoadLimits limits, NameMap<PolicyHeader[]> headers, List<Diagnostic> diagnostics)
    {
        var models = new Models(trees, limits, headers, diagnostics);
        var built = new ScratchList<PolicyDefinition>();
        foreach (var tree in trees)
        {
            if (models.Build(tree) is { } policy)
            {
                built.Add(policy);
            }
        }

        return built.ToArray();
    }

    /// <summary>Whether any of <paramref name="diagnostics"/> is an error (a loop: every load gets here).</summary>
    private static bool HasError(IReadOnlyList<Diagnostic> diagnostics)
    {
        for (var i = 0; i < diagnostics.Count; i++)
        {
            if (diagnostics[i].Severity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsDecisions(PolicySource[] sources)
    {
        for (var i = 0; i < sources.Length; i++)
        {
            var source = sources[i];
            if (source.Text.Contains("decision(", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The diagnostics by file, line and column; equal positions keep their order. Sorted (with LINQ) only when there are several.</summary>
    internal static Diagnostic[] InFileOrder(List<Diagnostic> diagnostics) =>
        diagnostics.Count > 1
            ? [.. diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column)]
            : [.. diagnostics];

    /// <summary>A policy's versions by effective date; only a policy with two or more versions gets here.</summary>
    private static CompiledPolicy[] ByEffectiveDate(CompiledPolicy[] versions) =>
        [.. versions.OrderBy(v => v.Definition.EffectiveFrom ?? DateOnly.MinValue)];

    /// <summary>
    /// Builds each file's model once, in file order or earlier when another file's expressions need its declaration
    /// (<see cref="IPolicyModels"/>). Each build reports into a list of its own, added to the load's when it ends, so
    /// that a build that triggers another counts only its own errors.
    /// </summary>
    private sealed class Models(ScratchList<ParsedFile> trees, LoadLimits limits, NameMap<PolicyHeader[]> headers, List<Diagnostic> diagnostics) : IPolicyModels
    {
        private readonly Dictionary<ParsedFile, PolicyDefinition?> _built = [];
        private readonly HashSet<ParsedFile> _building = [];

        public PolicyDefinition? Build(ParsedFile tree)
        {
            if (_built.TryGetValue(tree, out var done) || !_building.Add(tree))
            {
                return done;
            }

            var own = new List<Diagnostic>();
            var policy = PolicyBuilder.Build(tree.Source.Path, tree.Root, limits, headers, own, this);
            diagnostics.AddRange(own);
            _building.Remove(tree);
            _built[tree] = policy;
            return policy;
        }

        public IReadOnlyList<PolicyDefinition>? Versions(string policyId)
        {
            var versions = new List<PolicyDefinition>();
            foreach (var tree in trees)
            {
                if (PolicyBuilder.ReadHeader(tree.Root) is { } header && header.Id == policyId)
                {
                    if (Build(tree) is not { } policy)
                    {
                        return null;
                    }

                    versions.Add(policy);
                }
            }

            return versions.Count == 0 ? null : versions;
        }
    }

    /// <summary>A file's syntax tree. A class, compared by reference: a record's equality would hash the file's whole text
    /// every time the models look a tree up (and a value tuple here would cost a first load its generic code's JIT).</summary>
    private sealed class ParsedFile(PolicySource source, SyntaxNode root)
    {
        public PolicySource Source { get; } = source;

        public SyntaxNode Root { get; } = root;
    }
}
