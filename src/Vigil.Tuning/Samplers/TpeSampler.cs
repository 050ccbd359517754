using Vigil.Randomness;
using Vigil.Tuning.Space;

namespace Vigil.Tuning.Samplers;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al. 2011), with Optuna 3.1's defaults: the trials are split into the
/// best <c>γ(n) = min(⌈0.1 n⌉, 25)</c> ("below") and the rest, a Parzen estimator is fitted to each, and of 24
/// candidates drawn from the good one the point with the largest <c>log l(x) − log g(x)</c> wins. Independent
/// (one estimator per parameter) or multivariate (one joint estimator over the unconditional parameters).
/// </summary>
/// <remarks>
/// Start-up: the first <see cref="StartupTrials"/> finished trials are drawn at random. Constant liar: pending trials
/// (running, parameters known) rank after every finished trial, so they fall in the "rest" and workers that sample
/// at the same time are pushed away from each other's points. Pruned trials rank after complete ones. Older trials
/// weigh less once there are more than 25 (Optuna's default weights).
/// </remarks>
/// <param name="multivariate">One joint estimator over the unconditional parameters instead of one per parameter.</param>
/// <param name="startupTrials">Finished trials drawn at random before TPE starts.</param>
/// <param name="candidates">Candidates drawn from the good estimator per sample.</param>
public sealed class TpeSampler(bool multivariate = false, int startupTrials = 10, int candidates = 24) : ISampler
{
    /// <inheritdoc />
    public string Name => Multivariate ? "tpe-multivariate" : "tpe";

    /// <summary>Whether unconditional parameters are modelled jointly.</summary>
    public bool Multivariate { get; } = multivariate;

    /// <summary>Finished trials drawn at random before TPE starts.</summary>
    public int StartupTrials { get; } = startupTrials;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Sample(SearchSpace space, IReadOnlyList<TrialRecord> history, StudyDirection direction, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rng);
        int finished = history.Count(t => t.State is TrialState.Complete or TrialState.Pruned);
        if (finished < StartupTrials)
        {
            return new RandomSampler().Sample(space, history, direction, rng);
        }

        // Rank: complete by value, then pruned (furthest first, then by last value), then pending (the constant lie).
        double sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var ranked = history
            .Where(t => t.IsSampled && t.State is TrialState.Complete or TrialState.Pruned or TrialState.Running)
            .OrderBy(t => t.State switch { TrialState.Complete => 0, TrialState.Pruned => 1, _ => 2 })
            .ThenBy(t => t.State == TrialState.Pruned ? -t.Intermediates.Count : 0)
            .ThenBy(t => t.State == TrialState.Complete ? sign * t.Value!.Value
                : t.State == TrialState.Pruned && t.Intermediates.Count > 0 ? sign * t.Intermediates[^1] : 0.0)
            .ThenBy(t => t.Number)
            .ToArray();
        int nBelow = Math.Min((int)Math.Ceiling(0.1 * ranked.Length), 25);
        var below = ranked.Take(nBelow).OrderBy(t => t.Number).ToArray();
        var above = ranked.Skip(nBelow).OrderBy(t => t.Number).ToArray();

        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        var joint = Multivariate ? space.Parameters.Where(p => p.Condition is null).ToArray() : [];
        if (joint.Length > 0)
        {
            var x = SampleGroup(joint, below, above, rng, multivariate: true);
            for (int d = 0; d < joint.Length; d++)
            {
                chosen[joint[d].Name] = x[d];
            }
        }

        foreach (var p in space.Parameters)
        {
            if (chosen.ContainsKey(p.Name) || !space.IsActive(p, chosen))
            {
                continue;
            }

            chosen[p.Name] = SampleGroup([p], below, above, rng, multivariate: false)[0];
        }

        return chosen;
    }

    private double[] SampleGroup(ParameterDistribution[] group, TrialRecord[] below, TrialRecord[] above, IRandomSource rng, bool multivariate)
    {
        var dims = group.Select(p => p is CategoricalDistribution c
            ? new ParzenEstimator.Dimension(0, 0, c.Choices.Count)
            : Dimension(p)).ToArray();
        var good = Fit(group, dims, below, multivariate);
        var bad = Fit(group, dims, above, multivariate);
        double[]? best = null;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < candidates; i++)
        {
            var x = good.Sample(rng);
            double score = good.LogPdf(x) - bad.LogPdf(x);
            if (best is null || score > bestScore)
            {
                best = x;
                bestScore = score;
            }
        }

        var values = new double[group.Length];
        for (int d = 0; d < group.Length; d++)
        {
            values[d] = group[d] is CategoricalDistribution ? best![d] : TransformedBounds.Back(group[d], best![d]);
        }

        return values;
    }

    private static ParzenEstimator.Dimension Dimension(ParameterDistribution p)
    {
        var (low, high) = TransformedBounds.Of(p);
        return new ParzenEstimator.Dimension(low, high, 0);
    }

    private static ParzenEstimator Fit(ParameterDistribution[] group, ParzenEstimator.Dimension[] dims, TrialRecord[] trials, bool multivariate)
    {
        var observations = new List<double[]>(trials.Length);
        foreach (var t in trials)
        {
            var x = new double[group.Length];
            bool complete = true;
            for (int d = 0; d < group.Length && complete; d++)
            {
                if (t.Parameters.TryGetValue(group[d].Name, out double v))
                {
                    x[d] = group[d] is CategoricalDistribution ? v : TransformedBounds.Forward(group[d], v);
                }
                else
                {
                    complete = false;
                }
            }

            if (complete)
            {
                observations.Add(x);
            }
        }

        return new ParzenEstimator(dims, observations, Weights(observations.Count), multivariate);
    }

    /// <summary>Optuna's default weights: all 1 up to 25 observations; beyond, the oldest ramp up linearly from 1/n.</summary>
    internal static double[] Weights(int n)
    {
        var w = new double[n];
        if (n < 25)
        {
            Array.Fill(w, 1.0);
            return w;
        }

        int ramp = n - 25;
        for (int i = 0; i < ramp; i++)
        {
            w[i] = ramp == 1 ? 1.0 / n : (1.0 / n) + ((1.0 - (1.0 / n)) * i / (ramp - 1));
        }

        for (int i = ramp; i < n; i++)
        {
            w[i] = 1.0;
        }

        return w;
    }
}
