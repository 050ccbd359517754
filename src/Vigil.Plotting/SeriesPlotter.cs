using ScottPlot;

namespace Vigil.Plotting;

/// <summary>
/// Draws a series with ScottPlot: values on the left axis, scores on the right axis with the threshold as a dashed
/// line, labelled windows shaded, detections marked (true positives green, false positives red).
/// </summary>
public static class SeriesPlotter
{
    /// <summary>Renders <paramref name="request"/> to <paramref name="path"/>; the format follows the extension (.png or .svg).</summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg, or the scores' length differs from the series'.</exception>
    public static void Save(SeriesPlotRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"Output '{path}' must end in .png or .svg.", nameof(path));
        }

        var plot = Build(request);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Rendered to a temporary file and renamed, so a failed render never leaves a half-written picture.
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}{extension}");
        try
        {
            if (extension == ".png")
            {
                plot.SavePng(temp, request.Width, request.Height);
            }
            else
            {
                plot.SaveSvg(temp, request.Width, request.Height);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The PNG bytes of <paramref name="request"/>.</summary>
    public static byte[] RenderPng(SeriesPlotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Build(request).GetImageBytes(request.Width, request.Height, ImageFormat.Png);
    }

    private static Plot Build(SeriesPlotRequest request)
    {
        var series = request.Series;
        int n = series.Length;
        if (request.Scores is { } s && s.Count != n)
        {
            throw new ArgumentException($"{s.Count} scores for a series of {n} rows.", nameof(request));
        }

        var times = series.Timestamps.Span;
        var xs = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = times[i].UtcDateTime.ToOADate();
        }

        var plot = new Plot();
        plot.Title(request.Title);
        foreach (var w in request.Windows)
        {
            var span = plot.Add.HorizontalSpan(xs[w.FirstRow], xs[w.LastRow]);
            span.FillStyle.Color = Colors.Red.WithAlpha(0.15);
            span.LineStyle.Width = 0;
        }

        var values = plot.Add.ScatterLine(xs, series.Values.ToArray());
        values.Color = Colors.SteelBlue;
        values.LineWidth = 1;
        values.LegendText = "value";
        plot.Axes.Left.Label.Text = "value";

        if (request.Scores is { } scores)
        {
            var line = plot.Add.ScatterLine(xs, scores.ToArray());
            line.Color = Colors.Purple.WithAlpha(0.6);
            line.LineWidth = 1;
            line.LegendText = "anomaly score";
            line.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "anomaly score";
            if (request.Threshold is double threshold)
            {
                var marker = plot.Add.HorizontalLine(threshold);
                marker.Axes.YAxis = plot.Axes.Right;
                marker.Color = Colors.DarkOrange;
                marker.LinePattern = LinePattern.Dashed;
                marker.LineWidth = 1;
                var hitsIn = new List<(double, double)>();
                var hitsOut = new List<(double, double)>();
                for (int i = 0; i < n; i++)
                {
                    if (scores[i] >= threshold)
                    {
                        (request.Windows.Any(w => w.Contains(i)) ? hitsIn : hitsOut).Add((xs[i], scores[i]));
                    }
                }

                AddMarkers(plot, hitsIn, Colors.Green, "true positive");
                AddMarkers(plot, hitsOut, Colors.Red, "false positive");
            }

            plot.Axes.SetLimitsY(-0.05, 1.05, plot.Axes.Right);
        }

        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void AddMarkers(Plot plot, List<(double X, double Y)> points, Color color, string label)
    {
        if (points.Count == 0)
        {
            return;
        }

        var markers = plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        markers.Color = color;
        markers.MarkerSize = 6;
        markers.Axes.YAxis = plot.Axes.Right;
        markers.LegendText = label;
    }
}
