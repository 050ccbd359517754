namespace Vigil.Thresholds;

/// <summary>Alarms, one flag per input point, with the threshold each point was compared against.</summary>
/// <param name="Alarms">True where an alarm is raised.</param>
/// <param name="Thresholds">The threshold in force at each point (constant for static thresholders).</param>
/// <param name="SuppressionWindow">Points after an alarm during which further alarms were suppressed.</param>
public sealed record AlarmSeries(ReadOnlyMemory<bool> Alarms, ReadOnlyMemory<double> Thresholds, int SuppressionWindow)
{
    /// <summary>Number of points.</summary>
    public int Length => Alarms.Length;

    /// <summary>Number of alarms raised.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (bool alarm in Alarms.Span)
            {
                count += alarm ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Row indices of the alarms, ascending.</summary>
    public IReadOnlyList<int> Indices()
    {
        var indices = new List<int>();
        var alarms = Alarms.Span;
        for (int i = 0; i < alarms.Length; i++)
        {
            if (alarms[i])
            {
                indices.Add(i);
            }
        }

        return indices;
    }

    /// <summary>
    /// Flags every point after warm-up whose score is strictly above its threshold, except within
    /// <paramref name="suppressionWindow"/> points after the previous alarm.
    /// </summary>
    /// <param name="scores">The (calibrated or raw) scores.</param>
    /// <param name="thresholds">One threshold per score.</param>
    /// <param name="suppressionWindow">Points after an alarm that cannot alarm, at least 0. With 0 a higher threshold never adds an alarm.</param>
    public static AlarmSeries Create(ScoreSeries scores, double[] thresholds, int suppressionWindow)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentOutOfRangeException.ThrowIfNegative(suppressionWindow);
        if (thresholds.Length != scores.Length)
        {
            throw new ArgumentException($"Expected {scores.Length} thresholds, got {thresholds.Length}.", nameof(thresholds));
        }

        var values = scores.Scores.Span;
        var alarms = new bool[values.Length];
        int quietUntil = -1;
        for (int i = Math.Min(scores.WarmupLength, values.Length); i < values.Length; i++)
        {
            if (i > quietUntil && values[i] > thresholds[i])
            {
                alarms[i] = true;
                quietUntil = i + suppressionWindow;
            }
        }

        return new AlarmSeries(alarms, thresholds, suppressionWindow);
    }

    /// <summary>As <see cref="Create(ScoreSeries, double[], int)"/> with one threshold for every point.</summary>
    public static AlarmSeries Create(ScoreSeries scores, double threshold, int suppressionWindow)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var thresholds = new double[scores.Length];
        Array.Fill(thresholds, threshold);
        return Create(scores, thresholds, suppressionWindow);
    }
}
