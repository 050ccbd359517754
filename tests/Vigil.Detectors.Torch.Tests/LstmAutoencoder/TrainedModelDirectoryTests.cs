using System.Text.Json;
using Vigil.Detectors.Onnx.LstmAutoencoder;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

public sealed class TrainedModelDirectoryTests
{
    [Fact]
    public void SavedModelLoadsScoresIdenticallyAndExportsOnnx()
    {
        string directory = Path.Combine(Path.GetTempPath(), "vigil-lstm-" + Guid.NewGuid().ToString("N"));
        try
        {
            var series = SyntheticSeries.SineWithNoise(200);
            using var detector = new LstmAutoencoderDetector(LstmAutoencoderConformance.Tiny with { Epochs = 2 });
            detector.Fit(series);
            TrainedModelDirectory.Save(directory, detector, series, "p99", 1.25, "0.1.0");

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
            var root = manifest.RootElement;
            Assert.Equal("lstm-autoencoder", root.GetProperty("detector").GetString());
            Assert.Equal(4, root.GetProperty("options").GetProperty("hiddenUnits").GetInt32());
            Assert.Equal(TrainedModelDirectory.Fingerprint(series), root.GetProperty("trainingData").GetProperty("sha256").GetString());
            Assert.Equal(detector.NormalizationMean, root.GetProperty("normalization").GetProperty("mean").GetDouble());
            Assert.Equal(2, root.GetProperty("metrics").GetProperty("lossPerEpoch").GetArrayLength());
            Assert.Equal(0, root.GetProperty("metrics").GetProperty("fineTunes").GetInt32());
            Assert.Equal(LstmAutoencoderDetector.Descriptor.StateVersion, root.GetProperty("stateVersion").GetInt32());
            Assert.Equal("0.1.0", root.GetProperty("vigilVersion").GetString());

            var (loaded, threshold) = TrainedModelDirectory.Load(directory);
            using (loaded)
            {
                Assert.Equal(1.25, threshold);
                Assert.Equal(detector.ScoreSamples(series).Scores.ToArray(), loaded.ScoreSamples(series).Scores.ToArray());
            }

            string onnxPath = TrainedModelDirectory.ExportOnnx(directory);
            using var onnx = new LstmAutoencoderOnnxDetector(new LstmAutoencoderOnnxOptions { Model = onnxPath });
            var expected = detector.WindowErrors(series.Values.Span);
            var actual = onnx.WindowErrors(series.Values.Span);
            Assert.True(expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max() <= 1e-5);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
