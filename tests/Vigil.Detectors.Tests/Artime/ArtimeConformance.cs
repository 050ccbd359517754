using Vigil.Detection;
using Vigil.Detectors.Artime;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Artime;

public sealed class ArtimeConformance : DetectorConformance<ArtimeDetector>
{
    protected override DetectorDescriptor Descriptor => ArtimeDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    // Reset drops the model; the next step starts a fresh one.
    protected override bool ResetRestoresFreshState => true;

    // As NAB's harness: the series' range and length (500 rows: probation 74, step 1, so detection starts at row 75).
    protected override SeriesContext? ContextFor(TimeSeries series)
    {
        var values = series.Values.Span;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return new SeriesContext(Math.Min(series.Length * 15 / 100, 750), min, max, series.Length);
    }
}
