namespace Vigil.Detection;

/// <summary>
/// The causal scores of a batch detector — exactly those <see cref="BatchAsStreaming"/> gives row by row — computed
/// with one <see cref="IBatchDetector.ScoreSamples"/> call per refit period instead of one per row.
/// </summary>
/// <remarks>
/// <para>
/// Protocol (that of <see cref="BatchAsStreaming"/>): fit on the first <see cref="RefitPolicy.TrainLength"/> rows,
/// which score 0; score the following rows with that model; after every <see cref="RefitPolicy.RefitEvery"/> scored
/// rows, refit on the trailing <see cref="RefitPolicy.TrainWindow"/> rows ending at the last scored row (fine-tune,
/// for an <see cref="IFineTunableDetector"/>), and score the next period with the new model. The score of row t
/// depends on no row after t.
/// </para>
/// <para>
/// Equality with the adapter relies on the batch contract the conformance kit checks for every batch detector: the
/// score of a row depends only on its trailing <see cref="IBatchDetector.ContextLength"/> rows, so scoring a period
/// together with its preceding context gives the scores each row gets from its own trailing window.
/// </para>
/// </remarks>
public static class CausalBatchScorer
{
    /// <summary>Scores <paramref name="series"/> causally with <paramref name="detector"/> (which should be unfitted) under <paramref name="policy"/>.</summary>
    /// <param name="detector">The batch detector; it is fitted (and refitted) on the way.</param>
    /// <param name="series">The whole series, in time order.</param>
    /// <param name="policy">Training length and refits.</param>
    /// <param name="scoreTrainingRows">
    /// When true, the first <see cref="RefitPolicy.TrainLength"/> rows get the first model's in-sample scores of its
    /// own training rows instead of 0. Those scores depend on later training rows (not causal), so only use them where
    /// the training rows are never evaluated — e.g. NAB's probationary rows, from which percentile thresholds for the
    /// later, causal rows are taken.
    /// </param>
    /// <param name="rowsDone">Called with the number of rows whose scores are final, after each model call.</param>
    /// <param name="ct">Cancels between model calls (and inside fits that honour it).</param>
    /// <returns>One raw score per row.</returns>
    public static double[] Score(
        IBatchDetector detector,
        TimeSeries series,
        RefitPolicy policy,
        bool scoreTrainingRows = false,
        Action<int>? rowsDone = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.TrainLength < 1 || policy.RefitEvery < 0 || policy.TrainWindow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "TrainLength must be at least 1; RefitEvery and TrainWindow at least 0.");
        }

        int n = series.Length;
        int trainLength = policy.TrainLength;
        var scores = new double[n];
        if (n < trainLength)
        {
            // The adapter never reaches its first fit: every row scores 0.
            rowsDone?.Invoke(n);
            return scores;
        }

        detector.Fit(series.Slice(0, trainLength), ct);
        if (scoreTrainingRows)
        {
            detector.ScoreSamples(series.Slice(0, trainLength)).Scores.Span.CopyTo(scores);
        }

        rowsDone?.Invoke(trainLength);
        int context = Math.Max(1, detector.ContextLength);
        for (int start = trainLength; start < n;)
        {
            ct.ThrowIfCancellationRequested();
            int end = policy.RefitEvery > 0 ? (int)Math.Min(n, (long)start + policy.RefitEvery) : n;

            // The adapter scores row t from its trailing `context` rows (all rows so far when there are fewer).
            int from = context == int.MaxValue ? 0 : Math.Max(0, start - context + 1);
            var part = detector.ScoreSamples(series.Slice(from, end - from)).Scores.Span;
            part[(start - from)..].CopyTo(scores.AsSpan(start));
            rowsDone?.Invoke(end);

            if (end < n)
            {
                // The adapter refits once RefitEvery rows have been scored since the last fit, on rows up to the last of them.
                int length = policy.TrainWindow > 0 ? Math.Min(end, policy.TrainWindow) : end;
                var train = series.Slice(end - length, length);
                if (detector is IFineTunableDetector tunable)
                {
                    tunable.FineTune(train, ct);
                }
                else
                {
                    detector.Fit(train, ct);
                }
            }

            start = end;
        }

        return scores;
    }
}
