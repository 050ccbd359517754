namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>Retries transient failures with exponential backoff: delays of first, 2×first, 4×first … capped at max.</summary>
/// <param name="maxAttempts">Attempts in all, at least 1.</param>
/// <param name="firstDelay">The delay after the first failure.</param>
/// <param name="maxDelay">The longest delay.</param>
/// <param name="time">Waits the delays (tests pass a provider whose timers fire at once, and read the requested delays).</param>
/// <remarks>No jitter: Vigil's delays are reproducible; one process talks to one server, so there is no herd to spread.</remarks>
public sealed class RetryPolicy(int maxAttempts, TimeSpan firstDelay, TimeSpan maxDelay, TimeProvider time)
{
    /// <summary>5 attempts, 0.5 s doubling to 4 s (7.5 s of waiting in all before giving up).</summary>
    public static RetryPolicy Default(TimeProvider time) => new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), time);

    /// <summary>Attempts in all.</summary>
    public int MaxAttempts { get; } = maxAttempts >= 1 ? maxAttempts : throw new ArgumentOutOfRangeException(nameof(maxAttempts), "At least one attempt.");

    /// <summary>The delay before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        double ms = firstDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromMilliseconds(Math.Min(ms, maxDelay.TotalMilliseconds));
    }

    /// <summary>Runs <paramref name="action"/>, retrying while <paramref name="isTransient"/> says the failure may pass.</summary>
    /// <exception cref="RetriesExhaustedException">Every attempt failed transiently; the last failure is the inner exception.</exception>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, Func<Exception, bool> isTransient, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(isTransient);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && isTransient(e))
            {
                if (attempt >= MaxAttempts)
                {
                    throw new RetriesExhaustedException(attempt, e);
                }

                await Task.Delay(DelayAfter(attempt), time, ct).ConfigureAwait(false);
            }
        }
    }
}
