using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>A logger provider that keeps every message logged at warning or above, for tests to wait on and read.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILoggerFactory Factory() => LoggerFactory.Create(builder => builder.AddProvider(this));

    /// <summary>Waits until a message containing <paramref name="text"/> is logged; fails naming what was logged.</summary>
    public Task<string> WaitForAsync(string text, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(_messages.FirstOrDefault(m => m.Contains(text, StringComparison.Ordinal))),
            m => m is not null,
            _ => $"no log message containing '{text}'; logged: [{string.Join(" | ", _messages)}]",
            timeout)!;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs._messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
