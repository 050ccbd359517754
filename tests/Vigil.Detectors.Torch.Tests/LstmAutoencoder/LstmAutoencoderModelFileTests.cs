using System.Globalization;
using Vigil.Detection;
using Vigil.Detectors.Onnx;
using Vigil.Detectors.Onnx.LstmAutoencoder;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.IO;
using Vigil.Persistence;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

public sealed class LstmAutoencoderModelFileTests
{
    private static readonly DetectorRegistry Registry = new DetectorRegistry().AddTorchDetectors().AddOnnxDetectors();

    private static string GoldenFolder => Path.Combine(NabTestCorpus.RepositoryRoot()!, "tests", "Vigil.Detectors.Torch.Tests", "LstmAutoencoder", "Golden");

    [Fact]
    public void FrozenTrainedModelFolderOfTheFirstFormatStillLoadsAndScoresAsWhenWritten()
    {
        // Written by 'vigil model train' (TrainedModelDirectory, format vigil.trained-model/1) before the .vigil archive
        // replaced it; the scores were recorded by that code (see Golden/README.md).
        var saved = ModelStore.LoadTrainedModelFolder(Path.Combine(GoldenFolder, "lstm-trained-model1"), Registry);
        using var detector = Assert.IsType<LstmAutoencoderDetector>(saved.Detector);
        var series = CsvSeriesReader.Read(Path.Combine(GoldenFolder, "series.csv"), new CsvReadOptions());
        var expected = File.ReadAllLines(Path.Combine(GoldenFolder, "lstm-trained-model1.scores.txt")).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, detector.ScoreSamples(series).Scores.ToArray());
        Assert.Equal(1.2754580974578857, saved.Manifest.ThresholdValue);
        Assert.Equal(250, saved.Manifest.TrainingData!.RowCount);
        Assert.Equal(DataFingerprint.Of(series.Slice(0, 250)), saved.Manifest.TrainingData.Sha256);
    }

    [Fact]
    public void SavedModelLoadsScoresIdenticallyAndExportsOnnxThatScoresTheSame()
    {
        var series = SyntheticSeries.SineWithNoise(200);
        using var detector = new LstmAutoencoderDetector(LstmAutoencoderConformance.Tiny with { Epochs = 2 });
        detector.Fit(series);
        using var archive = new MemoryStream();
        var details = new ModelManifest
        {
            Detector = "ignored",
            Options = [],
            TrainingData = new TrainingDataInfo("synthetic", 0, series.Length, DataFingerprint.Of(series)),
            Threshold = new() { ["kind"] = "p99", ["value"] = 1.25 },
        };
        var written = ModelStore.Save(archive, detector, details);
        Assert.Equal("lstm-autoencoder", written.Detector);
        archive.Position = 0;
        var loaded = ModelStore.Load(archive, Registry);
        using var restored = Assert.IsType<LstmAutoencoderDetector>(loaded.Detector);
        Assert.Equal(1.25, loaded.Manifest.ThresholdValue);
        Assert.Equal(4, (int)loaded.Manifest.Options["hiddenUnits"]!);
        Assert.Equal(detector.ScoreSamples(series).Scores.ToArray(), restored.ScoreSamples(series).Scores.ToArray());

        using var onnxBytes = new MemoryStream();
        restored.Export("onnx", onnxBytes);
        using var onnx = new LstmAutoencoderOnnxDetector(new LstmAutoencoderOnnxOptions { Model = "in-memory" }, onnxBytes.ToArray());
        var expected = detector.WindowErrors(series.Values.Span);
        var actual = onnx.WindowErrors(series.Values.Span);
        Assert.True(expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max() <= 1e-5);
    }
}
