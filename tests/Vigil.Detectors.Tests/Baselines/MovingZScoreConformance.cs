using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class MovingZScoreConformance : DetectorConformance<MovingZScoreDetector>
{
    protected override DetectorDescriptor Descriptor => MovingZScoreDetector.Descriptor;

    protected override bool ResetRestoresFreshState => true;

    protected override bool ScoresAreProbabilities => true;
}
