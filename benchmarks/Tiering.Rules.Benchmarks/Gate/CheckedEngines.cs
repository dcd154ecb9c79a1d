namespace Tiering.Rules.Benchmarks;

/// <summary>
/// Which engines the agreement check in a throughput class's <c>[GlobalSetup]</c> runs. By default every engine of the
/// suite; the CI gate (<see cref="CiGate"/>) times only a few rows and sets <see cref="Variable"/> in the benchmark
/// processes to exactly those rows, so each process checks what it times (against <c>HandWritten</c> over the whole
/// workload) and does not spend its time deciding 100,000 facts on NRules and RulesEngine first.
/// </summary>
public static class CheckedEngines
{
    /// <summary>Comma-separated benchmark method names; unset or empty means every engine.</summary>
    public const string Variable = "TIERING_BENCH_CHECKED_ENGINES";

    /// <summary>Whether the agreement check runs the engine of benchmark method <paramref name="name"/> in this process.</summary>
    public static bool Includes(string name) => Includes(Environment.GetEnvironmentVariable(Variable), name);

    /// <summary>Whether <paramref name="list"/> (the variable's value) names <paramref name="name"/>; null or blank names every engine.</summary>
    public static bool Includes(string? list, string name) =>
        string.IsNullOrWhiteSpace(list) || list.Split(',', StringSplitOptions.TrimEntries).Contains(name, StringComparer.Ordinal);
}
