namespace Vigil.Experiments.Tracking;

/// <summary>A tracking store in memory: for tests, and as the model of what the other stores keep.</summary>
/// <param name="time">Stamps starts, ends and metrics.</param>
/// <remarks>Thread safe (one lock).</remarks>
public sealed class InMemoryTracker(TimeProvider time) : ITrackingStore
{
    private readonly TimeProvider _time = time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, State> _runs = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>A store stamped by the system clock.</summary>
    public InMemoryTracker()
        : this(TimeProvider.System)
    {
    }

    /// <inheritdoc />
    public string Location => "memory";

    /// <inheritdoc />
    public ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ct.ThrowIfCancellationRequested();
        var state = new State(RunIds.New(), experiment, _time.GetUtcNow());
        lock (_lock)
        {
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                state.Tags[key] = value;
            }

            _runs[state.Id] = state;
            _order.Add(state.Id);
        }

        return ValueTask.FromResult<IRun>(new Run(this, state));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListExperiments()
    {
        lock (_lock)
        {
            return _runs.Values.Select(r => r.Experiment).Distinct().Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TrackedRun> ListRuns(string? experiment = null)
    {
        lock (_lock)
        {
            if (experiment is not null && !_runs.Values.Any(r => r.Experiment == experiment))
            {
                throw new UnknownExperimentException(experiment, ListExperiments());
            }

            return Enumerable.Reverse(_order).Select(id => _runs[id])
                .Where(r => experiment is null || r.Experiment == experiment)
                .Select(Snapshot).ToArray();
        }
    }

    /// <inheritdoc />
    public TrackedRun? FindRun(string runId)
    {
        lock (_lock)
        {
            return _runs.TryGetValue(runId, out var state) ? Snapshot(state) : null;
        }
    }

    /// <inheritdoc />
    public bool DeleteRun(string runId)
    {
        lock (_lock)
        {
            _order.Remove(runId);
            return _runs.Remove(runId);
        }
    }

    /// <inheritdoc />
    public Stream OpenArtifact(string runId, string relativePath)
    {
        lock (_lock)
        {
            return _runs.TryGetValue(runId, out var state) && state.Artifacts.TryGetValue(ArtifactPath.Normalize(relativePath), out var bytes)
                ? new MemoryStream(bytes, writable: false)
                : throw new FileNotFoundException($"Run {runId} has no artifact '{relativePath}'.");
        }
    }

    /// <inheritdoc />
    public void SetSync(string runId, RunSync sync)
    {
        lock (_lock)
        {
            if (_runs.TryGetValue(runId, out var state))
            {
                state.Sync = sync;
            }
        }
    }

    private static TrackedRun Snapshot(State s) => new(
        s.Id, s.Experiment, s.Status, s.Start, s.End,
        s.Tags.GetValueOrDefault(RunTags.ParentRunId),
        new SortedDictionary<string, string>(s.Tags, StringComparer.Ordinal),
        new SortedDictionary<string, string>(s.Parameters, StringComparer.Ordinal),
        s.Metrics.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Step).ToArray(),
        s.Artifacts.Keys.Order(StringComparer.Ordinal).ToArray(),
        s.Sync);

    private sealed class State(string id, string experiment, DateTimeOffset start)
    {
        public string Id { get; } = id;

        public string Experiment { get; } = experiment;

        public DateTimeOffset Start { get; } = start;

        public DateTimeOffset? End { get; set; }

        public RunStatus Status { get; set; } = RunStatus.Running;

        public RunSync Sync { get; set; } = RunSync.LocalOnly;

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

        public List<MetricPoint> Metrics { get; } = [];

        public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Run(InMemoryTracker owner, State state) : IRun
    {
        private bool _completed;
        private bool _disposed;

        public string Id => state.Id;

        public void LogParameters(IReadOnlyDictionary<string, string> parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            lock (owner._lock)
            {
                foreach (var (key, value) in parameters)
                {
                    state.Parameters[key] = value;
                }
            }
        }

        public void LogMetric(string name, double value, long step = 0)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            var point = new MetricPoint(name, value, step, owner._time.GetUtcNow());
            lock (owner._lock)
            {
                state.Metrics.Add(point);
            }
        }

        public void SetTag(string key, string value)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            lock (owner._lock)
            {
                state.Tags[key] = value;
            }
        }

        public async ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default)
        {
            string path = ArtifactPath.Normalize(relativePath);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            lock (owner._lock)
            {
                state.Artifacts[path] = buffer.ToArray();
            }
        }

        public void Complete() => _completed = true;

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                lock (owner._lock)
                {
                    state.Status = _completed ? RunStatus.Finished : RunStatus.Failed;
                    state.End = owner._time.GetUtcNow();
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
