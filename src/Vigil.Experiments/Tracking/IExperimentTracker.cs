namespace Vigil.Experiments.Tracking;

/// <summary>Starts tracked runs: parameters, metrics and artifacts of one training, tuning or benchmark job.</summary>
/// <remarks>
/// Implementations: <c>SqliteTracker</c> (the embedded default, in Vigil.Storage.Sqlite), <see cref="Mlflow.MlflowTracker"/>
/// (an MLflow server), <see cref="InMemoryTracker"/> (tests), <see cref="CompositeTracker"/> (one run fanned out to several)
/// and <see cref="LocalFirstTracker"/> (a local store mirrored to a remote one). Implementations are thread safe.
/// </remarks>
public interface IExperimentTracker
{
    /// <summary>Starts a run in <paramref name="experiment"/>, creating the experiment when it does not exist.</summary>
    /// <param name="experiment">Experiment name, e.g. <c>noisy_synthetic</c>.</param>
    /// <param name="tags">Tags of the run; <see cref="RunTags.ParentRunId"/> names a parent run.</param>
    /// <param name="ct">Cancels the start.</param>
    ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default);
}
