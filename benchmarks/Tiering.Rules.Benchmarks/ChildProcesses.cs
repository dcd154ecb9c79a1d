using System.Diagnostics;

namespace Tiering.Rules.Benchmarks;

/// <summary>Starting helper processes and reading what they print, for the modes that time fresh processes.</summary>
internal static class ChildProcesses
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> to its end; <paramref name="output"/> is its
    /// standard output, trimmed, followed by its standard error when it wrote any.
    /// </summary>
    /// <returns>The process's exit code.</returns>
    public static int Execute(string program, IEnumerable<string> arguments, out string output)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        output += errors.Result.Length > 0 ? Environment.NewLine + errors.Result.Trim() : string.Empty;
        return process.ExitCode;
    }

    /// <summary>
    /// Runs this benchmark program again with <paramref name="arguments"/>, however this one was started (its own
    /// executable, or <c>dotnet</c> with the program's assembly).
    /// </summary>
    public static int ExecuteSelf(IEnumerable<string> arguments, out string output)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        IEnumerable<string> prefix = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(ChildProcesses).Assembly.Location] : [];
        return Execute(host, prefix.Concat(arguments), out output);
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
