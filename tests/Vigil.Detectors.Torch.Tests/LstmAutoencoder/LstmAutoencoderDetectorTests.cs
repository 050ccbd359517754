using TorchSharp;
using Vigil.Detection;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

public sealed class LstmAutoencoderDetectorTests(ITestOutputHelper output)
{
    private static readonly TimeSeries Sine = SyntheticSeries.SineWithNoise(300);

    // Exactly the epochs asked for (no minimum of steps), so the tests below can count them.
    private static LstmAutoencoderOptions Small => LstmAutoencoderConformance.Tiny with { HiddenUnits = 8, Window = 16, Epochs = 3, BatchSize = 32, MinSteps = 0 };

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
    public void TheDefaultConfigurationTrainsOnAProbationLengthSeries()
    {
        // NAB's probation of a 2,500-row file: 375 rows, 312 windows of 64. The old defaults (batch 256, 5 epochs)
        // took 10 optimiser steps here and left the loss near its start; the default schedule takes at least 300.
        var probation = SyntheticSeries.SineWithNoise(375, seed: 4);
        var options = new LstmAutoencoderOptions();
        using var detector = new LstmAutoencoderDetector(options);
        detector.Fit(probation);
        var history = detector.History;
        output.WriteLine($"{history.Count} epochs; loss {history[0].TrainingLoss:F5} -> {history[^1].TrainingLoss:F5}");
        Assert.Equal(38, history.Count);   // batches of 39 (312 / 8): 8 per epoch, 38 epochs for 304 ≥ 300 steps
        Assert.True(history[^1].TrainingLoss < history[0].TrainingLoss / 5, $"loss {history[0].TrainingLoss} -> {history[^1].TrainingLoss}");
    }

