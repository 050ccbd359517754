using System.Diagnostics;
using Vigil.Training;

namespace Vigil.Orleans.Training;

/// <summary>
/// Synchronous data-parallel SGD over the cluster (Horovod's pattern): one <see cref="IDataParallelReplicaGrain"/>
/// per rank, spread over the silos by <see cref="RankPlacementStrategy"/>; at every step each computes its shard's
/// contribution, this coordinator all-reduces them (<see cref="GradientAllReduce"/>, the same arithmetic as
/// <see cref="LocalDataParallelTraining"/>) and sends the mean back with the next step's request.
/// </summary>
/// <remarks>
/// <para>
/// Faults: every <see cref="DataParallelTrainingSettings.CheckpointEvery"/> steps the coordinator keeps replica 0's
/// checkpoint (weights, Adam moments, step). When a replica call fails (its silo died, or it came back without
/// state), the training restarts from that checkpoint with the same number of replicas under a new generation of
/// grain keys, on the silos that remain. The batch order and sharding depend only on the step and the replica
/// count, so the result is bit for bit the one of a training that never failed.
/// </para>
/// <para>Runs wherever an <see cref="IGrainFactory"/> is: a client, or a grain. One training per instance call; thread-safe.</para>
/// </remarks>
public sealed class DistributedDataParallelTraining(IGrainFactory grains)
{
    /// <summary>Trains <paramref name="detector"/> with <paramref name="replicas"/> replicas.</summary>
    /// <param name="detector">Registry name (the silos' trainer factory must support it).</param>
    /// <param name="optionsJson">The detector's options as JSON.</param>
    /// <param name="values">The training series.</param>
    /// <param name="replicas">Replicas per global batch, at least 1 (the global batch is the options' batch size whatever the count).</param>
    /// <param name="settings">Checkpoints and restarts; defaults when null.</param>
    /// <param name="ct">Cancels between steps.</param>
    /// <exception cref="InvalidOperationException">Replicas diverged, or the training failed more often than allowed.</exception>
    public async Task<DataParallelTrainingResult> TrainAsync(string detector, string optionsJson, double[] values, int replicas, DataParallelTrainingSettings? settings = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        settings ??= new DataParallelTrainingSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.CheckpointEvery, 1);
        string key = settings.Key ?? Guid.NewGuid().ToString("N");
        byte[]? checkpoint = null;
        var wall = TimeSpan.Zero;
        var compute = TimeSpan.Zero;
        for (int restarts = 0; ; restarts++)
        {
            var members = Enumerable.Range(0, replicas).Select(rank => grains.GetGrain<IDataParallelReplicaGrain>(rank, $"{key}/{restarts}")).ToArray();
            var clock = new Stopwatch();
            try
            {
                var status = await Task.WhenAll(members.Select((m, rank) => m.StartAsync(new DataParallelStartDto(detector, optionsJson, values, rank, replicas, checkpoint))));
                int total = status[0].TotalSteps;
                clock.Start();
                float[]? mean = null;
                double loss = double.NaN;
                for (int step = status[0].NextStep; step < total; step++)
                {
                    ct.ThrowIfCancellationRequested();
                    var previous = mean;
                    var replies = await Task.WhenAll(members.Select(m => m.StepAsync(step, previous)));
                    compute += replies.Max(r => r.Compute);
                    (mean, loss) = GradientAllReduce.Mean(replies.Select(r => new ShardGradient(r.Step, r.Samples, r.LossSum, r.WeightedGradient, r.Compute)).ToList());
                    if ((step + 1) % settings.CheckpointEvery == 0 && step + 1 < total)
                    {
                        var applied = mean;
                        await Task.WhenAll(members.Select(m => m.ApplyAsync(step, applied)));
                        mean = null;
                        checkpoint = await members[0].CheckpointAsync();
                    }

                    if (settings.AfterStep is { } afterStep)
                    {
                        clock.Stop();
                        await afterStep(step + 1, ct);
                        clock.Start();
                    }
                }

                if (mean is not null)
                {
                    var last = mean;
                    await Task.WhenAll(members.Select(m => m.ApplyAsync(total - 1, last)));
                }

                clock.Stop();
                wall += clock.Elapsed;
                var parameters = await Task.WhenAll(members.Select(m => m.ParametersAsync()));
                for (int rank = 1; rank < replicas; rank++)
                {
                    if (!parameters[rank].AsSpan().SequenceEqual(parameters[0]))
                    {
                        throw new InvalidOperationException($"Replica {rank} diverged from replica 0.");
                    }
                }

                var model = await members[0].ModelAsync();
                await StopAll(members);
                return new DataParallelTrainingResult(model, parameters[0], replicas, total, loss, wall, compute, restarts);
            }
            catch (Exception ex) when (IsReplicaLoss(ex) && restarts < settings.MaxRestarts && !ct.IsCancellationRequested)
            {
                wall += clock.Elapsed;
                await StopAll(members);
                await Task.Delay(settings.RestartDelay, ct);
            }
        }
    }

    /// <summary>A failure that a restart from the checkpoint can cure: an unreachable or timed-out silo, or a replica that lost its state.</summary>
    private static bool IsReplicaLoss(Exception ex) => ex is OrleansException or TimeoutException or InvalidOperationException;

    private static async Task StopAll(IDataParallelReplicaGrain[] members)
    {
        foreach (var member in members)
        {
            try
            {
                await member.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // Its silo is gone; the activation went with it.
            }
        }
    }
}
