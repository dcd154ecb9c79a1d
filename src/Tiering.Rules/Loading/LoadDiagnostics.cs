using System.Collections;
using Tiering.Rules.Analysis;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Loading;

/// <summary>
/// The diagnostics of a load that succeeded, with the static analysis of the policies that cannot fail it run when
/// they are first read. A policy's analysis reports an error only where <see cref="PolicyAnalyzer.CanReportErrors"/>
/// says so (an overlap under <c>hitPolicy: unique</c>); every other policy's findings are warnings and information,
/// which change nothing about whether or how the set loads, so a host that never reads them (most decide without ever
/// looking) does not pay for them on its first load: a loan policy's analysis is about 1.5–2 ms of a process's first
/// load (benchmarks/README.md, "Issue 25, session 6"). Read, the list holds exactly what an eager load reported, in the
/// same order: the earlier diagnostics, then each policy's findings in load order, sorted by file, line and column
/// (stable). Thread-safe: the first reader analyses under a lock; every reader then sees the same list.
/// </summary>
internal sealed class LoadDiagnostics : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _before;
    private readonly PolicyDefinition[] _policies;
    private readonly IReadOnlyList<Diagnostic>?[] _analysed;
    private readonly LoadLimits _limits;
    private readonly object _lock = new();
    private Diagnostic[]? _all;

    /// <param name="before">What the load reported before the analysis of each policy (syntax, model, checks across files).</param>
    /// <param name="policies">The load's policies, in load order.</param>
    /// <param name="analysed">Per policy, its findings when analysed already, or null to analyse it when first read.</param>
    /// <param name="limits">The load's limits (the analysis budget).</param>
    public LoadDiagnostics(List<Diagnostic> before, PolicyDefinition[] policies, IReadOnlyList<Diagnostic>?[] analysed, LoadLimits limits)
    {
        _before = before;
        _policies = policies;
        _analysed = analysed;
        _limits = limits;
    }

    /// <summary>Whether the deferred analyses have run (the list was read).</summary>
    internal bool IsMaterialized => Volatile.Read(ref _all) is not null;

    /// <inheritdoc/>
    public int Count => All.Length;

    /// <inheritdoc/>
    public Diagnostic this[int index] => All[index];

    /// <inheritdoc/>
    public IEnumerator<Diagnostic> GetEnumerator() => ((IEnumerable<Diagnostic>)All).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Every diagnostic of the load, the deferred analyses run first if they have not been.</summary>
    private Diagnostic[] All => Volatile.Read(ref _all) ?? Materialize();

    /// <summary>Runs the deferred analyses and puts every diagnostic in file order, once.</summary>
    internal Diagnostic[] Materialize()
    {
        lock (_lock)
        {
            if (_all is { } done)
            {
                return done;
            }

            var all = new List<Diagnostic>(_before);
            for (var i = 0; i < _policies.Length; i++)
            {
                all.AddRange(_analysed[i] ?? PolicyAnalyzer.Analyze(_policies[i], _limits));
            }

            var sorted = LoadPipeline.InFileOrder(all);
            Volatile.Write(ref _all, sorted);
            return sorted;
        }
    }
}
