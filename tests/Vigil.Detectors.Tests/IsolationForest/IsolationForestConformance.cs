using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.IsolationForest;

public sealed class IsolationForestConformance : DetectorConformance<IsolationForestDetector>
{
    protected override DetectorDescriptor Descriptor => IsolationForestDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    // A small window so the 75-point training prefix of the 500-point conformance series holds windows.
    protected override DetectorOptions Options => new IsolationForestOptions { Window = 8, Trees = 50 };
}
