using Vigil.Detection;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

/// <summary>The conformance kit with a tiny model (4 hidden units, window 8, one epoch).</summary>
public sealed class LstmAutoencoderConformance : DetectorConformance<LstmAutoencoderDetector>
{
    internal static readonly LstmAutoencoderOptions Tiny = new()
    {
        HiddenUnits = 4,
        Window = 8,
        Epochs = 1,
        BatchSize = 32,
        MinSteps = 20,   // the schedule's minimum exercised, at a tiny network's cost
        Seed = 3,
    };

    protected override DetectorDescriptor Descriptor => LstmAutoencoderDetector.Descriptor;

    protected override DetectorOptions Options => Tiny;
}
