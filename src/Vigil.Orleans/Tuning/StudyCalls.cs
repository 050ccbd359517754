using Vigil.Orleans.Jobs;

namespace Vigil.Orleans.Tuning;

/// <summary>
/// Calls to a study grain that outlive the loss of its silo: a call that fails because the silo hosting the grain
/// died (or the way to it) is made again, and Orleans activates the grain on a live silo from its persisted state.
/// </summary>
internal static class StudyCalls
{
    /// <summary>Attempts before giving up (the death of a silo is declared within about 10 s).</summary>
    public const int Attempts = 8;

    /// <summary>Longest one attempt may take before it counts as lost.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Wait between attempts.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken ct = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(CallTimeout, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && OrleansJobExecutor.IsLost(e))
            {
                await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
            }
        }
    }
}
