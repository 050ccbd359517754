using Vigil.Detectors.Onnx.LstmAutoencoder;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

public sealed class OnnxParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, false, 0, 0)]
    [InlineData(2, true, 0, 0)]
    [InlineData(1, false, 4, 0)]
    [InlineData(1, false, 1, 1)]
    [InlineData(2, false, 4, 2)]
    public void OnnxRuntimeAndTorchSharpReconstructionErrorsAgreeTo1e5(int layers, bool layerNorm, int scoredPoints, int maskedPoints)
    {
        var series = SyntheticSeries.Spike(400, at: 300);
        using var detector = new LstmAutoencoderDetector(new LstmAutoencoderOptions
        {
            HiddenUnits = 8, Window = 16, Epochs = 2, BatchSize = 32, Layers = layers, LayerNorm = layerNorm, Seed = 5, LearningRate = 1e-2, ScoredPoints = scoredPoints, MaskedPoints = maskedPoints,
        });
        detector.Fit(series.Slice(0, 250));
        byte[] model = OnnxExport.ToOnnx(detector);
        using var onnx = new LstmAutoencoderOnnxDetector(new LstmAutoencoderOnnxOptions(), model);
        Assert.Equal(16, onnx.Window);

        var torch = detector.WindowErrors(series.Values.Span);
        var ort = onnx.WindowErrors(series.Values.Span);
        Assert.Equal(torch.Length, ort.Length);
        double maxDiff = torch.Zip(ort, (a, b) => Math.Abs((double)a - b)).Max();
        output.WriteLine($"{torch.Length} windows, max |torch - onnx| = {maxDiff:E3}, mean error {torch.Average():F5}");
        Assert.True(maxDiff <= 1e-5, $"max abs diff {maxDiff:E3}");
        Assert.Equal(detector.ScoreSamples(series).WarmupLength, onnx.ScoreSamples(series).WarmupLength);
    }

    [Fact]
    public void GateBlocksAreReorderedFromPyTorchToOnnxOrder()
    {
        // Four gate blocks of one row each (hidden 1, one column): PyTorch i, f, g, o -> ONNX i, o, f, c.
        Assert.Equal([1f, 4f, 2f, 3f], OnnxExport.ReorderGates([1f, 2f, 3f, 4f], hidden: 1, columns: 1));
    }
}
