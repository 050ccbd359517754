using Vigil.Detection;
using Vigil.Detectors.Artime;
using Vigil.Testing;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

/// <summary>Saving mid-series and restoring continues exactly as an uninterrupted run.</summary>
public sealed class ArtimeStateTests
{
    private static double[] Uninterrupted(IReadOnlyList<double> values, SeriesContext context)
    {
        var detector = new ArtimeDetector(new ArtimeOptions());
        detector.Prepare(context);
        return values.Select((v, i) => detector.Step(new Observation(SyntheticSeries.Start.AddMinutes(i), v))).ToArray();
    }

    private static double[] SavedAndRestoredAt(IReadOnlyList<double> values, SeriesContext context, int cut)
    {
        var options = new ArtimeOptions();
        var first = new ArtimeDetector(options);
        first.Prepare(context);
        var scores = new double[values.Count];
        for (int i = 0; i < cut; i++)
        {
            scores[i] = first.Step(new Observation(SyntheticSeries.Start.AddMinutes(i), values[i]));
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            first.WriteState(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var restored = (ArtimeDetector)ArtimeDetector.Descriptor.Restore!(options, reader, ArtimeDetector.StateVersion);
        Assert.Equal(buffer.Length, buffer.Position);
        for (int i = cut; i < values.Count; i++)
        {
            scores[i] = restored.Step(new Observation(SyntheticSeries.Start.AddMinutes(i), values[i]));
        }

        return scores;
    }

    public static TheoryData<int> Cuts => [0, 1, 7, 150, 301, 302, 999, 1999];

    /// <summary>Cuts before the first step, in the trend window (stored features), right after it, and late.</summary>
    [Theory]
    [MemberData(nameof(Cuts))]
    public void RestoredDetectorContinuesBitForBit(int cut)
    {
        var series = SyntheticSeries.StepChange(2000, at: 1200, height: 4.0, noise: 0.3);
        var values = series.Values.ToArray();
        var context = new SeriesContext(300, values.Min(), values.Max(), values.Length);
        var expected = Uninterrupted(values, context);
        Assert.Contains(expected, s => s > 0);   // the run has detections for the restored state to reproduce
        Assert.Equal(expected, SavedAndRestoredAt(values, context, cut));
    }

    /// <summary>On a real file with several detections (NAB's exchange-3 CPC), cut where categories and anomaly history exist.</summary>
    [NabFact]
    public void RestoredDetectorContinuesBitForBitOnANabFile()
    {
        var file = ShippedArtimeFile.Load("realAdExchange/exchange-3_cpc_results.csv");
        var context = new SeriesContext(0, file.Values.Min(), file.Values.Max(), file.Length);
        var expected = Uninterrupted(file.Values, context);
        Assert.Equal(expected, SavedAndRestoredAt(file.Values, context, 900));
    }
}
