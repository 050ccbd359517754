using Vigil.Detection;
using Vigil.Detectors.Sarima;
using Vigil.Pipeline;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Sarima;

/// <summary>The conformance kit over detector + calibrator: sarima followed by the likelihood stage, as one streaming detector (same registry name).</summary>
public sealed class CalibratedSarimaConformance : DetectorConformance<CalibratedDetector>
{
    private static readonly DetectorDescriptor Pipeline = SarimaDetector.Descriptor with
    {
        Create = o => new CalibratedDetector((IStreamingDetector)SarimaDetector.Descriptor.Create(o), o.Calibration, 100, Pipeline),
    };

    protected override DetectorDescriptor Descriptor => Pipeline;

    protected override bool ScoresAreProbabilities => true;

    protected override DetectorOptions Options => new SarimaOptions
    {
        TrainLength = 100,
        RefitEvery = 150,
        TrainWindow = 200,
        Calibration = CalibrationSpec.Likelihood with { ReestimationPeriod = 10, HistoricWindow = 300 },
    };
}
