using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.IsolationForest;

/// <summary>The whole kit (no look-ahead, streaming = batch, save/load, edges) over windows of first differences, refitting.</summary>
public sealed class IsolationForestDifferencesConformance : DetectorConformance<IsolationForestDetector>
{
    protected override DetectorDescriptor Descriptor => IsolationForestDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    protected override DetectorOptions Options => new IsolationForestOptions { Window = 8, Trees = 50, Differences = true, RefitEvery = 100, TrainWindow = 200 };
}
