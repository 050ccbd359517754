using Microsoft.Extensions.DependencyInjection;
using Vigil.Training;

namespace Vigil.Orleans.Training;

/// <summary>
/// Hosts one <see cref="IDataParallelReplica"/> made by the silo's <see cref="IDataParallelTrainerFactory"/>. The
/// replica lives in memory only: the synchronous state worth keeping is the caller's checkpoint, so an activation
/// that starts again elsewhere has no replica and refuses to step.
/// </summary>
[RankPlacement]
internal sealed class DataParallelReplicaGrain(IServiceProvider services) : Grain, IDataParallelReplicaGrain
{
    private IDataParallelReplica? _replica;

    public Task<ReplicaStatusDto> StartAsync(DataParallelStartDto start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var factory = services.GetService<IDataParallelTrainerFactory>();
        if (factory is null || !factory.CanTrain(start.Detector))
        {
            throw new NotSupportedException($"This silo cannot train {start.Detector} data-parallel (no trainer for it is installed).");
        }

        _replica?.Dispose();
        _replica = factory.CreateReplica(new DataParallelPlan(start.Detector, start.OptionsJson, start.Values, start.Rank, start.Replicas), start.Checkpoint);
        return Task.FromResult(new ReplicaStatusDto(_replica.NextStep, _replica.TotalSteps));
    }

    public Task<ShardGradientDto> StepAsync(int step, float[]? previousMean)
    {
        var replica = Replica();
        if (previousMean is not null)
        {
            Apply(replica, step - 1, previousMean);
        }

        if (replica.NextStep != step)
        {
            throw new InvalidOperationException($"The replica is at step {replica.NextStep}, not {step}.");
        }

        var g = replica.ComputeGradient();
        return Task.FromResult(new ShardGradientDto(g.Step, g.Samples, g.LossSum, g.WeightedGradient, g.Compute));
    }

    public Task ApplyAsync(int step, float[] mean)
    {
        Apply(Replica(), step, mean);
        return Task.CompletedTask;
    }

    public Task<byte[]> CheckpointAsync() => Task.FromResult(Replica().SaveCheckpoint());

    public Task<byte[]> ModelAsync() => Task.FromResult(Replica().SaveModel());

    public Task<float[]> ParametersAsync() => Task.FromResult(Replica().Parameters());

    public Task StopAsync()
    {
        _replica?.Dispose();
        _replica = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _replica?.Dispose();
        _replica = null;
        return Task.CompletedTask;
    }

    private static void Apply(IDataParallelReplica replica, int step, float[] mean)
    {
        if (replica.NextStep != step)
        {
            throw new InvalidOperationException($"The replica is at step {replica.NextStep}; the mean is for step {step}.");
        }

        replica.ApplyMeanGradient(mean);
    }

    private IDataParallelReplica Replica()
        => _replica ?? throw new InvalidOperationException("This replica has no training: it was activated again after losing its state, or was never started.");
}
