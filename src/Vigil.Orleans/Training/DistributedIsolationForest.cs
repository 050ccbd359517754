using System.Diagnostics;
using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Training;

namespace Vigil.Orleans.Training;

/// <summary>
/// Fits an isolation forest on the cluster, Dask-ML's way for tree ensembles: the trees are cut into contiguous
/// shards, <see cref="IForestShardGrain"/>s (one per silo while there are enough, by <see cref="RankPlacementStrategy"/>)
/// fit them in parallel, and the shards are joined in tree order. For a seed the result is the single-process forest.
/// </summary>
/// <remarks>A shard whose silo fails is requested again under a new key (shards are pure functions of the request). Thread-safe.</remarks>
public sealed class DistributedIsolationForest(IGrainFactory grains)
{
    /// <summary>Attempts per shard before the fit fails.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Fits <paramref name="options"/>' forest on <paramref name="train"/> in <paramref name="shards"/> shards.</summary>
    /// <param name="options">The forest's options (the seed decides every tree).</param>
    /// <param name="train">The training series.</param>
    /// <param name="shards">Shards, in [1, trees]; typically the number of silos.</param>
    /// <param name="ct">Cancels the wait.</param>
    public async Task<DistributedForestFit> FitAsync(IsolationForestOptions options, TimeSeries train, int shards, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        if (shards < 1 || shards > Math.Max(1, options.Trees))
        {
            throw new ArgumentOutOfRangeException(nameof(shards), $"Shards must be in [1, {Math.Max(1, options.Trees)}], got {shards}.");
        }

        var clock = Stopwatch.StartNew();
        string json = OptionsBinder.ToJson(options);
        double[] values = train.Values.ToArray();
        string key = Guid.NewGuid().ToString("N");
        int resubmitted = 0;
        var replies = await Task.WhenAll(Enumerable.Range(0, shards).Select(async index =>
        {
            var (first, count) = DataParallelPlan.ShardOf(options.Trees, index, shards);
            var request = new ForestShardRequestDto(json, values, first, first + count);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return await grains.GetGrain<IForestShardGrain>(index, $"{key}/{attempt}").FitAsync(request).WaitAsync(ct);
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException && attempt + 1 < MaxAttempts)
                {
                    Interlocked.Increment(ref resubmitted);
                }
            }
        }));

        var detector = new IsolationForestDetector(options);
        detector.FitFromShards(train, replies.Select(r => IsolationForestShard.FromBytes(r.Trees)).ToList());
        return new DistributedForestFit(detector, replies, clock.Elapsed, resubmitted);
    }
}
