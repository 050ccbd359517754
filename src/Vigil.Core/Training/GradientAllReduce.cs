namespace Vigil.Training;

/// <summary>The reduction of a synchronous data-parallel step: the global batch's mean gradient from the replicas' shard contributions.</summary>
/// <remarks>
/// Implementation note: contributions are summed in float64 in rank order and rounded to float32 once, so the mean
/// does not depend on the order replies arrive in and differs from the single-process gradient only by the float32
/// rounding inside each replica's backward pass (a different summation order over the batch).
/// </remarks>
public static class GradientAllReduce
{
    /// <summary>Σ contributions / Σ samples, rounded to float32, and the batch's mean loss.</summary>
    /// <param name="shards">One contribution per replica, in rank order, all for the same step.</param>
    /// <exception cref="ArgumentException">No contribution, contributions for different steps or of different lengths, or no sample at all.</exception>
    public static (float[] MeanGradient, double MeanLoss) Mean(IReadOnlyList<ShardGradient> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("At least one replica's gradient is needed.", nameof(shards));
        }

        int length = shards[0].WeightedGradient.Length;
        int step = shards[0].Step;
        var sum = new double[length];
        long samples = 0;
        double loss = 0;
        foreach (var shard in shards)
        {
            if (shard.Step != step || shard.WeightedGradient.Length != length)
            {
                throw new ArgumentException($"Replicas disagree: step {shard.Step} with {shard.WeightedGradient.Length} values against step {step} with {length}.", nameof(shards));
            }

            samples += shard.Samples;
            loss += shard.LossSum;
            var g = shard.WeightedGradient;
            for (int i = 0; i < length; i++)
            {
                sum[i] += g[i];
            }
        }

        if (samples == 0)
        {
            throw new ArgumentException($"Step {step} has no sample on any replica.", nameof(shards));
        }

        var mean = new float[length];
        for (int i = 0; i < length; i++)
        {
            mean[i] = (float)(sum[i] / samples);
        }

        return (mean, loss / samples);
    }
}
