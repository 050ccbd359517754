using System.Globalization;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>One NAB data file with NuPIC 0.5.6's shipped results (results/numenta/...): the golden data of htm.md §12.3.</summary>
internal sealed class ShippedNumentaFile
{
    private ShippedNumentaFile(string relativePath, int[] hours, int[] minutes, double[] values, double[] anomaly, double[] raw)
    {
        RelativePath = relativePath;
        Hours = hours;
        Minutes = minutes;
        Values = values;
        AnomalyScores = anomaly;
        RawScores = raw;
    }

    public string RelativePath { get; }

    public int[] Hours { get; }

    public int[] Minutes { get; }

    public double[] Values { get; }

    public double[] AnomalyScores { get; }

    public double[] RawScores { get; }

    public int Length => Values.Length;

    public int ProbationLength => Math.Min((int)Math.Floor(0.15 * Length), 750);

    /// <summary>NAB's RDSE resolution for the file (htm.md §2).</summary>
    public double Resolution
    {
        get
        {
            double min = Values.Min();
            double max = Values.Max();
            double pad = Math.Abs(max - min) * 0.2;
            double lo = min - pad;
            double hi = max + pad;
            if (lo == hi)
            {
                hi = lo + 1;
            }

            return Math.Max(0.001, (hi - lo) / 130.0);
        }
    }

    /// <summary>Every data file that has shipped results, as "category/name.csv", sorted.</summary>
    public static IReadOnlyList<string> All() => ShippedResults.DataFiles();

    public static ShippedNumentaFile Load(string relativePath)
    {
        var (dataLines, resultLines) = ShippedResults.Rows(relativePath, "numenta");
        int n = dataLines.Length;
        var hours = new int[n];
        var minutes = new int[n];
        var values = new double[n];
        var anomaly = new double[n];
        var raw = new double[n];
        for (int i = 0; i < n; i++)
        {
            var d = dataLines[i].Split(',');
            hours[i] = int.Parse(d[0].AsSpan(11, 2), CultureInfo.InvariantCulture);
            minutes[i] = int.Parse(d[0].AsSpan(14, 2), CultureInfo.InvariantCulture);
            values[i] = double.Parse(d[1], CultureInfo.InvariantCulture);
            var r = resultLines[i].Split(',');
            anomaly[i] = double.Parse(r[2], CultureInfo.InvariantCulture);
            raw[i] = double.Parse(r[3], CultureInfo.InvariantCulture);
        }

        return new ShippedNumentaFile(relativePath, hours, minutes, values, anomaly, raw);
    }
}
