using Vigil.Detection;
using Vigil.Detectors.Torch.LstmAutoencoder;

namespace Vigil.Detectors.Torch;

/// <summary>Registers the detectors that ship in <c>Vigil.Detectors.Torch</c>.</summary>
public static class TorchDetectors
{
    /// <summary>Adds <c>lstm-autoencoder</c> to <paramref name="registry"/>.</summary>
    /// <returns>The same registry, for chaining.</returns>
    public static DetectorRegistry AddTorchDetectors(this DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(LstmAutoencoderDetector.Descriptor);
    }
}
