using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Vigil.Detection;

namespace Vigil.Evaluation.Execution;

/// <summary>
/// Runs jobs on this machine's cores: a bounded parallel loop over the jobs in the order given, one job per thread at a
/// time, results handed over as each finishes. The default executor; it needs nothing installed.
/// </summary>
/// <remarks>Thread safety: one instance may serve several runs at once; each run has its own loop.</remarks>
public sealed class LocalJobExecutor : IJobExecutor
{
    /// <summary>The worker name local results carry.</summary>
    public const string WorkerName = "local";

    private readonly DetectorRegistry _registry;
    private readonly int _parallelism;

    /// <summary>Creates an executor.</summary>
    /// <param name="registry">Builds the detectors.</param>
    /// <param name="parallelism">Jobs at once; 0 = one per core.</param>
    public LocalJobExecutor(DetectorRegistry registry, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfNegative(parallelism);
        _registry = registry;
        _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DetectorJobResult> RunAsync(IReadOnlyList<DetectorJob> jobs, IProgress<DetectorJobProgress>? progress = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var results = Channel.CreateUnbounded<DetectorJobResult>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Implementation note: a partitioner without buffering hands out one job at a time in the given order, so the
        // longest jobs (put first by the caller) start first; Parallel.ForEach over a list would split it into ranges.
        var loop = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(
                    Partitioner.Create(jobs, EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = stop.Token },
                    job =>
                    {
                        Action<int>? rows = progress is null ? null : done => progress.Report(new DetectorJobProgress(job.Id, done));
                        results.Writer.TryWrite(DetectorJobFunction.Run(_registry, job, WorkerName, rows, stop.Token));
                    });
                results.Writer.TryComplete();
            }
            catch (AggregateException e)
            {
                // One job's exception (or the cancellation) as itself, not wrapped: callers report its message.
                var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
                results.Writer.TryComplete(first);
            }
            catch (Exception e)
            {
                results.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        await foreach (var result in JobResultStream.ReadAsync(results.Reader, loop, stop, ct).ConfigureAwait(false))
        {
            yield return result;
        }
    }
}
