namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>
/// Uploads a stored run to an MLflow server as a new run with the original start and end times, parameters, metrics
/// (with their steps and timestamps), tags and artifacts: what <c>vigil runs push --to URI</c> does for runs kept
/// locally while the server was unreachable (MLflow itself cannot import runs).
/// </summary>
/// <param name="client">The server.</param>
public sealed class MlflowRunUploader(MlflowClient client)
{
    /// <summary>Uploads <paramref name="run"/>; returns its id on the server.</summary>
    /// <param name="run">The stored run.</param>
    /// <param name="openArtifact">Opens one of the run's artifacts by relative path.</param>
    /// <param name="ct">Cancels the upload (the server keeps what it received, as a run still RUNNING).</param>
    public async Task<string> UploadAsync(TrackedRun run, Func<string, Stream> openArtifact, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(openArtifact);
        string experimentId = await client.GetOrCreateExperimentAsync(run.Experiment, ct).ConfigureAwait(false);
        // The parent's local id means nothing to the server; the local id of this run is kept as a tag instead.
        var tags = run.Tags.Where(t => t.Key != RunTags.ParentRunId)
            .Append(new KeyValuePair<string, string>(LocalFirstTracker.LocalRunIdTag, run.Id))
            .ToArray();
        var info = await client.CreateRunAsync(experimentId, run.StartTime, tags, ct).ConfigureAwait(false);
        await client.LogBatchAsync(info.RunId, run.Metrics, run.Parameters, [], ct).ConfigureAwait(false);
        foreach (string path in run.Artifacts)
        {
            using var source = openArtifact(path);
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, ct).ConfigureAwait(false);
            await client.UploadArtifactAsync(info, path, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
        }

        await client.UpdateRunAsync(info.RunId, run.Status, run.EndTime, ct).ConfigureAwait(false);
        return info.RunId;
    }
}
