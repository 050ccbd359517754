using Vigil.Detection;
using Vigil.Detectors.Onnx.LstmAutoencoder;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

/// <summary>The kit against <c>lstm-autoencoder-onnx</c>, scoring a tiny lstm-autoencoder exported to ONNX once per run.</summary>
public sealed class LstmAutoencoderOnnxConformance : DetectorConformance<LstmAutoencoderOnnxDetector>
{
    private static readonly Lazy<string> ModelPath = new(() =>
    {
        using var trained = new LstmAutoencoderDetector(LstmAutoencoderConformance.Tiny with { Epochs = 1 });
        trained.Fit(SyntheticSeries.SineWithNoise(120));
        string path = Path.Combine(Path.GetTempPath(), $"vigil-onnx-conformance-{Environment.ProcessId}.onnx");
        using (var file = File.Create(path))
        {
            trained.Export("onnx", file);
        }

        return path;
    });

    protected override DetectorDescriptor Descriptor => LstmAutoencoderOnnxDetector.Descriptor;

    protected override DetectorOptions Options => new LstmAutoencoderOnnxOptions { Model = ModelPath.Value };

    protected override bool IsPretrained => true;
}
