using SkiaSharp;

namespace Vigil.Plotting.Tests;

/// <summary>
/// <c>vigil plot</c>'s picture of a fixed synthetic series (a daily cycle, one spike inside a labelled window, one
/// false alarm outside it) compared with the committed golden image, pixel by pixel within a tolerance (anti-aliasing
/// and font hinting may differ slightly between Skia builds). Set <c>VIGIL_UPDATE_GOLDEN=1</c> to rewrite the golden
/// image into the source tree after an intended change, then look at it before committing.
/// </summary>
public sealed class SeriesPlotterGoldenTests
{
    private const string GoldenName = "synthetic-plot.png";

    [Fact]
    public void SyntheticPlotMatchesTheGoldenImage()
    {
        byte[] png = SeriesPlotter.RenderPng(SyntheticRequest());
        string golden = Path.Combine(AppContext.BaseDirectory, "Golden", GoldenName);
        if (Environment.GetEnvironmentVariable("VIGIL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(SourceFolder(), "Golden", GoldenName), png);
        }

        Assert.True(File.Exists(golden), $"Golden image missing: {golden} (create it with VIGIL_UPDATE_GOLDEN=1).");
        using var expected = SKBitmap.Decode(golden);
        using var actual = SKBitmap.Decode(png);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        int differing = 0;
        for (int y = 0; y < expected.Height; y++)
        {
            for (int x = 0; x < expected.Width; x++)
            {
                SKColor a = expected.GetPixel(x, y), b = actual.GetPixel(x, y);
                int delta = Math.Max(Math.Max(Math.Abs(a.Red - b.Red), Math.Abs(a.Green - b.Green)), Math.Abs(a.Blue - b.Blue));
                if (delta > 48)
                {
                    differing++;
                }
            }
        }

        double share = (double)differing / (expected.Width * expected.Height);
        Assert.True(share <= 0.005, $"{differing} pixels ({share:P2}) differ from the golden image by more than 48 levels; allowed 0.5 %.");
    }

    [Fact]
    public void TheGoldenComparisonCatchesAMissingWindow()
    {
        // The tolerance is tight enough to notice a real change: the same plot without its shaded window differs.
        var request = SyntheticRequest();
        using var with = SKBitmap.Decode(SeriesPlotter.RenderPng(request));
        using var without = SKBitmap.Decode(SeriesPlotter.RenderPng(request with { Windows = [] }));
        int differing = 0;
        for (int y = 0; y < with.Height; y++)
        {
            for (int x = 0; x < with.Width; x++)
            {
                SKColor a = with.GetPixel(x, y), b = without.GetPixel(x, y);
                if (Math.Max(Math.Max(Math.Abs(a.Red - b.Red), Math.Abs(a.Green - b.Green)), Math.Abs(a.Blue - b.Blue)) > 48)
                {
                    differing++;
                }
            }
        }

        Assert.True((double)differing / (with.Width * with.Height) > 0.005, $"only {differing} pixels changed");
    }

    [Fact]
    public void SvgOutputIsWrittenAndNamesTheSeries()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("vigil-plot-").FullName, "plot.svg");
        SeriesPlotter.Save(SyntheticRequest(), path);
        string svg = File.ReadAllText(path);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("synthetic", svg, StringComparison.Ordinal);
    }

    private static SeriesPlotRequest SyntheticRequest()
    {
        const int n = 600;
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var times = new DateTimeOffset[n];
        var values = new double[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = start.AddMinutes(10 * i);
            values[i] = 10 + (3 * Math.Sin(2 * Math.PI * i / 144.0));
            scores[i] = 0.05 + (0.03 * Math.Sin(i / 7.0));
        }

        values[400] += 9;
        scores[400] = 0.95;
        scores[401] = 0.7;
        scores[200] = 0.8;   // a false alarm
        var series = new TimeSeries("synthetic", times, values);
        return new SeriesPlotRequest(series, scores, [new AnomalyWindow(380, 420)], 0.6, "synthetic", 800, 360);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
