namespace Vigil.Thresholds;

/// <summary>Turns scores into alarms. Only thresholders produce booleans (architecture.md §6.3).</summary>
public interface IThresholder
{
    /// <summary>Learns the threshold from (calibrated) training scores; supervised thresholders also use <paramref name="truth"/>.</summary>
    void Fit(ScoreSeries calibrated, LabeledSeries? truth = null);

    /// <summary>The fitted threshold (for dynamic thresholders: the one in force after the fitting scores).</summary>
    double Threshold { get; }

    /// <summary>Flags points whose score is strictly above the threshold, with the alarm-suppression window applied.</summary>
    AlarmSeries Apply(ScoreSeries calibrated);
}
