using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class WindowedGaussianConformance : DetectorConformance<WindowedGaussianDetector>
{
    protected override DetectorDescriptor Descriptor => WindowedGaussianDetector.Descriptor;

    protected override bool ResetRestoresFreshState => true;

    protected override bool ScoresAreProbabilities => true;

    // A small window so the sliding phase is exercised within the 500-point conformance series.
    protected override DetectorOptions Options => new WindowedGaussianOptions { WindowSize = 60, StepSize = 4 };
}
