using Vigil.Thresholds;

namespace Vigil.Detectors.Htm;

/// <summary>
/// NAB's <c>numenta</c> detector tail: the anomaly likelihood, its log transform, and the "spatial anomaly"
/// override for values outside the running range.
/// </summary>
/// <remarks>
/// Specified in docs htm.md §9: score = ln(1.0000000001 − L) / ln(1.0000000001 − 1); the score is 1 when the
/// value leaves the range seen so far (before this row) by more than 5 % of that range. The likelihood is
/// updated on every row, spatial or not. Not thread-safe.
/// </remarks>
public sealed class NumentaPostProcessor
{
    /// <summary>ln(1.0000000001 − 1.0) in double: the log transform's denominator.</summary>
    public const double LogDenominator = LikelihoodCalibrator.LogDenominator;

    private const double SpatialTolerance = 0.05;
    private readonly AnomalyLikelihood _likelihood;
    private double _minSeen = double.NaN;
    private double _maxSeen = double.NaN;

    /// <summary>Creates the post-processor around <paramref name="likelihood"/>.</summary>
    public NumentaPostProcessor(AnomalyLikelihood likelihood)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        _likelihood = likelihood;
    }

    /// <summary>The final anomaly score of a row with metric <paramref name="value"/> and raw score <paramref name="rawScore"/>.</summary>
    public double Score(double value, double rawScore)
    {
        bool spatial = false;
        if (_minSeen != _maxSeen && !double.IsNaN(_minSeen))
        {
            double tolerance = (_maxSeen - _minSeen) * SpatialTolerance;
            spatial = value > _maxSeen + tolerance || value < _minSeen - tolerance;
        }

        if (double.IsNaN(_maxSeen) || value > _maxSeen)
        {
            _maxSeen = value;
        }

        if (double.IsNaN(_minSeen) || value < _minSeen)
        {
            _minSeen = value;
        }

        double likelihood = _likelihood.AnomalyProbability(value, rawScore);
        double score = LikelihoodCalibrator.LogTransform(likelihood);
        return spatial ? 1.0 : score;
    }

    /// <summary>Writes the running range and the likelihood's state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_minSeen);
        writer.Write(_maxSeen);
        _likelihood.WriteState(writer);
    }

    /// <summary>Reads state written by <see cref="WriteState"/>.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _minSeen = reader.ReadDouble();
        _maxSeen = reader.ReadDouble();
        _likelihood.ReadState(reader);
    }
}
