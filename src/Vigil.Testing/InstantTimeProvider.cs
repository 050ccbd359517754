using System.Collections.Concurrent;

namespace Vigil.Testing;

/// <summary>
/// A clock for tests: <see cref="GetUtcNow"/> starts at a fixed instant and moves forward by every delay waited, and
/// timers fire at once, so backoff delays are recorded (<see cref="Delays"/>) instead of slept.
/// </summary>
/// <param name="start">The first instant reported.</param>
public sealed class InstantTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    /// <summary>A clock starting at 2026-01-01 00:00 UTC.</summary>
    public InstantTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Every timer due time requested, in order (the delays a retry policy waited).</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
