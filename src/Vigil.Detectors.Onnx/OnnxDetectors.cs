using Vigil.Detection;
using Vigil.Detectors.Onnx.LstmAutoencoder;

namespace Vigil.Detectors.Onnx;

/// <summary>Registers the detectors that ship in <c>Vigil.Detectors.Onnx</c>.</summary>
public static class OnnxDetectors
{
    /// <summary>Adds <c>lstm-autoencoder-onnx</c> to <paramref name="registry"/>.</summary>
    /// <returns>The same registry, for chaining.</returns>
    public static DetectorRegistry AddOnnxDetectors(this DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(LstmAutoencoderOnnxDetector.Descriptor);
    }
}
