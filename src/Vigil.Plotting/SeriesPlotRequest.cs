namespace Vigil.Plotting;

/// <summary>What <see cref="SeriesPlotter"/> draws.</summary>
/// <param name="Series">The value series.</param>
/// <param name="Scores">Anomaly scores, one per row of <paramref name="Series"/>, or null.</param>
/// <param name="Windows">Labelled anomaly windows as row ranges (shaded).</param>
/// <param name="Threshold">Rows whose score is at or above it are marked as detections (green inside a window, red outside); null for none.</param>
/// <param name="Title">The title above the plot.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record SeriesPlotRequest(TimeSeries Series, IReadOnlyList<double>? Scores, IReadOnlyList<AnomalyWindow> Windows, double? Threshold, string Title, int Width = 1200, int Height = 500);
