using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

/// <summary>
/// The plan's sweep tunes dropout 0.1 against 0.2; with one LSTM layer the only dropout is the one on the code, so
/// this checks that the option reaches training at all: same seed and data, different dropout, different model.
/// </summary>
public sealed class LstmAutoencoderDropoutTests
{
    private static readonly TimeSeries Sine = SyntheticSeries.SineWithNoise(300);

    [Fact]
    public void TwoDropoutValuesTrainDifferentModelsFromTheSameSeed()
    {
        var options = LstmAutoencoderConformance.Tiny with { HiddenUnits = 8, Window = 16, Epochs = 2, BatchSize = 32, Layers = 1 };
        using var low = new LstmAutoencoderDetector(options with { Dropout = 0.1 });
        using var high = new LstmAutoencoderDetector(options with { Dropout = 0.2 });
        using var again = new LstmAutoencoderDetector(options with { Dropout = 0.1 });
        low.Fit(Sine);
        high.Fit(Sine);
        again.Fit(Sine);

        // Same dropout, same seed: the same losses (so a difference below is the dropout's, not noise).
        Assert.Equal(low.History.Select(e => e.TrainingLoss), again.History.Select(e => e.TrainingLoss));
        Assert.NotEqual(low.History.Select(e => e.TrainingLoss), high.History.Select(e => e.TrainingLoss));
        Assert.NotEqual(low.ScoreSamples(Sine).Scores.ToArray(), high.ScoreSamples(Sine).Scores.ToArray());
    }
}
