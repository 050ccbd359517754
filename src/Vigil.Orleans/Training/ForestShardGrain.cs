using System.Diagnostics;
using System.Text.Json;
using Vigil.Detection;
using Vigil.Detectors.IsolationForest;

namespace Vigil.Orleans.Training;

/// <summary>Fits isolation-forest shards with <see cref="IsolationForestDetector.FitShard"/>; thin: DTOs in, the library call, DTOs out.</summary>
[RankPlacement]
internal sealed class ForestShardGrain(ILocalSiloDetails silo) : Grain, IForestShardGrain
{
    public Task<ForestShardDto> FitAsync(ForestShardRequestDto request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        using var document = JsonDocument.Parse(request.OptionsJson);
        var options = (IsolationForestOptions)OptionsBinder.Bind(IsolationForestDetector.Descriptor, document.RootElement);
        var detector = new IsolationForestDetector(options);
        var shard = detector.FitShard(TrainingSeries.From(request.Values), request.FirstTree, request.EndTree);

        // Nothing to keep: the next job's shard may be anything, so free the activation now.
        DeactivateOnIdle();
        return Task.FromResult(new ForestShardDto(shard.FirstTree, shard.EndTree, shard.ToBytes(), silo.SiloAddress.ToString(), clock.Elapsed));
    }
}
