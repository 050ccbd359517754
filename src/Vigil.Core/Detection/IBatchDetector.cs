namespace Vigil.Detection;

/// <summary>A detector that is fitted once on training data, then scores whole series.</summary>
public interface IBatchDetector : IAnomalyDetector
{
    /// <summary>Whether <see cref="Fit"/> has completed.</summary>
    bool IsFitted { get; }

    /// <summary>
    /// How many trailing points the score of the last point depends on (its context), e.g. the window
    /// size of a windowed detector; <see cref="int.MaxValue"/> when the whole history matters.
    /// <see cref="BatchAsStreaming"/> uses it to score each new point without rescoring the past.
    /// </summary>
    int ContextLength { get; }

    /// <summary>Learns the detector's parameters from <paramref name="train"/>.</summary>
    void Fit(TimeSeries train, CancellationToken ct = default);

    /// <summary>Scores every point of <paramref name="series"/>; leaves the detector unchanged.</summary>
    /// <exception cref="NotFittedException">The detector has not been fitted.</exception>
    ScoreSeries ScoreSamples(TimeSeries series);
}
