using Vigil.Detection;
using Vigil.Detectors.ContextOse;
using Vigil.Evaluation.Nab;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.ContextOse;

/// <summary>One NAB data file with NAB's shipped contextOSE scores (results/contextOSE/...), as the CSV prints them.</summary>
internal sealed class ShippedContextOseFile
{
    private static readonly Lazy<NabCorpus> Corpus = new(() => NabCorpus.Load(NabTestCorpus.Root));

    private ShippedContextOseFile(NabDataFile file, TimeSeries series, string[] shipped)
    {
        File = file;
        Series = series;
        Shipped = shipped;
    }

    public NabDataFile File { get; }

    public TimeSeries Series { get; }

    /// <summary>The shipped <c>anomaly_score</c> column, verbatim.</summary>
    public string[] Shipped { get; }

    public static IReadOnlyList<string> All() => Corpus.Value.Files.Select(f => f.RelativePath).Order(StringComparer.Ordinal).ToList();

    public static ShippedContextOseFile Load(string relativePath)
    {
        var file = Corpus.Value.Get(relativePath);
        var series = file.LoadSeries();
        var (_, lines) = ShippedResults.Rows(relativePath, "contextOSE");

        return new ShippedContextOseFile(file, series, lines.Select(l => l.Split(',')[2]).ToArray());
    }

    /// <summary>The context NAB's harness (and <c>NabRunner</c>) gives the detector.</summary>
    public SeriesContext Context => new(File.ProbationLength, Series.Min(), Series.Max());

    /// <summary>Runs the detector with default options as <c>vigil nab run</c> does; returns the scores.</summary>
    public double[] Run() => StreamingRunner.Run(new ContextOseDetector(new ContextOseOptions()), Series, Context).Scores.ToArray();

    /// <summary>Rows whose score, printed as Python 2 prints it, differs from the shipped text; the first such row.</summary>
    public (int Mismatches, int First) Compare(double[] scores)
    {
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < scores.Length; i++)
        {
            if (Python2FloatText.Format(scores[i]) != Shipped[i])
            {
                mismatches++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return (mismatches, first);
    }
}