    [Fact]
    public void DropoutChangesTheTrainedWeightsUnderTheDefaultSchedule()
    {
        // On NAB-length probation the old schedule trained so little that dropout 0.1 and 0.2 gave the same
        // detections; with the default minimum of steps they train to measurably different networks.
        var probation = SyntheticSeries.SineWithNoise(375, seed: 4);
        float[] Weights(double dropout)
        {
            using var detector = new LstmAutoencoderDetector(new LstmAutoencoderOptions { HiddenUnits = 16, Dropout = dropout });
            detector.Fit(probation);
            return detector.Network.parameters().SelectMany(p => p.detach().contiguous().data<float>().ToArray()).ToArray();
        }

        var low = Weights(0.1);
        var high = Weights(0.2);
        double largest = low.Zip(high, (a, b) => Math.Abs((double)a - b)).Max();
        output.WriteLine($"max |w(0.1) - w(0.2)| = {largest:G3}");
        Assert.True(largest > 1e-2, $"max weight difference {largest}");
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
        using var restored = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options, reader, LstmAutoencoderDetector.Descriptor.StateVersion);
        Assert.True(restored.IsFitted);
        Assert.Equal(detector.ScoreSamples(Sine).Scores.ToArray(), restored.ScoreSamples(Sine).Scores.ToArray());
    }

    [Fact]
    public void FineTuningTrainsTheCurrentWeightsFurtherAndRepeatsExactly()
    {
        var options = Small with { FineTuneEpochs = 2, Dropout = 0.1, LearningRate = 1e-2, RenormalizeOnFineTune = true };
        var series = SyntheticSeries.StepChange(400, at: 200);
        using var a = new LstmAutoencoderDetector(options);
        using var b = new LstmAutoencoderDetector(options);
        a.Fit(series.Slice(0, 150));
        b.Fit(series.Slice(0, 150));
        var before = a.ScoreSamples(series).Scores.ToArray();

        a.FineTune(series.Slice(150, 150));
        b.FineTune(series.Slice(150, 150));
        var after = a.ScoreSamples(series).Scores.ToArray();
        Assert.Equal(1, a.FineTuneCount);
        Assert.Equal(LstmAutoencoderDetector.Normalization(series.Slice(150, 150).Values.Span).Mean, a.NormalizationMean);
        Assert.NotEqual(before, after);
        Assert.Equal(after, b.ScoreSamples(series).Scores.ToArray());

        // Successive fine-tunes on the same rows draw different shuffles, and a new fit starts the count again.
        a.FineTune(series.Slice(150, 150));
        Assert.Equal(2, a.FineTuneCount);
        Assert.NotEqual(after, a.ScoreSamples(series).Scores.ToArray());
        a.Fit(series.Slice(0, 150));
        Assert.Equal(0, a.FineTuneCount);
        Assert.Equal(before, a.ScoreSamples(series).Scores.ToArray());
    }

    [Fact]
    public void FineTuningOnTheNewRegimeLowersItsReconstructionError()
    {
        var series = SyntheticSeries.StepChange(600, at: 200);
        var options = Small with { Epochs = 3, FineTuneEpochs = 3, LearningRate = 1e-2 };
        using var detector = new LstmAutoencoderDetector(options);
        detector.Fit(series.Slice(0, 200));
        var newRegime = series.Slice(300, 300);
        double before = detector.ScoreSamples(newRegime).Scores.ToArray().Skip(16).Average();
        detector.FineTune(series.Slice(200, 100));
        double after = detector.ScoreSamples(newRegime).Scores.ToArray().Skip(16).Average();
        output.WriteLine($"mean error on the new regime: {before:F4} before, {after:F4} after one fine-tune");
        Assert.True(after < before);
    }

    [Fact]
    public void AFineTuneReestimatesTheNormalisationOnItsRowsOnlyWhenAsked()
    {
        // After a level shift the first fit's constants would leave every error in units of the old spread.
        var series = SyntheticSeries.StepChange(600, at: 200);
        var recent = series.Slice(300, 200);
        var expected = LstmAutoencoderDetector.Normalization(recent.Values.Span);
        using var renormalizing = new LstmAutoencoderDetector(Small with { RenormalizeOnFineTune = true });
        using var keeping = new LstmAutoencoderDetector(Small);
        Assert.False(keeping.Options.RenormalizeOnFineTune);   // the default since 2026-12-06
        renormalizing.Fit(series.Slice(0, 200));
        keeping.Fit(series.Slice(0, 200));
        double firstMean = keeping.NormalizationMean, firstScale = keeping.NormalizationScale;
        renormalizing.FineTune(recent);
        keeping.FineTune(recent);
        Assert.Equal(expected.Mean, renormalizing.NormalizationMean);
        Assert.Equal(expected.Scale, renormalizing.NormalizationScale);
        Assert.NotEqual(firstMean, expected.Mean);
        Assert.Equal(firstMean, keeping.NormalizationMean);
        Assert.Equal(firstScale, keeping.NormalizationScale);

        // Fewer rows than a window hold no training window and leave the normalisation as it was.
        renormalizing.FineTune(series.Slice(500, 10));
        Assert.Equal(expected.Mean, renormalizing.NormalizationMean);
    }

    [Fact]
    public void FineTuneBeforeFitThrowsAndTooFewRowsChangeNothingButCount()
    {
        using var detector = new LstmAutoencoderDetector(Small);
        Assert.Throws<NotFittedException>(() => detector.FineTune(Sine));
        detector.Fit(Sine);
        var before = detector.ScoreSamples(Sine).Scores.ToArray();
        detector.FineTune(Sine.Slice(0, 10));
        Assert.Equal(1, detector.FineTuneCount);
        Assert.Equal(before, detector.ScoreSamples(Sine).Scores.ToArray());
    }

    [Fact]
    public void ASavedFineTunedModelContinuesFineTuningAsTheOriginalDoes()
    {
        var options = Small with { Dropout = 0.1 };
        using var detector = new LstmAutoencoderDetector(options);
        detector.Fit(Sine.Slice(0, 100));
        detector.FineTune(Sine.Slice(50, 100));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            detector.WriteState(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        using var restored = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(options, reader, LstmAutoencoderDetector.Descriptor.StateVersion);
        Assert.Equal(1, restored.FineTuneCount);
        detector.FineTune(Sine.Slice(150, 100));
        restored.FineTune(Sine.Slice(150, 100));
        Assert.Equal(detector.ScoreSamples(Sine).Scores.ToArray(), restored.ScoreSamples(Sine).Scores.ToArray());
    }

    [Fact]
    public void AVersionOneStateStillLoads()
    {
        // States before version 3 scored whole windows (scoredPoints 0) and states before version 5 hid no point
        // (maskedPoints 0), whatever the options now default to.
        using var detector = new LstmAutoencoderDetector(Small with { ScoredPoints = 0, MaskedPoints = 0 });
        detector.Fit(Sine);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            // Version 1 lacked the fine-tune count between the normalisation and the weights.
            detector.WriteState(writer);
        }

        byte[] v2 = stream.ToArray();
        const int countOffset = 4 + 1 + 8 + 8;
        byte[] v1 = [.. v2[..countOffset], .. v2[(countOffset + 4)..]];
        using var reader = new BinaryReader(new MemoryStream(v1));
        using var restored = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options with { ScoredPoints = 1 }, reader, 1);
        Assert.Equal(0, restored.FineTuneCount);
        Assert.Equal(0, restored.Options.ScoredPoints);
        Assert.Equal(detector.ScoreSamples(Sine).Scores.ToArray(), restored.ScoreSamples(Sine).Scores.ToArray());
        using var current = new BinaryReader(new MemoryStream(v2));
        using var restoredCurrent = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options with { ScoredPoints = 1 }, current, 3);
        Assert.Equal(1, restoredCurrent.Options.ScoredPoints);
        Assert.False(restoredCurrent.Options.RenormalizeOnFineTune);   // version 3 predates renormalising fine-tunes
        using var four = new BinaryReader(new MemoryStream(v2));
        using var restoredFour = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options with { RenormalizeOnFineTune = true }, four, 4);
        Assert.True(restoredFour.Options.RenormalizeOnFineTune);
        using var fourMasked = new BinaryReader(new MemoryStream(v2));
        using var restoredFourMasked = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options with { MaskedPoints = 1 }, fourMasked, 4);
        Assert.Equal(0, restoredFourMasked.Options.MaskedPoints);   // version 4 predates maskedPoints
        using var five = new BinaryReader(new MemoryStream(v2));
        using var restoredFive = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(detector.Options with { MaskedPoints = 1 }, five, 5);
        Assert.Equal(1, restoredFive.Options.MaskedPoints);
        using var newer = new BinaryReader(new MemoryStream(v2));
        Assert.Throws<InvalidDataException>(() => LstmAutoencoderDetector.Descriptor.Restore!(detector.Options, newer, 6));
    }

    [Fact]
    public void ScoringEveryPointOfTheWindowIsTheWholeWindowScore()
    {
        using var whole = new LstmAutoencoderDetector(Small with { ScoredPoints = 0 });
        using var all = new LstmAutoencoderDetector(Small with { ScoredPoints = Small.Window });
        whole.Fit(Sine);
        all.Fit(Sine);
        Assert.Equal(whole.ScoreSamples(Sine).Scores.ToArray(), all.ScoreSamples(Sine).Scores.ToArray());
    }

    [Fact]
    public void TheNewestPointScoreOfASpikeIsAboveItsWholeWindowScoreAndFallsWhenTheSpikeIsNoLongerNewest()
    {
        var series = SyntheticSeries.Spike(400, at: 300);
        var options = Small with { Epochs = 20, LearningRate = 1e-2, ScoredPoints = 0 };
        using var whole = new LstmAutoencoderDetector(options);
        using var newest = new LstmAutoencoderDetector(options with { ScoredPoints = 1 });
        whole.Fit(series.Slice(0, 250));
        newest.Fit(series.Slice(0, 250));
        var w = whole.ScoreSamples(series).Scores.ToArray();
        var n = newest.ScoreSamples(series).Scores.ToArray();
        output.WriteLine($"at the spike: newest {n[300]:G6}, whole {w[300]:G6}; 5 rows later: newest {n[305]:G6}, whole {w[305]:G6}");

        // The spike's error is one point of sixteen in the whole-window mean, all of the newest-point score.
        Assert.True(n[300] > 4 * w[300], $"newest {n[300]} against whole {w[300]}");

        // Once the spike is inside the window but no longer its newest point, the newest-point score drops.
        Assert.True(n[305] < n[300] / 4, $"newest 5 rows after the spike {n[305]} against {n[300]} at it");
    }

    [Fact]
    public void AMaskedNewestPointCannotReachItsOwnReconstruction()
    {
        // With the newest point hidden from the encoder, two windows that differ only there get the same
        // reconstruction; without the mask the encoder sees the difference and the reconstructions differ.
        var values = SyntheticSeries.SineWithNoise(Small.Window, seed: 7).Values.ToArray().Select(v => (float)v).ToArray();
        float[] changed = [.. values[..^1], values[^1] + 5f];
        using var masked = new LstmAutoencoderDetector(Small with { MaskedPoints = 1 });
        using var plain = new LstmAutoencoderDetector(Small with { MaskedPoints = 0 });
        masked.Fit(Sine);
        plain.Fit(Sine);
        using var batch = torch.tensor([.. values, .. changed], [2, Small.Window, 1]);
        float[] Reconstruct(LstmAutoencoderDetector d)
        {
            d.Network.eval();
            using var noGrad = torch.no_grad();
            return d.Network.forward(batch).contiguous().data<float>().ToArray();
        }

        var m = Reconstruct(masked);
        var p = Reconstruct(plain);
        Assert.Equal(m[..Small.Window], m[Small.Window..]);
        Assert.NotEqual(p[..Small.Window], p[Small.Window..]);
    }

    [Fact]
    public void MaskingTheWholeWindowIsRejected()
    {
        var error = Assert.Throws<Vigil.Validation.OptionsValidationException>(() => new LstmAutoencoderDetector(Small with { MaskedPoints = Small.Window }));
        Assert.Contains(error.Errors, e => e.Key == "maskedPoints");
    }

    [Fact]
    public void MoreScoredPointsThanTheWindowAreRejected()
    {
        var error = Assert.Throws<Vigil.Validation.OptionsValidationException>(() => new LstmAutoencoderDetector(Small with { ScoredPoints = Small.Window + 1 }));
        Assert.Contains(error.Errors, e => e.Key == "scoredPoints");
    }

    [Fact]
    public void AFineTuneWindowShorterThanTheModelWindowIsRejected()
    {
        var error = Assert.Throws<Vigil.Validation.OptionsValidationException>(() => new LstmAutoencoderDetector(Small with { FineTuneWindow = 10 }));
        Assert.Contains(error.Errors, e => e.Key == "fineTuneWindow");
        using var everyRow = new LstmAutoencoderDetector(Small with { FineTuneWindow = 0 });
    }

    [Fact]
    public void HarnessesSeeTheFineTuneSettingsAsTheRefitPolicy()
    {
        IRefitOptions refits = Small with { FineTuneEvery = 500, FineTuneWindow = 2000 };
        Assert.Equal(500, refits.RefitEvery);
        Assert.Equal(2000, refits.TrainWindow);
        var keys = Vigil.Validation.OptionProperty.Of(typeof(LstmAutoencoderOptions)).Select(p => p.Key).ToArray();
        Assert.Contains("fineTuneEvery", keys);
        Assert.Contains("fineTuneWindow", keys);
        Assert.Contains("fineTuneEpochs", keys);
        Assert.DoesNotContain("refitEvery", keys);
    }

    private sealed class SynchronousProgress(Action<TrainingEpoch> report) : IProgress<TrainingEpoch>
    {
        public void Report(TrainingEpoch value) => report(value);
    }
}
