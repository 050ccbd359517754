namespace Vigil.Detection;

/// <summary>Feeds a series to a streaming detector point by point and collects the scores.</summary>
public static class StreamingRunner
{
    /// <summary>
    /// Runs <paramref name="detector"/> over <paramref name="series"/> in order. If the detector is
    /// <see cref="ISeriesContextAware"/> and <paramref name="context"/> is given, it is prepared first.
    /// </summary>
    /// <param name="detector">A fresh detector (one per series).</param>
    /// <param name="series">The input.</param>
    /// <param name="context">What the harness tells the detector up front; null for nothing.</param>
    /// <param name="progress">Called with the number of rows done, every 1024 rows and at the end.</param>
    /// <param name="ct">Checked before every row.</param>
    /// <exception cref="InvalidOperationException">The detector returned a non-finite score (names the row).</exception>
    public static ScoreSeries Run(IStreamingDetector detector, TimeSeries series, SeriesContext? context = null, Action<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(series);
        if (context is not null && detector is ISeriesContextAware aware)
        {
            aware.Prepare(context);
        }

        if (detector is BatchAsStreaming adapter)
        {
            adapter.Cancellation = ct;   // its fits and refits happen inside Step
        }

        var scores = new double[series.Length];
        var timestamps = series.Timestamps.Span;
        var values = series.Values.Span;
        for (int i = 0; i < scores.Length; i++)
        {
            // Every row: a token check is a memory read, and slow detectors (htm: milliseconds a row on a busy
            // machine) would otherwise keep running for seconds after Ctrl+C.
            ct.ThrowIfCancellationRequested();
            double score = detector.Step(new Observation(timestamps[i], values[i]));
            if (!double.IsFinite(score))
            {
                throw new InvalidOperationException($"Detector '{detector.Descriptor.Name}' returned {score} at row {i} of '{series.Id}'; scores must be finite.");
            }

            scores[i] = score;
            if ((i & 1023) == 1023)
            {
                progress?.Invoke(i + 1);
            }
        }

        progress?.Invoke(scores.Length);
        return new ScoreSeries(scores, 0);
    }
}
