namespace Vigil.Thresholds;

/// <summary>Causal smoothing of anomaly scores: each smoothed value depends only on the score and those before it.</summary>
/// <remarks>Pure functions: thread-safe. Warm-up scores are carried through unchanged and never enter the smoothing state.</remarks>
public static class ScoreSmoothing
{
    /// <summary>
    /// Exponentially weighted moving average: s_t = alpha * x_t + (1 - alpha) * s_{t-1}, starting at the first
    /// score after warm-up.
    /// </summary>
    /// <param name="scores">Raw scores.</param>
    /// <param name="alpha">Weight of the newest score, in (0, 1]; 1 leaves the scores unchanged, small values smooth more.</param>
    public static ScoreSeries Ewma(ScoreSeries scores, double alpha)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!(alpha > 0.0 && alpha <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1].");
        }

        var input = scores.Scores.Span;
        var output = input.ToArray();
        double state = double.NaN;
        for (int i = scores.WarmupLength; i < output.Length; i++)
        {
            state = double.IsNaN(state) ? input[i] : alpha * input[i] + (1.0 - alpha) * state;
            output[i] = state;
        }

        return scores with { Scores = output };
    }

    /// <summary>
    /// Trailing moving median over the last <paramref name="window"/> scores (fewer at the start); an even count
    /// takes the mean of the two middle values, as <c>np.median</c>.
    /// </summary>
    /// <param name="scores">Raw scores.</param>
    /// <param name="window">Number of trailing scores, at least 1; odd windows remove isolated spikes of up to window/2 points.</param>
    public static ScoreSeries MovingMedian(ScoreSeries scores, int window)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var input = scores.Scores.Span;
        var output = input.ToArray();
        var sorted = new List<double>(window);
        for (int i = scores.WarmupLength; i < output.Length; i++)
        {
            Insert(sorted, input[i]);
            int leaving = i - window;
            if (leaving >= scores.WarmupLength)
            {
                sorted.RemoveAt(sorted.BinarySearch(input[leaving]) is var at && at >= 0 ? at : ~at);
            }

            int n = sorted.Count;
            output[i] = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
        }

        return scores with { Scores = output };
    }

    private static void Insert(List<double> sorted, double value)
    {
        int at = sorted.BinarySearch(value);
        sorted.Insert(at >= 0 ? at : ~at, value);
    }
}
