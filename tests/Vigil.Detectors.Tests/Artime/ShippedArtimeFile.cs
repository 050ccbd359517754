using System.Globalization;
using Vigil.Detectors.Artime;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Artime;

/// <summary>One NAB data file with the published ARTime scores (results/ARTime/...), the golden data of docs/detectors/artime.md.</summary>
internal sealed class ShippedArtimeFile
{
    private ShippedArtimeFile(string relativePath, double[] values, double[] scores)
    {
        RelativePath = relativePath;
        Values = values;
        Scores = scores;
    }

    public string RelativePath { get; }

    /// <summary>The values as NAB's harness read them (pandas' legacy parser, see <see cref="PandasLegacyFloat"/>).</summary>
    public double[] Values { get; }

    /// <summary>The published anomaly_score column.</summary>
    public double[] Scores { get; }

    public int Length => Values.Length;

    /// <summary>Every data file, as "category/name.csv", sorted.</summary>
    public static IReadOnlyList<string> All() => ShippedResults.DataFiles();

    public static ShippedArtimeFile Load(string relativePath)
    {
        var (dataLines, resultLines) = ShippedResults.Rows(relativePath, "ARTime");
        var values = new double[dataLines.Length];
        var scores = new double[dataLines.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = PandasLegacyFloat.Parse(dataLines[i].Split(',')[1]);
            scores[i] = double.Parse(resultLines[i].Split(',')[2], CultureInfo.InvariantCulture);
        }

        return new ShippedArtimeFile(relativePath, values, scores);
    }

    /// <summary>
    /// Whether a computed score matches a published one: equal after rounding both to 6 decimals (ARTime rounds its
    /// scores to 6 decimals; the published file went through pandas' legacy parser once more, which moves some by
    /// one ulp, e.g. 0.966293 → 0.9662930000000001) and within 1e-9 relative.
    /// </summary>
    public static bool Matches(double published, double computed) =>
        Math.Round(published * 1e6) == Math.Round(computed * 1e6)
        && Math.Abs(published - computed) <= 1e-9 * Math.Max(Math.Abs(published), double.Epsilon);

    /// <summary>Runs ARTime over the file as NAB's harness did; returns the mismatching row count and the first one (-1 if none).</summary>
    public int FirstMismatch(out int mismatches, ArtimeOptions? options = null)
    {
        var detector = new Vigil.Detectors.Artime.ArtimeDetector(options ?? new ArtimeOptions());
        detector.Prepare(new Vigil.Detection.SeriesContext(0, Values.Min(), Values.Max(), Length));
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int first = -1;
        mismatches = 0;
        for (int i = 0; i < Length; i++)
        {
            double score = detector.Step(new Vigil.Observation(start.AddMinutes(i), Values[i]));
            if (!Matches(Scores[i], score))
            {
                mismatches++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return first;
    }
}
