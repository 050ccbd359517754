using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Vigil.Evaluation.Execution;

/// <summary>
/// The one way an executor hands results over as they finish: a producer task writes them into a channel, and the run
/// reads them out; stopping early (the caller breaks or fails) stops the producer and waits for it, so no job outlives
/// its run.
/// </summary>
public static class JobResultStream
{
    /// <summary>Yields what <paramref name="results"/> receives until <paramref name="producer"/> completes the channel.</summary>
    /// <param name="results">The channel the producer writes to; a channel completed with an error rethrows it here.</param>
    /// <param name="producer">The task that runs the jobs and completes the channel.</param>
    /// <param name="stop">Cancelled when reading ends early or fails, to stop the producer starting jobs.</param>
    /// <param name="ct">The run's token: a cancelled run ends with <see cref="OperationCanceledException"/> after the results already in.</param>
    public static async IAsyncEnumerable<T> ReadAsync<T>(ChannelReader<T> results, Task producer, CancellationTokenSource stop, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(stop);
        try
        {
            // A faulted channel rethrows the job's own exception here (WaitToReadAsync surfaces the completion error).
            while (await results.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (results.TryRead(out var result))
                {
                    yield return result;
                }
            }

            ct.ThrowIfCancellationRequested();
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }
}
