using Vigil.Detection;
using Vigil.Testing;

namespace Vigil.Core.Tests.Detection;

/// <summary>The conformance kit itself, run on the small test detectors: batch and streaming paths both exercised.</summary>
public sealed class FittedMeanConformance : DetectorConformance<FittedMeanDetector>
{
    protected override DetectorDescriptor Descriptor => FittedMeanDetector.Descriptor;
}

/// <summary>The conformance kit on a streaming test detector.</summary>
public sealed class TrailingMeanConformance : DetectorConformance<TrailingMeanDetector>
{
    protected override DetectorDescriptor Descriptor => TrailingMeanDetector.Descriptor;

    protected override bool ResetRestoresFreshState => true;
}
