namespace Tiering.Rules.Benchmarks;

/// <summary>Where and when a gate run was made, for its table and the results history.</summary>
/// <param name="DateUtc">When the run finished, UTC, <c>yyyy-MM-dd HH:mm</c>.</param>
/// <param name="Commit">The commit measured (short hash, <c>+dirty</c> when the work tree had changes), or <c>unknown</c>.</param>
/// <param name="Machine">The processor's name and the logical core count.</param>
/// <param name="Load">The 1-minute load average at the start and the end of the run (Linux), or <c>–</c>.</param>
/// <param name="Runtime">The .NET runtime version.</param>
internal sealed record GateRun(string DateUtc, string Commit, string Machine, string Load, string Runtime);
