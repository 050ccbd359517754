using Vigil.Detection;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

/// <summary>
/// The conformance kit with periodic fine-tuning on: the kit then runs the detector causally (fitted on the first
/// 75 rows, fine-tuned every 60 rows on the trailing 100), so no look-ahead and determinism are checked across
/// fine-tunes. Dropout is on so that the reseeding of libtorch's global generator is exercised too.
/// </summary>
public sealed class LstmAutoencoderFineTuneConformance : DetectorConformance<LstmAutoencoderDetector>
{
    internal static readonly LstmAutoencoderOptions TinyFineTuned = LstmAutoencoderConformance.Tiny with
    {
        Dropout = 0.2,
        FineTuneEvery = 60,
        FineTuneWindow = 100,
        FineTuneEpochs = 2,
    };

    protected override DetectorDescriptor Descriptor => LstmAutoencoderDetector.Descriptor;

    protected override DetectorOptions Options => TinyFineTuned;
}
