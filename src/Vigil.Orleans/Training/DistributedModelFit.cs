using System.Globalization;
using Orleans.Runtime;
using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Persistence;

namespace Vigil.Orleans.Training;

/// <summary>
/// Fits a batch detector across the cluster's silos for <c>vigil model train --executor orleans</c>: the isolation
/// forest shard by shard (<see cref="DistributedIsolationForest"/>; exactly the single-process forest for its seed),
/// the LSTM autoencoder by synchronous data-parallel SGD (<see cref="DistributedDataParallelTraining"/>; within the
/// documented tolerance of single-process training). One shard or replica per active silo.
/// </summary>
/// <param name="grains">A connected client's grain factory.</param>
public sealed class DistributedModelFit(IGrainFactory grains)
{
    private const string Forest = "isolation-forest";
    private const string Lstm = "lstm-autoencoder";

    /// <summary>The detectors that have a distributed trainer.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Forest, Lstm];

    /// <summary>Whether <paramref name="detector"/> (a registry name) trains across silos.</summary>
    public static bool Supports(string detector) => Supported.Contains(detector, StringComparer.Ordinal);

    /// <summary>The active silos (the number of shards or replicas a fit uses).</summary>
    public async Task<int> ActiveSilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
        return Math.Max(1, hosts.Count(h => h.Value == SiloStatus.Active));
    }

    /// <summary>Fits <paramref name="detector"/>'s model on <paramref name="train"/> across <paramref name="workers"/> shards or replicas.</summary>
    /// <param name="detector">A fresh detector of a <see cref="Supported"/> kind; its options (seed included) decide the model.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="workers">Shards (forest) or replicas (LSTM); typically <see cref="ActiveSilosAsync"/>.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <returns>The fitted detector (a new instance) and the metrics that record how it was trained.</returns>
    /// <exception cref="NotSupportedException">The detector has no distributed trainer, or an option cannot be trained data-parallel (e.g. dropout).</exception>
    public async Task<DistributedModelFitResult> FitAsync(IBatchDetector detector, TimeSeries train, int workers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        string name = detector.Descriptor.Name;
        if (detector.Options is IsolationForestOptions forest && name == Forest)
        {
            var fit = await new DistributedIsolationForest(grains).FitAsync(forest, train, Math.Min(workers, Math.Max(1, forest.Trees)), ct).ConfigureAwait(false);
            return new DistributedModelFitResult(fit.Detector, Metrics(fit.Shards.Count, fit.Shards.Select(s => s.Silo).Distinct().Count(), fit.Wall, fit.Resubmitted));
        }

        if (name == Lstm)
        {
            var result = await new DistributedDataParallelTraining(grains).TrainAsync(name, OptionsBinder.ToJson(detector.Options), train.Values.ToArray(), workers, ct: ct).ConfigureAwait(false);
            // The replicas return the trained detector's persisted state; its descriptor restores it.
            var restore = detector.Descriptor.Restore ?? throw new InvalidOperationException($"{name} cannot be restored from its persisted state.");
            using var reader = new BinaryReader(new MemoryStream(result.Model, writable: false));
            var fitted = (IBatchDetector)restore(detector.Options, reader, detector.Descriptor.StateVersion);
            var metrics = Metrics(result.Replicas, null, result.Wall, result.Restarts);
            metrics["distributed.communicationShare"] = result.CommunicationShare;
            metrics["loss"] = result.FinalLoss;
            return new DistributedModelFitResult(fitted, metrics);
        }

        throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
            $"{name} has no distributed trainer; these do: {string.Join(", ", Supported)}. Train it with --executor local."));
    }

    /// <summary>
    /// <see cref="ModelTrainer.Train"/> with the fit done across the cluster: the same scoring, threshold and manifest
    /// as a local training, plus <c>distributed.*</c> metrics that record how the model was trained.
    /// </summary>
    /// <param name="detector">A fresh detector of a <see cref="Supported"/> kind.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="source">Where they came from, for the manifest.</param>
    /// <param name="clock">Stamps the manifest.</param>
    /// <param name="workers">Shards or replicas, at least 1.</param>
    /// <param name="metric">Receives each metric as it is measured; may be null.</param>
    /// <param name="ct">Cancels training.</param>
    /// <exception cref="NotSupportedException">The detector has no distributed trainer, or an option cannot be trained data-parallel.</exception>
    public TrainedModel Train(IAnomalyDetector detector, TimeSeries train, string source, TimeProvider clock, int workers, Action<string, double, long>? metric = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (detector is not IBatchDetector || !Supports(detector.Descriptor.Name))
        {
            throw new NotSupportedException($"{detector.Descriptor.Name} has no distributed trainer; these do: {string.Join(", ", Supported)}. Train it with --executor local.");
        }

        DistributedModelFitResult? outcome = null;
        var trained = ModelTrainer.Train(detector, train, source, 0, clock, metric, ct: ct, fit: (batch, rows, token) =>
        {
            outcome = FitAsync(batch, rows, workers, token).GetAwaiter().GetResult();
            return outcome.Detector;
        });
        var metrics = new SortedDictionary<string, double>(trained.Details.Metrics.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in outcome!.Metrics)
        {
            metrics[name] = value;
            metric?.Invoke(name, value, 0);
        }

        return trained with { Details = trained.Details with { Metrics = metrics } };
    }

    private static SortedDictionary<string, double> Metrics(int workers, int? silos, TimeSpan wall, int resubmitted)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["distributed.workers"] = workers,
            ["distributed.fitSeconds"] = wall.TotalSeconds,
            ["distributed.resubmitted"] = resubmitted,
        };
        if (silos is { } s)
        {
            metrics["distributed.silos"] = s;
        }

        return metrics;
    }
}
