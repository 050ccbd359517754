namespace Vigil.Evaluation.Synthetic;

/// <summary>The synthetic series <see cref="SyntheticSeriesGenerator"/> writes; each injects its own kind of anomaly (docs/synthetic-data.md).</summary>
public enum SyntheticKind
{
    /// <summary>Gaussian noise around a level; anomalies are short bursts of noise four times as wide.</summary>
    Noisy,

    /// <summary>A daily cycle plus noise; anomalies are a flattened part of a cycle.</summary>
    Seasonal,

    /// <summary>A linear trend plus noise; anomalies are dips against the trend.</summary>
    Trend,

    /// <summary>Noise; anomalies are single-point spikes.</summary>
    Spikes,

    /// <summary>Noise; anomalies are lasting shifts of the level.</summary>
    LevelShift,

    /// <summary>Noise; anomalies are slow ramps to a new level.</summary>
    Drift,

    /// <summary>Cycle, trend and noise together; anomalies rotate through spike, level shift, flattening and drift.</summary>
    Mixed,
}
