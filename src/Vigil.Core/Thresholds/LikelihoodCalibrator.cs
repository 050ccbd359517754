namespace Vigil.Thresholds;

/// <summary>
/// NAB's anomaly likelihood for any detector's raw score: the Gaussian tail probability of the recent average raw
/// score under a normal fitted to the history of averaged raw scores (<see cref="AnomalyLikelihood"/>, htm's own
/// post-processor), optionally followed by NAB's log transform.
/// </summary>
/// <remarks>
/// Causal: a row's likelihood uses the distribution estimated from earlier rows and the moving average up to it.
/// Rows in the probationary period score 0.5 (0.0301 after the log transform). With <see cref="LogScale"/> the output
/// is <c>ln(1.0000000001 − L) / ln(1.0000000001 − 1)</c>, which spreads the likelihoods near 1 that a 12-digit results
/// file would otherwise round together (what htm reports to NAB, without its spatial rule). Not thread-safe.
/// </remarks>
public sealed class LikelihoodCalibrator : ICausalCalibrator
{
    /// <summary><c>ln(1.0000000001 − 1.0)</c> in double: the log transform's denominator.</summary>
    public const double LogDenominator = -23.02585084720009;

    private readonly AnomalyLikelihood _likelihood;

    /// <summary>Creates the calibrator.</summary>
    /// <param name="likelihood">The estimator (its probationary period, windows and tail).</param>
    /// <param name="logScale">Apply NAB's log transform to the likelihood.</param>
    public LikelihoodCalibrator(AnomalyLikelihood likelihood, bool logScale)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        _likelihood = likelihood;
        LogScale = logScale;
    }

    /// <summary>Whether NAB's log transform is applied.</summary>
    public bool LogScale { get; }

    /// <summary>NAB's log transform of a likelihood: 0.5 → 0.0301, 1 − 1e-10 → 1.</summary>
    public static double LogTransform(double likelihood) => Math.Log(1.0000000001 - likelihood) / LogDenominator;

    /// <inheritdoc />
    public double Step(double value, double raw)
    {
        double likelihood = _likelihood.AnomalyProbability(value, raw);
        return Math.Clamp(LogScale ? LogTransform(likelihood) : likelihood, 0.0, 1.0);
    }

    /// <inheritdoc />
    public void WriteState(BinaryWriter writer) => _likelihood.WriteState(writer);

    /// <inheritdoc />
    public void ReadState(BinaryReader reader) => _likelihood.ReadState(reader);
}
