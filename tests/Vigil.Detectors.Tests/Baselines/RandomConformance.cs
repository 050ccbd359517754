using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class RandomConformance : DetectorConformance<RandomDetector>
{
    protected override DetectorDescriptor Descriptor => RandomDetector.Descriptor;

    protected override bool ResetRestoresFreshState => true;

    protected override bool ScoresAreProbabilities => true;
}
