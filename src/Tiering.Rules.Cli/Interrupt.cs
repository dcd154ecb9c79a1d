using System.Runtime.InteropServices;

namespace Tiering.Rules.Cli;

/// <summary>
/// A request to stop a batch run at the next record boundary: Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143). The
/// first signal is caught and only asks the run to stop, so it can finish its record, print its summary and restore
/// the terminal; a second one ends the process as the signal would have. Thread-safe.
/// </summary>
internal sealed class Interrupt : IDisposable
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT), as shells report it.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code after SIGTERM (128 + 15).</summary>
    public const int TerminatedExitCode = 143;

    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile string? _signal;
    private int _exitCode;

    /// <summary>Whether a stop was asked for. Cheap: checked before every record.</summary>
    public bool Requested => _signal is not null;

    /// <summary>The signal that asked for the stop (SIGINT, SIGTERM), or null.</summary>
    public string? Signal => _signal;

    /// <summary>The exit code for the signal that asked for the stop.</summary>
    public int ExitCode => _exitCode;

    /// <summary>An interrupt nothing triggers but <see cref="Request"/> (tests, and hosts that handle signals themselves).</summary>
    public static Interrupt Manual() => new();

    /// <summary>An interrupt triggered by SIGINT and SIGTERM for as long as it is not disposed.</summary>
    public static Interrupt OnSignals()
    {
        var interrupt = new Interrupt();
        interrupt._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => interrupt.Handle(c, "SIGINT", InterruptedExitCode)));
        interrupt._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => interrupt.Handle(c, "SIGTERM", TerminatedExitCode)));
        return interrupt;
    }

    /// <summary>Asks the run to stop as <paramref name="signal"/> would (the first request wins).</summary>
    public void Request(string signal, int exitCode)
    {
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) == 0)
        {
            _signal = signal;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Handle(PosixSignalContext context, string signal, int exitCode)
    {
        // A second signal while the run is stopping: let it end the process.
        context.Cancel = !Requested;
        Request(signal, exitCode);
    }
}
