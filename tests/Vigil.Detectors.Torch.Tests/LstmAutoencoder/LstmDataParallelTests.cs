using System.Globalization;
using Vigil.Detection;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Testing;
using Vigil.Training;
using Xunit.Abstractions;

namespace Vigil.Detectors.Torch.Tests.LstmAutoencoder;

/// <summary>
/// Synchronous data-parallel SGD (Horovod's pattern) for the LSTM autoencoder, with every replica in this process:
/// replicas stay bitwise equal, one replica is single-process training exactly, and 2 or 3 replicas match it
/// within the documented tolerance.
/// </summary>
public sealed class LstmDataParallelTests(ITestOutputHelper output)
{
    /// <summary>
    /// The documented tolerance on trained weights: max |Δw| against single-process training after 16 Adam steps of
    /// a tiny network. Sharding changes only the float32 summation order inside each backward pass (≈1e-7 relative);
    /// Adam's step is ≈ lr·sign(g) where |g| is tiny, so a weight can move by a few ulps of lr per step.
    /// </summary>
    public const double WeightTolerance = 1e-5;

    private static readonly TimeSeries Series = SyntheticSeries.SineWithNoise(120, seed: 3);

    // 113 windows in batches of 16: 8 batches per epoch, the last of one window (two of three replicas idle on it).
    private static readonly LstmAutoencoderOptions Options = new()
    {
        HiddenUnits = 6,
        Window = 8,
        BatchSize = 16,
        Epochs = 2,
        MinSteps = 0,
        MinBatchesPerEpoch = 0,
        LearningRate = 1e-2,
        Seed = 5,
    };

    private static string Json => OptionsBinder.ToJson(Options);

    [Fact]
    public void OneReplicaIsSingleProcessTrainingBitForBit()
    {
        var result = LocalDataParallelTraining.Train(new TorchDataParallelTrainers(), "lstm-autoencoder", Json, Series.Values, replicas: 1);
        Assert.Equal(16, result.Steps);
        Assert.Equal(SingleProcessWeights(), result.Parameters);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SeveralReplicasMatchSingleProcessTrainingWithinTolerance(int replicas)
    {
        var result = LocalDataParallelTraining.Train(new TorchDataParallelTrainers(), "lstm-autoencoder", Json, Series.Values, replicas);
        var expected = SingleProcessWeights();
        double worst = expected.Zip(result.Parameters, (a, b) => Math.Abs((double)a - b)).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{replicas} replicas: max |Δw| {worst:G3} over {expected.Length} weights"));
        Assert.True(worst <= WeightTolerance, $"max |Δw| {worst}");

        // The exported model scores as a single-process model does, to the same tolerance's effect.
        using var local = new LstmAutoencoderDetector(Options);
        local.Fit(Series);
        using var restored = Restore(result.Model);
        var a = local.ScoreSamples(Series).Scores.ToArray();
        var b = restored.ScoreSamples(Series).Scores.ToArray();
        Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() <= 1e-3 * a.Max());
    }

    [Fact]
    public void TheAdaptedScheduleOfShortSeriesIsTheSameInBothTrainings()
    {
        // 113 windows, batch at most 256 but at least 8 batches per epoch: batches of 15; 24 steps at least: 3 epochs.
        var adapted = Options with { BatchSize = 256, MinBatchesPerEpoch = 8, MinSteps = 24 };
        var result = LocalDataParallelTraining.Train(new TorchDataParallelTrainers(), "lstm-autoencoder", OptionsBinder.ToJson(adapted), Series.Values, replicas: 1);
        Assert.Equal(24, result.Steps);
        using var detector = new LstmAutoencoderDetector(adapted);
        detector.Fit(Series);
        Assert.Equal(3, detector.History.Count);
        Assert.Equal(detector.Network.parameters().SelectMany(p => p.detach().contiguous().data<float>().ToArray()).ToArray(), result.Parameters);
    }

    [Fact]
    public void ACheckpointResumesTheSameTrainingExactly()
    {
        var factory = new TorchDataParallelTrainers();
        var uninterrupted = LocalDataParallelTraining.Train(factory, "lstm-autoencoder", Json, Series.Values, replicas: 2);

        // Two replicas take 11 steps (into the second epoch), one saves a checkpoint, both are dropped; two new
        // replicas resume from it.
        byte[] checkpoint;
        var first = Replicas(factory, 2, null);
        try
        {
            for (int step = 0; step < 11; step++)
            {
                Step(first);
            }

            checkpoint = first[1].SaveCheckpoint();
        }
        finally
        {
            first.ForEach(r => r.Dispose());
        }

        var resumed = Replicas(factory, 2, checkpoint);
        try
        {
            Assert.All(resumed, r => Assert.Equal(11, r.NextStep));
            while (resumed[0].NextStep < resumed[0].TotalSteps)
            {
                Step(resumed);
            }

            Assert.Equal(uninterrupted.Parameters, resumed[0].Parameters());
            Assert.Equal(uninterrupted.Model, resumed[0].SaveModel());
        }
        finally
        {
            resumed.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public void DropoutEarlyStoppingOtherDetectorsAndForeignCheckpointsAreRefused()
    {
        var factory = new TorchDataParallelTrainers();
        var values = Series.Values;
        Assert.Throws<NotSupportedException>(() => factory.CreateReplica(new("lstm-autoencoder", OptionsBinder.ToJson(Options with { Dropout = 0.1 }), values, 0, 2)));
        Assert.Throws<NotSupportedException>(() => factory.CreateReplica(new("lstm-autoencoder", OptionsBinder.ToJson(Options with { EarlyStopping = 2 }), values, 0, 2)));
        Assert.Throws<NotSupportedException>(() => factory.CreateReplica(new("isolation-forest", "{}", values, 0, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => factory.CreateReplica(new("lstm-autoencoder", Json, values, 2, 2)));
        Assert.Throws<InvalidDataException>(() => factory.CreateReplica(new("lstm-autoencoder", Json, values, 0, 1), [1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.False(factory.CanTrain("isolation-forest"));
    }

    [Theory]
    [InlineData(16, 3, 0, 0, 6)]
    [InlineData(16, 3, 1, 6, 5)]
    [InlineData(16, 3, 2, 11, 5)]
    [InlineData(1, 3, 2, 1, 0)]
    [InlineData(7, 1, 0, 0, 7)]
    public void ShardsTileTheBatchContiguously(int batch, int replicas, int rank, int offset, int count)
        => Assert.Equal((offset, count), DataParallelPlan.ShardOf(batch, rank, replicas));

    private static float[] SingleProcessWeights()
    {
        using var detector = new LstmAutoencoderDetector(Options);
        detector.Fit(Series);
        return detector.Network.parameters().SelectMany(p => p.detach().contiguous().data<float>().ToArray()).ToArray();
    }

    private static List<IDataParallelReplica> Replicas(TorchDataParallelTrainers factory, int count, byte[]? checkpoint)
        => Enumerable.Range(0, count).Select(rank => factory.CreateReplica(new("lstm-autoencoder", Json, Series.Values, rank, count), checkpoint)).ToList();

    private static void Step(List<IDataParallelReplica> replicas)
    {
        var (mean, _) = GradientAllReduce.Mean(replicas.Select(r => r.ComputeGradient()).ToList());
        replicas.ForEach(r => r.ApplyMeanGradient(mean));
    }

    private static LstmAutoencoderDetector Restore(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        return (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(Options, reader, LstmAutoencoderDetector.Descriptor.StateVersion);
    }
}
