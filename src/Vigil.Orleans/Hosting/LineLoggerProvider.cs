using Microsoft.Extensions.Logging;

namespace Vigil.Orleans.Hosting;

/// <summary>
/// Writes the Orleans runtime's log entries at or above a level as single lines to a sink (the CLI hands it standard
/// error), so that the runtime's information chatter never floods the console.
/// </summary>
internal sealed class LineLoggerProvider(Action<string> sink, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(sink, minimum, categoryName);

    public void Dispose()
    {
    }

    private sealed class LineLogger(Action<string> sink, LogLevel minimum, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The scheduler's "took longer than" and the runtime's ServerGC notes are warnings about a busy or small machine
        // (every core runs a job), not about the cluster: kept out unless they are errors.
        private readonly bool _noisy = category.StartsWith("Orleans.Runtime.Scheduler", StringComparison.Ordinal) || category == "Orleans.Runtime.Silo";

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (_noisy ? LogLevel.Error : minimum) && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // One line per entry; the exception's message only (no stack trace on the console).
            string message = formatter(state, exception).ReplaceLineEndings(" ");
            string cause = exception is null ? string.Empty : $" ({exception.Message.ReplaceLineEndings(" ")})";
            string shortCategory = category[(category.LastIndexOf('.') + 1)..];
            sink($"orleans {logLevel.ToString().ToLowerInvariant()} [{shortCategory}] {message}{cause}");
        }
    }
}
