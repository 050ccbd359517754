namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>
/// Logs runs to an MLflow server. The run is created at once (so it shows as RUNNING); parameters, metrics and tags are
/// buffered and sent in log-batch requests when the run ends (logging stays cheap inside training loops, and a run costs
/// a handful of requests); artifacts are uploaded as they are logged.
/// </summary>
/// <param name="client">The server.</param>
/// <param name="time">Stamps starts, ends and metrics.</param>
public sealed class MlflowTracker(MlflowClient client, TimeProvider time) : IExperimentTracker
{
    /// <summary>The server's URI without credentials.</summary>
    public string Label => client.Label;

    /// <inheritdoc />
    public async ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        string experimentId = await client.GetOrCreateExperimentAsync(experiment, ct).ConfigureAwait(false);
        var info = await client.CreateRunAsync(experimentId, time.GetUtcNow(), tags ?? new Dictionary<string, string>(), ct).ConfigureAwait(false);
        return new Run(client, time, info);
    }

    private sealed class Run(MlflowClient client, TimeProvider time, MlflowRunInfo info) : IRun
    {
        private readonly Lock _lock = new();
        private readonly List<MetricPoint> _metrics = [];
        private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
        private bool _completed;
        private bool _disposed;

        public string Id => info.RunId;

        public void LogParameters(IReadOnlyDictionary<string, string> parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            lock (_lock)
            {
                foreach (var (key, value) in parameters)
                {
                    _parameters[key] = value;
                }
            }
        }

        public void LogMetric(string name, double value, long step = 0)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            var point = new MetricPoint(name, value, step, time.GetUtcNow());
            lock (_lock)
            {
                _metrics.Add(point);
            }
        }

        public void SetTag(string key, string value)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            lock (_lock)
            {
                _tags[key] = value;
            }
        }

        public async ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            await client.UploadArtifactAsync(info, relativePath, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
        }

        public void Complete() => _completed = true;

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            MetricPoint[] metrics;
            KeyValuePair<string, string>[] parameters, tags;
            lock (_lock)
            {
                metrics = [.. _metrics];
                parameters = [.. _parameters];
                tags = [.. _tags];
            }

            var status = _completed ? RunStatus.Finished : RunStatus.Failed;
            try
            {
                await client.LogBatchAsync(info.RunId, metrics, parameters, tags).ConfigureAwait(false);
            }
            catch
            {
                // The run cannot be complete on the server: end it as failed there if the server still answers.
                status = RunStatus.Failed;
                await TryEndAsync(status).ConfigureAwait(false);
                throw;
            }

            await client.UpdateRunAsync(info.RunId, status, time.GetUtcNow()).ConfigureAwait(false);
        }

        private async Task TryEndAsync(RunStatus status)
        {
            try
            {
                await client.UpdateRunAsync(info.RunId, status, time.GetUtcNow()).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Best effort: the error that matters is the one being rethrown.
            }
        }
    }
}
