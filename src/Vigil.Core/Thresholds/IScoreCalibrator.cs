namespace Vigil.Thresholds;

/// <summary>Maps raw scores monotonically (non-decreasing) into [0, 1], after learning from training scores.</summary>
public interface IScoreCalibrator
{
    /// <summary>Learns the mapping from <paramref name="train"/>'s scores after warm-up.</summary>
    void Fit(ScoreSeries train);

    /// <summary>The calibrated value of <paramref name="raw"/>, in [0, 1]; non-decreasing in <paramref name="raw"/>.</summary>
    double Calibrate(double raw);
}
