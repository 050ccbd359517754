using Vigil.Detection;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

public sealed class LstmAutoencoderDetectorTests(ITestOutputHelper output)
{
    private static readonly TimeSeries Sine = SyntheticSeries.SineWithNoise(300);

    private static LstmAutoencoderOptions Small => LstmAutoencoderConformance.Tiny with { HiddenUnits = 8, Window = 16, Epochs = 3, BatchSize = 32 };

    [Fact]
    public void SameSeedGivesIdenticalScores()
    {
        using var a = new LstmAutoencoderDetector(Small);
        using var b = new LstmAutoencoderDetector(Small);
        a.Fit(Sine);
        b.Fit(Sine);
        Assert.Equal(a.ScoreSamples(Sine).Scores.ToArray(), b.ScoreSamples(Sine).Scores.ToArray());
        Assert.Equal(a.History.Select(e => e.TrainingLoss), b.History.Select(e => e.TrainingLoss));
    }

    [Fact]
    public void TrainingReportsEveryEpochAndTheLossFalls()
    {
        var reports = new List<TrainingEpoch>();
        using var detector = new LstmAutoencoderDetector(Small with { Epochs = 3, LearningRate = 1e-2 });
        detector.TrainingProgress = new SynchronousProgress(reports.Add);
        detector.Fit(Sine);
        foreach (var r in reports)
        {
            output.WriteLine($"epoch {r.Epoch}: loss {r.TrainingLoss:F5}");
        }

        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.True(reports[^1].TrainingLoss < reports[0].TrainingLoss);
        Assert.All(reports, r => Assert.True(double.IsNaN(r.ValidationLoss)));
    }

    [Fact]
    public void EarlyStoppingReportsValidationLossAndStopsWithinTheEpochBudget()
    {
        using var detector = new LstmAutoencoderDetector(Small with { Epochs = 6, EarlyStopping = 1, LearningRate = 0.5 });
        detector.Fit(Sine);
        Assert.InRange(detector.History.Count, 1, 6);
        Assert.All(detector.History, r => Assert.True(double.IsFinite(r.ValidationLoss)));
    }

    [Fact]
    public void ASpikeScoresAboveTheNinetyNinthPercentileOfTrainingErrors()
    {
        var series = SyntheticSeries.Spike(400, at: 350);
        using var detector = new LstmAutoencoderDetector(Small with { Epochs = 3, LearningRate = 1e-2 });
        detector.Fit(series.Slice(0, 300));
        var train = detector.ScoreSamples(series.Slice(0, 300));
        var threshold = new Vigil.Thresholds.PercentileThresholder(99);
        threshold.Fit(train);
        var alarms = threshold.Apply(detector.ScoreSamples(series));
        Assert.Contains(alarms.Indices(), i => i >= 350 && i < 350 + 16);
    }

    [Fact]
    public void StateRoundTripScoresIdentically()
    {
        using var detector = new LstmAutoencoderDetector(Small with { Epochs = 1, LayerNorm = true, Layers = 2, Dropout = 0.1 });
        detector.Fit(Sine);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            detector.WriteState(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        using var restored = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options, reader, 1);
        Assert.True(restored.IsFitted);
        Assert.Equal(detector.ScoreSamples(Sine).Scores.ToArray(), restored.ScoreSamples(Sine).Scores.ToArray());
    }

    private sealed class SynchronousProgress(Action<TrainingEpoch> report) : IProgress<TrainingEpoch>
    {
        public void Report(TrainingEpoch value) => report(value);
    }
}
