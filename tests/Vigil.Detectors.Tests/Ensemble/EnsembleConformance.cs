using Vigil.Detection;
using Vigil.Detectors.Ensemble;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Ensemble;

/// <summary>The ensemble's contract, with members this build always has (the default members need <c>artime</c>).</summary>
public sealed class EnsembleConformance : DetectorConformance<EnsembleDetector>
{
    protected override DetectorDescriptor Descriptor => EnsembleDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    // Both members forget everything on Reset.
    protected override bool ResetRestoresFreshState => true;

    protected override DetectorOptions Options => new EnsembleOptions
    {
        Members = "context-ose; windowed-gaussian",
        Weights = "1, 0.5",
        PeakWindow = 10,
    };

    protected override SeriesContext? ContextFor(TimeSeries series) => new(100, series.Min(), series.Max());
}
