using System.Globalization;
using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Detectors.Torch;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Detectors;
using Vigil.Orleans.Training;
using Vigil.Persistence;
using Vigil.Testing;
using Vigil.Training;
using Xunit.Abstractions;

namespace Vigil.Orleans.Tests.Training;

/// <summary>
/// Distributed training on in-process clusters of 1, 2 and 3 silos: the isolation forest fitted shard by shard
/// equals the local forest exactly; the LSTM autoencoder trained by synchronous data-parallel SGD equals the same
/// replica count trained in one process bit for bit, and single-process training within the documented tolerance;
/// a training that loses a silo mid-way restarts from its checkpoint and ends with the same weights.
/// </summary>
[Collection(nameof(DistributedTrainingTests))]
public sealed class DistributedTrainingTests(ITestOutputHelper output)
{
    /// <summary>Max |Δw| against single-process training: the tolerance documented in docs/distributed-training.md.</summary>
    private const double WeightTolerance = 1e-5;

    private static readonly TimeSeries Series = SyntheticSeries.SineWithNoise(120, seed: 3);

    private static readonly LstmAutoencoderOptions Lstm = new()
    {
        HiddenUnits = 6,
        Window = 8,
        BatchSize = 16,
        Epochs = 2,
        MinSteps = 0,            // exactly 2 epochs of 8 batches of 16: the step counts below
        MinBatchesPerEpoch = 0,
        LearningRate = 1e-2,
        Seed = 5,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ForestAndLstmTrainedAcrossSilosMatchLocalTraining(int silos)
    {
        var cluster = await TrainingCluster.StartAsync(silos);
        try
        {
            // Isolation forest: one shard per silo, plus an uneven cut into more shards than silos.
            var spike = SyntheticSeries.Spike(600, at: 450, height: 6.0);
            var options = new IsolationForestOptions { Seed = 17 + silos, Window = 10, Trees = 40, SampleSize = 128, Contamination = 0.02 };
            var local = new IsolationForestDetector(options);
            local.Fit(spike);
            foreach (int shards in new[] { silos, 2 * silos + 1 })
            {
                var fit = await new DistributedIsolationForest(cluster.Client).FitAsync(options, spike, shards);
                Assert.Equal(State(local), State(fit.Detector));
                Assert.Equal(Bits(local.ScoreSamples(spike)), Bits(fit.Detector.ScoreSamples(spike)));
                Assert.Equal(Math.Min(shards, silos), fit.Shards.Select(s => s.Silo).Distinct().Count());
            }

            // LSTM autoencoder: one replica per silo.
            string json = OptionsBinder.ToJson(Lstm);
            var distributed = await new DistributedDataParallelTraining(cluster.Client).TrainAsync("lstm-autoencoder", json, Series.Values.ToArray(), replicas: silos, new DataParallelTrainingSettings { CheckpointEvery = 5 });
            var sameReplicasLocally = LocalDataParallelTraining.Train(new TorchDataParallelTrainers(), "lstm-autoencoder", json, Series.Values, silos);
            var singleProcess = LocalDataParallelTraining.Train(new TorchDataParallelTrainers(), "lstm-autoencoder", json, Series.Values, 1);
            Assert.Equal(16, distributed.Steps);
            Assert.Equal(0, distributed.Restarts);
            Assert.Equal(sameReplicasLocally.Parameters, distributed.Parameters);
            Assert.Equal(sameReplicasLocally.Model, distributed.Model);
            double worst = singleProcess.Parameters.Zip(distributed.Parameters, (a, b) => Math.Abs((double)a - b)).Max();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{silos} silos: max |Δw| against single-process {worst:G3}; communication share {distributed.CommunicationShare:P0}"));
            Assert.True(worst <= WeightTolerance, $"max |Δw| {worst}");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ATrainingThatLosesASiloRestartsFromItsCheckpointWithTheSameResult()
    {
        var cluster = await TrainingCluster.StartAsync(3);
        try
        {
            string json = OptionsBinder.ToJson(Lstm);
            var victim = cluster.Silos[^1];
            bool killed = false;
            var settings = new DataParallelTrainingSettings
            {
                CheckpointEvery = 4,
                RestartDelay = TimeSpan.FromSeconds(2),
                AfterStep = async (done, _) =>
                {
                    if (done == 6 && !killed)
                    {
                        killed = true;
                        await cluster.KillSiloAsync(victim);
                    }
                },
            };
            var result = await new DistributedDataParallelTraining(cluster.Client).TrainAsync("lstm-autoencoder", json, Series.Values.ToArray(), replicas: 3, settings);
            var uninterrupted = LocalDataParallelTraining.Train(new TorchDataParallelTrainers(), "lstm-autoencoder", json, Series.Values, 3);
            output.WriteLine($"restarts {result.Restarts}");
            Assert.True(killed);
            Assert.InRange(result.Restarts, 1, 5);
            Assert.Equal(uninterrupted.Parameters, result.Parameters);
            Assert.Equal(uninterrupted.Model, result.Model);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task AModelTrainedAcrossTwoSilosIsTheLocalTrainingsModel()
    {
        var cluster = await TrainingCluster.StartAsync(2);
        try
        {
            var fit = new DistributedModelFit(cluster.Client);
            Assert.Equal(2, await fit.ActiveSilosAsync());

            // Isolation forest: the saved state, the training scores and the threshold are the local ones exactly.
            var spike = SyntheticSeries.Spike(600, at: 450, height: 6.0);
            var forest = new IsolationForestOptions { Seed = 23, Window = 10, Trees = 40, SampleSize = 128 };
            var local = ModelTrainer.Train(new IsolationForestDetector(forest), spike, "spike", 0, TimeProvider.System);
            var distributed = fit.Train(new IsolationForestDetector(forest), spike, "spike", TimeProvider.System, workers: 2);
            Assert.Equal(State((IsolationForestDetector)local.Detector), State((IsolationForestDetector)distributed.Detector));
            Assert.Equal(local.TrainingScores.Select(BitConverter.DoubleToInt64Bits), distributed.TrainingScores.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(local.Details.ThresholdValue, distributed.Details.ThresholdValue);
            Assert.Equal(2, distributed.Details.Metrics["distributed.workers"]);
            Assert.Equal(2, distributed.Details.Metrics["distributed.silos"]);
            Assert.Equal(local.Details.Metrics["trainScoreP99"], distributed.Details.Metrics["trainScoreP99"]);

            // LSTM autoencoder: two data-parallel replicas, training scores within the weight tolerance's reach.
            using var lstmDetector = new LstmAutoencoderDetector(Lstm);
            var lstmLocal = ModelTrainer.Train(lstmDetector, Series, "sine", 0, TimeProvider.System);
            using var lstmFresh = new LstmAutoencoderDetector(Lstm);
            var lstmDistributed = fit.Train(lstmFresh, Series, "sine", TimeProvider.System, workers: 2);
            using var trained = (LstmAutoencoderDetector)lstmDistributed.Detector;
            Assert.NotSame(lstmFresh, trained);
            double worst = lstmLocal.TrainingScores.Zip(lstmDistributed.TrainingScores, (a, b) => Math.Abs(a - b) / Math.Max(1e-6, Math.Abs(a))).Max();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm on 2 silos: largest relative training-score difference {worst:G3}"));
            Assert.True(worst <= 1e-4, $"largest relative training-score difference {worst}");
            Assert.Equal(2, lstmDistributed.Details.Metrics["distributed.workers"]);
            Assert.InRange(lstmDistributed.Details.Metrics["distributed.communicationShare"], 0, 1);

            // Refusals: dropout (masks would depend on the sharding), and a detector without a distributed trainer.
            using var dropout = new LstmAutoencoderDetector(Lstm with { Dropout = 0.2 });
            var refused = Assert.Throws<NotSupportedException>(() => fit.Train(dropout, Series, "sine", TimeProvider.System, workers: 2));
            Assert.Contains("dropout 0", refused.Message, StringComparison.Ordinal);
            var gaussian = new DetectorRegistry().AddBuiltInDetectors().Create("windowed-gaussian", (System.Text.Json.JsonElement?)null);
            Assert.False(DistributedModelFit.Supports("windowed-gaussian"));
            var none = Assert.Throws<NotSupportedException>(() => fit.Train(gaussian, Series, "sine", TimeProvider.System, workers: 2));
            Assert.Contains("windowed-gaussian has no distributed trainer", none.Message, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASiloWithoutTheTrainerRefusesWithAClearMessage()
    {
        var cluster = await TrainingCluster.StartAsync(1);
        try
        {
            var replica = cluster.Client.GetGrain<IDataParallelReplicaGrain>(0, "refused");
            var error = await Assert.ThrowsAsync<NotSupportedException>(() => replica.StartAsync(new DataParallelStartDto("isolation-forest", "{}", [1, 2, 3], 0, 1, null)));
            Assert.Contains("cannot train isolation-forest", error.Message, StringComparison.Ordinal);
            var stale = await Assert.ThrowsAsync<InvalidOperationException>(() => replica.StepAsync(0, null));
            Assert.Contains("no training", stale.Message, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static byte[] State(IsolationForestDetector detector)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            detector.WriteState(writer);
        }

        return stream.ToArray();
    }

    private static long[] Bits(ScoreSeries scores) => scores.Scores.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
}
