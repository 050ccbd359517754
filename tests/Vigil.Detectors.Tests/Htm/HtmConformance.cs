using Vigil.Detection;
using Vigil.Detectors.Htm;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Htm;

public sealed class HtmConformance : DetectorConformance<HtmDetector>
{
    protected override DetectorDescriptor Descriptor => HtmDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    // Reset drops the model; the next step builds a fresh one.
    protected override bool ResetRestoresFreshState => true;

    // A short probation so the likelihood phase is exercised within the 500-point conformance series.
    protected override DetectorOptions Options => new HtmOptions { ProbationLength = 100 };
}
