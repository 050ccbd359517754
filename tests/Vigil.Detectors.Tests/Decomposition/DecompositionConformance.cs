using Vigil.Detection;
using Vigil.Detectors.Decomposition;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Decomposition;

public sealed class DecompositionConformance : DetectorConformance<DecompositionDetector>
{
    protected override DetectorDescriptor Descriptor => DecompositionDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    protected override DetectorOptions Options => new DecompositionOptions { TrainLength = 100, RefitEvery = 150, TrainWindow = 200, Changepoints = 10 };
}
