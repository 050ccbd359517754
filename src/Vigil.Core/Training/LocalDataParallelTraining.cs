using System.Diagnostics;

namespace Vigil.Training;

/// <summary>
/// Synchronous data-parallel training with every replica in this process: the reference the distributed
/// coordinator is compared with, and the way to check a factory's replicas without a cluster.
/// </summary>
public static class LocalDataParallelTraining
{
    /// <summary>
    /// Trains <paramref name="replicas"/> replicas step by step: each computes its shard's contribution, the mean
    /// (<see cref="GradientAllReduce"/>) is applied by all; replicas must stay bitwise equal.
    /// </summary>
    /// <exception cref="InvalidOperationException">The replicas' parameters diverged (a replica is not deterministic).</exception>
    public static DataParallelTrainingResult Train(IDataParallelTrainerFactory factory, string detector, string optionsJson, ReadOnlyMemory<double> values, int replicas, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        var members = new List<IDataParallelReplica>();
        try
        {
            for (int rank = 0; rank < replicas; rank++)
            {
                members.Add(factory.CreateReplica(new DataParallelPlan(detector, optionsJson, values, rank, replicas)));
            }

            var wall = Stopwatch.StartNew();
            var compute = TimeSpan.Zero;
            double loss = double.NaN;
            int steps = members[0].TotalSteps;
            for (int step = members[0].NextStep; step < steps; step++)
            {
                var contributions = members.Select(m => m.ComputeGradient(ct)).ToList();
                compute += contributions.Max(c => c.Compute);
                var (mean, meanLoss) = GradientAllReduce.Mean(contributions);
                loss = meanLoss;
                foreach (var member in members)
                {
                    member.ApplyMeanGradient(mean);
                }
            }

            wall.Stop();
            var parameters = members[0].Parameters();
            for (int rank = 1; rank < members.Count; rank++)
            {
                if (!members[rank].Parameters().AsSpan().SequenceEqual(parameters))
                {
                    throw new InvalidOperationException($"Replica {rank} diverged from replica 0.");
                }
            }

            return new DataParallelTrainingResult(members[0].SaveModel(), parameters, replicas, steps, loss, wall.Elapsed, compute, 0);
        }
        finally
        {
            foreach (var member in members)
            {
                member.Dispose();
            }
        }
    }
}
