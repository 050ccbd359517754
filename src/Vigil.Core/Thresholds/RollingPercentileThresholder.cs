namespace Vigil.Thresholds;

/// <summary>
/// A dynamic threshold: at each point, the <see cref="Percent"/>-th percentile (as <see cref="Percentile"/>) of the
/// previous <see cref="Window"/> scores. Causal: a point's own score never enters its threshold.
/// </summary>
/// <remarks>
/// <see cref="Fit"/> seeds the history with the last <see cref="Window"/> training scores, so the first test points
/// are judged against training; without fitting, points alarm only once the history holds a score. Per point:
/// O(window) time. Not thread-safe during <see cref="Fit"/>; <see cref="Apply"/> keeps no state between calls.
/// </remarks>
/// <param name="window">Trailing scores the percentile is taken over, at least 1; longer windows adapt more slowly to level changes.</param>
/// <param name="percent">In [0, 100]; 99 is a common choice.</param>
public sealed class RollingPercentileThresholder(int window, double percent) : IThresholder
{
    private double[] _seed = [];

    /// <summary>Trailing scores per threshold.</summary>
    public int Window { get; } = window >= 1 ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be at least 1.");

    /// <summary>The percentile, in [0, 100].</summary>
    public double Percent { get; } = percent is >= 0.0 and <= 100.0 ? percent : throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentile must lie in [0, 100].");

    /// <inheritdoc />
    public double Threshold { get; private set; } = double.PositiveInfinity;

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <inheritdoc />
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var values = ScoreCalibratorExtensions.ScoredValues(calibrated);
        _seed = values[Math.Max(0, values.Length - Window)..];
        Threshold = _seed.Length == 0 ? double.PositiveInfinity : Percentile.Of(_seed, Percent);
    }

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var values = calibrated.Scores.Span;
        var thresholds = new double[values.Length];
        var recent = new Queue<double>(_seed);
        var sorted = new List<double>(_seed.Order());
        for (int i = 0; i < values.Length; i++)
        {
            thresholds[i] = sorted.Count == 0 ? double.PositiveInfinity : Percentile.OfSorted(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sorted), Percent);
            if (i < calibrated.WarmupLength)
            {
                continue;
            }

            recent.Enqueue(values[i]);
            int at = sorted.BinarySearch(values[i]);
            sorted.Insert(at >= 0 ? at : ~at, values[i]);
            if (recent.Count > Window)
            {
                int gone = sorted.BinarySearch(recent.Dequeue());
                sorted.RemoveAt(gone);
            }
        }

        return AlarmSeries.Create(calibrated, thresholds, SuppressionWindow);
    }
}
