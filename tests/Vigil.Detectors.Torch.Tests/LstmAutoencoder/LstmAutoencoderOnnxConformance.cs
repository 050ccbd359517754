using Vigil.Detection;
using Vigil.Detectors.Onnx.LstmAutoencoder;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

/// <summary>
/// The conformance kit on <c>lstm-autoencoder-onnx</c>: a tiny lstm-autoencoder (as <see cref="LstmAutoencoderConformance"/>)
/// is trained once, exported to ONNX in a temporary file, and the ONNX detector runs every fact on it.
/// </summary>
public sealed class LstmAutoencoderOnnxConformance : DetectorConformance<LstmAutoencoderOnnxDetector>
{
    private static readonly Lazy<string> ModelPath = new(() =>
    {
        using var trained = new LstmAutoencoderDetector(LstmAutoencoderConformance.Tiny);
        trained.Fit(SyntheticSeries.SineWithNoise(200));
        string path = Path.Combine(Path.GetTempPath(), $"vigil-onnx-conformance-{Environment.ProcessId}.onnx");
        Vigil.IO.AtomicFile.Write(path, stream => stream.Write(OnnxExport.ToOnnx(trained)));
        return path;
    });

    protected override DetectorDescriptor Descriptor => LstmAutoencoderOnnxDetector.Descriptor;

    protected override DetectorOptions Options => new LstmAutoencoderOnnxOptions { Model = ModelPath.Value };

    /// <summary>An exported model is trained before the detector exists.</summary>
    protected override bool StartsFitted => true;
}
