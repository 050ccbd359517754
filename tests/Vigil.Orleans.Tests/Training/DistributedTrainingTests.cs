using System.Globalization;
using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Detectors.Torch;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Orleans.Training;
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
