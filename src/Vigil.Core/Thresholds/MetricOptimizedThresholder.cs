namespace Vigil.Thresholds;

/// <summary>
/// Picks, among candidate thresholds, the one that maximises a metric on labelled data (supervised). Candidates
/// are the distinct scores after warm-up plus one below them all; ties keep the lowest threshold.
/// </summary>
/// <param name="metric">Metric to maximise: (truth, scores, threshold) → value, e.g. an F1 or NAB score from Vigil.Evaluation.</param>
/// <param name="maxCandidates">Most candidates tried, at least 2; more distinct scores are thinned to evenly spaced percentiles.</param>
public sealed class MetricOptimizedThresholder(Func<LabeledSeries, ScoreSeries, double, double> metric, int maxCandidates = 200) : IThresholder
{
    private readonly Func<LabeledSeries, ScoreSeries, double, double> _metric = metric ?? throw new ArgumentNullException(nameof(metric));

    /// <inheritdoc />
    public double Threshold { get; private set; } = double.PositiveInfinity;

    /// <summary>The metric's value at <see cref="Threshold"/>.</summary>
    public double BestValue { get; private set; } = double.NaN;

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <summary>Pointwise F1 of alarms (score above the threshold, after probation) against the label windows; a ready-made metric.</summary>
    public static double PointwiseF1(LabeledSeries truth, ScoreSeries scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(scores);
        var labels = truth.RowLabels();
        var values = scores.Scores.Span;
        int tp = 0, fp = 0, fn = 0;
        for (int i = truth.ProbationLength; i < values.Length && i < labels.Length; i++)
        {
            bool alarm = i >= scores.WarmupLength && values[i] > threshold;
            if (alarm && labels[i] == 1)
            {
                tp++;
            }
            else if (alarm)
            {
                fp++;
            }
            else if (labels[i] == 1)
            {
                fn++;
            }
        }

        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="truth"/> is null: this thresholder needs labels.</exception>
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        if (truth is null)
        {
            throw new ArgumentException("MetricOptimizedThresholder needs labelled data (truth).", nameof(truth));
        }

        var values = ScoreCalibratorExtensions.ScoredValues(calibrated);
        if (values.Length == 0)
        {
            Threshold = double.PositiveInfinity;
            return;
        }

        Array.Sort(values);
        var candidates = new SortedSet<double> { Math.BitDecrement(values[0]) };
        int distinct = values.Distinct().Count();
        if (distinct <= maxCandidates)
        {
            candidates.UnionWith(values);
        }
        else
        {
            for (int c = 0; c < maxCandidates - 1; c++)
            {
                candidates.Add(Percentile.OfSorted(values, 100.0 * c / (maxCandidates - 2)));
            }
        }

        double best = double.NegativeInfinity;
        double bestThreshold = double.PositiveInfinity;
        foreach (double candidate in candidates)
        {
            double value = _metric(truth, calibrated, candidate);
            if (value > best)
            {
                (best, bestThreshold) = (value, candidate);
            }
        }

        (Threshold, BestValue) = (bestThreshold, best);
    }

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated) => AlarmSeries.Create(calibrated, Threshold, SuppressionWindow);
}
