using Vigil.Detection;
using Vigil.Detectors.Sarima;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Sarima;

public sealed class SarimaConformance : DetectorConformance<SarimaDetector>
{
    protected override DetectorDescriptor Descriptor => SarimaDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    // Fit after 100 rows and refit every 150 on the last 200, so fitting, filtering and refits all run within the
    // 500-row conformance series; a seasonal part exercises the seasonal polynomials.
    protected override DetectorOptions Options => new SarimaOptions
    {
        TrainLength = 100,
        RefitEvery = 150,
        TrainWindow = 200,
        Period = 12,
        SeasonalArOrder = 1,
    };
}
