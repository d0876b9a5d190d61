using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sparring.GpuWorker.Tests;

/// <summary>Keeps every log message, and lets a test act when one appears (on the thread that logs it).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public Action<string>? OnMessage { get; set; }

    public IReadOnlyList<string> Messages => [.. _messages];

    public void Clear() => _messages.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            capture._messages.Enqueue(message);
            capture.OnMessage?.Invoke(message);
        }
    }
}
