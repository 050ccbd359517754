using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Metrics;

/// <summary>
/// Precision, recall and F1 of thresholded anomaly scores against anomaly windows, in the three
/// <see cref="F1Mode"/>s (point-wise, point-adjusted, event and composite). Only scored rows (index ≥ probationary length) count; a row is a detection when its
/// score is ≥ the threshold (strictly above it for per-file probation percentiles, see <see cref="EvaluateAtProbationPercentile"/>).
/// </summary>
public static class F1Evaluator
{
    /// <summary>Counts detections of one series at <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">The number of scores differs from the series length.</exception>
    public static ConfusionCounts Count(LabeledSeries truth, ReadOnlySpan<double> scores, double threshold, F1Mode mode)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (scores.Length != truth.Series.Length)
        {
            throw new ArgumentException($"Series '{truth.Series.Id}' has {truth.Series.Length} rows but {scores.Length} scores were given.", nameof(scores));
        }

        return Count(truth.Windows, truth.ProbationLength, scores, threshold, mode);
    }

    /// <summary>Counts detections of a series of <c>scores.Length</c> rows with the given windows and probationary length.</summary>
    public static ConfusionCounts Count(IReadOnlyList<AnomalyWindow> windows, int probationLength, ReadOnlySpan<double> scores, double threshold, F1Mode mode)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int n = scores.Length;
        int p = Math.Clamp(probationLength, 0, n);
        long tp = 0, fp = 0, fn = 0, tn = 0, found = 0, missed = 0;
        int row = p;
        bool previousDetectedOutside = false;
        for (int k = 0; k <= windows.Count; k++)
        {
            int outsideEnd = k < windows.Count ? Math.Clamp(windows[k].FirstRow, 0, n) : n;
            for (; row < outsideEnd; row++)
            {
                bool detected = scores[row] >= threshold;
                if (detected)
                {
                    // Event mode counts a run of consecutive detections once.
                    if (mode != F1Mode.Event || !previousDetectedOutside)
                    {
                        fp++;
                    }
                }
                else
                {
                    tn++;
                }

                previousDetectedOutside = detected;
            }

            if (k == windows.Count)
            {
                break;
            }

            int a = Math.Max(windows[k].FirstRow, p), b = Math.Min(windows[k].LastRow, n - 1);
            previousDetectedOutside = false;
            if (b < a)
            {
                row = Math.Max(row, b + 1);
                continue; // No scored row in this window: it is neither found nor missed.
            }

            int hits = 0;
            for (row = a; row <= b; row++)
            {
                if (scores[row] >= threshold)
                {
                    hits++;
                }
            }

            int size = b - a + 1;
            found += hits > 0 ? 1 : 0;
            missed += hits > 0 ? 0 : 1;
            switch (mode)
            {
                case F1Mode.Pointwise or F1Mode.Composite:
                    tp += hits;
                    fn += size - hits;
                    break;
                case F1Mode.PointAdjusted:
                    tp += hits > 0 ? size : 0;
                    fn += hits > 0 ? 0 : size;
                    break;
                default:
                    tp += hits > 0 ? 1 : 0;
                    fn += hits > 0 ? 0 : 1;
                    break;
            }
        }

        return new ConfusionCounts(tp, fp, fn, tn) { Windows = mode == F1Mode.Composite ? new WindowCounts(found, missed) : null };
    }

    /// <summary>
    /// Evaluates NAB files at one threshold shared by all of them: <paramref name="threshold"/>, or when null the
    /// threshold among the distinct scored values that maximises the total F1 (ties: the larger threshold;
    /// +∞ when no threshold gives an F1 above 0).
    /// </summary>
    /// <remarks>The best-F1 search sorts all scored rows once and updates the counts incrementally: O(R log R).</remarks>
    public static F1Report Evaluate(IEnumerable<(NabDataFile File, double[] Scores)> files, double? threshold, F1Mode mode)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = files.ToList();
        foreach (var (file, scores) in list)
        {
            if (scores.Length != file.RowCount)
            {
                throw new ArgumentException($"{file.RelativePath}: {scores.Length} scores but {file.RowCount} data rows.", nameof(files));
            }
        }

        double used = threshold ?? BestF1Threshold(list, mode);
        var byFile = new SortedDictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var byCategory = new SortedDictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var total = ConfusionCounts.Empty;
        foreach (var (file, scores) in list)
        {
            var counts = Count(file.Windows, file.ProbationLength, scores, used, mode);
            byFile[file.RelativePath] = counts;
            byCategory[file.Category] = byCategory.TryGetValue(file.Category, out var c) ? c.Combine(counts) : counts;
            total = total.Combine(counts);
        }

        return new F1Report(mode, used, threshold is null, total, byCategory, byFile);
    }

    /// <summary>
    /// Evaluates NAB files at the threshold <paramref name="rule"/> chooses: NAB's standard-profile threshold
    /// (<paramref name="nabStandardThreshold"/>), a fixed one, or per file the percentile of its probationary scores
    /// (<see cref="EvaluateAtProbationPercentile"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rule"/> is <see cref="F1ThresholdKind.NabStandard"/> and no NAB threshold was given.</exception>
    public static F1Report Evaluate(IEnumerable<(NabDataFile File, double[] Scores)> files, F1ThresholdRule rule, F1Mode mode, double? nabStandardThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            F1ThresholdKind.ProbationPercentile => EvaluateAtProbationPercentile(files, rule.Value, mode),
            F1ThresholdKind.Fixed => Evaluate(files, rule.Value, mode) with { Rule = rule },
            _ => Evaluate(files, nabStandardThreshold ?? throw new ArgumentException("The NAB standard-profile threshold is needed for the 'nab' rule.", nameof(nabStandardThreshold)), mode) with { Rule = rule },
        };
    }

    /// <summary>
    /// The threshold of a file under <see cref="F1ThresholdKind.ProbationPercentile"/>: the <paramref name="percent"/>-th
    /// percentile of the scores of its first <paramref name="probationLength"/> rows, interpolated linearly as
    /// <c>scipy.stats.scoreatpercentile</c> (<see cref="Vigil.Thresholds.Percentile"/>); every probationary row counts,
    /// warm-up rows included. +∞ (nothing is detected) when the file has no probationary row.
    /// </summary>
    public static double ProbationPercentile(ReadOnlySpan<double> scores, int probationLength, double percent)
    {
        int p = Math.Clamp(probationLength, 0, scores.Length);
        return p == 0 ? double.PositiveInfinity : Vigil.Thresholds.Percentile.Of(scores[..p], percent);
    }

    /// <summary>
    /// Evaluates NAB files each at its own threshold, <see cref="ProbationPercentile"/> of its scores, as a detector
    /// deployed with "alarm above the <paramref name="percent"/>-th percentile of the scores on the data it trained on"
    /// would be: the threshold uses only probationary rows, so it is causal for every scored row.
    /// </summary>
    /// <remarks>
    /// A scored row is a detection when its score is strictly above its file's threshold (the alarm rule of
    /// <c>AlarmSeries</c> and <c>vigil detect --threshold p99</c>), so that when most probationary scores share one
    /// value (e.g. the zeros of warm-up or of a detector that is silent on normal data) the percentile is that value
    /// and later rows at it are not all flagged.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside [0, 100].</exception>
    public static F1Report EvaluateAtProbationPercentile(IEnumerable<(NabDataFile File, double[] Scores)> files, double percent, F1Mode mode)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!(percent is >= 0.0 and <= 100.0))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentile must lie in [0, 100].");
        }

        var byFile = new SortedDictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var thresholds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var byCategory = new SortedDictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var total = ConfusionCounts.Empty;
        foreach (var (file, scores) in files)
        {
            if (scores.Length != file.RowCount)
            {
                throw new ArgumentException($"{file.RelativePath}: {scores.Length} scores but {file.RowCount} data rows.", nameof(files));
            }

            double threshold = ProbationPercentile(scores, file.ProbationLength, percent);

            // score > t is score ≥ the next double above t (scores are finite), which Count tests.
            var counts = Count(file.Windows, file.ProbationLength, scores, Math.BitIncrement(threshold), mode);
            thresholds[file.RelativePath] = threshold;
            byFile[file.RelativePath] = counts;
            byCategory[file.Category] = byCategory.TryGetValue(file.Category, out var c) ? c.Combine(counts) : counts;
            total = total.Combine(counts);
        }

        return new F1Report(mode, double.NaN, false, total, byCategory, byFile, new F1ThresholdRule(F1ThresholdKind.ProbationPercentile, percent), thresholds);
    }

    private static double BestF1Threshold(List<(NabDataFile File, double[] Scores)> files, F1Mode mode)
    {
        int rows = 0;
        foreach (var (file, _) in files)
        {
            rows += file.RowCount - file.ProbationLength;
        }

        var keys = new double[rows];
        var fileOf = new int[rows];
        var rowOf = new int[rows];
        var windowOfRow = new int[files.Count][];
        var windowSize = new List<int>();
        long positives = 0;
        int r = 0;
        for (int f = 0; f < files.Count; f++)
        {
            var (file, scores) = files[f];
            int n = file.RowCount, p = file.ProbationLength;
            var map = new int[n];
            Array.Fill(map, -1);
            foreach (var w in file.Windows)
            {
                int a = Math.Max(w.FirstRow, p), b = Math.Min(w.LastRow, n - 1);
                if (b < a)
                {
                    continue;
                }

                for (int i = a; i <= b; i++)
                {
                    map[i] = windowSize.Count;
                }

                windowSize.Add(b - a + 1);
                positives += b - a + 1;
            }

            windowOfRow[f] = map;
            for (int i = p; i < n; i++)
            {
                keys[r] = -scores[i];
                fileOf[r] = f;
                rowOf[r] = i;
                r++;
            }
        }

        long negatives = rows - positives;
        int windowCount = windowSize.Count;
        var windowHits = new int[windowCount];
        var detected = mode == F1Mode.Event ? new bool[files.Count][] : null;
        if (detected is not null)
        {
            for (int f = 0; f < files.Count; f++)
            {
                detected[f] = new bool[files[f].File.RowCount];
            }
        }

        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        long tp = 0, fp = 0, foundWindows = 0;
        double bestF1 = 0, bestThreshold = double.PositiveInfinity;
        int j = 0;
        while (j < rows)
        {
            double key = keys[j];
            for (; j < rows && keys[j] == key; j++)
            {
                int index = order[j];
                int f = fileOf[index], i = rowOf[index];
                int[] map = windowOfRow[f];
                int window = map[i];
                if (window >= 0)
                {
                    if (windowHits[window]++ == 0)
                    {
                        foundWindows++;
                        if (mode == F1Mode.PointAdjusted)
                        {
                            tp += windowSize[window];
                        }
                    }

                    if (mode is F1Mode.Pointwise or F1Mode.Composite)
                    {
                        tp++;
                    }
                }
                else if (detected is not null)
                {
                    // A new detection outside windows opens a run, extends one, or joins two into one.
                    bool[] d = detected[f];
                    int p = files[f].File.ProbationLength;
                    int joined = (i - 1 >= p && map[i - 1] < 0 && d[i - 1] ? 1 : 0) + (i + 1 < d.Length && map[i + 1] < 0 && d[i + 1] ? 1 : 0);
                    fp += 1 - joined;
                    d[i] = true;
                }
                else
                {
                    fp++;
                }
            }

            var counts = mode switch
            {
                F1Mode.Event => new ConfusionCounts(foundWindows, fp, windowCount - foundWindows, 0),
                F1Mode.Composite => new ConfusionCounts(tp, fp, positives - tp, negatives - fp) { Windows = new WindowCounts(foundWindows, windowCount - foundWindows) },
                _ => new ConfusionCounts(tp, fp, positives - tp, negatives - fp),
            };
            double f1 = counts.F1;
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestThreshold = -key + 0.0;
            }
        }

        return bestThreshold;
    }
}
