using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class NullConformance : DetectorConformance<NullDetector>
{
    protected override DetectorDescriptor Descriptor => NullDetector.Descriptor;

    protected override bool ResetRestoresFreshState => true;

    protected override bool ScoresAreProbabilities => true;
}
