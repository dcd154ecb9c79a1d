using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tiering.Rules.DependencyInjection.Tests.Support;

/// <summary>An <see cref="ILoggerFactory"/> that keeps every entry, for assertions.</summary>
internal sealed class TestLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(TestLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue(new LogEntry(category, logLevel, eventId.Name, formatter(state, exception), exception));
            }
        }
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string? EventName, string Message, Exception? Exception);
