using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Otel.Tracking.Serving.Tests.Infrastructure;

/// <summary>A logger factory that keeps every line logged through it.</summary>
internal sealed class LogCapture : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception)));

    public void Dispose()
    {
    }
}
