namespace Vigil.Experiments.Tracking;

/// <summary>Fans each run out to several trackers: every call goes to each of them, in order.</summary>
/// <remarks>
/// The run's <see cref="IRun.Id"/> is the first tracker's. A failure of any tracker propagates (after the others were
/// called), so callers that must not fail wrap it in a <see cref="GuardedTracker"/>; <see cref="LocalFirstTracker"/> is
/// the variant that keeps going when its remote fails.
/// </remarks>
public sealed class CompositeTracker : IExperimentTracker
{
    private readonly IExperimentTracker[] _trackers;

    /// <summary>Fans out to <paramref name="trackers"/> (at least one).</summary>
    public CompositeTracker(IEnumerable<IExperimentTracker> trackers)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        _trackers = trackers.ToArray();
        if (_trackers.Length == 0)
        {
            throw new ArgumentException("A composite tracker needs at least one tracker.", nameof(trackers));
        }
    }

    /// <inheritdoc />
    public async ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        var runs = new List<IRun>(_trackers.Length);
        try
        {
            foreach (var tracker in _trackers)
            {
                runs.Add(await tracker.StartRunAsync(experiment, tags, ct).ConfigureAwait(false));
            }
        }
        catch
        {
            // The runs already started end as failed: the composite run never existed for the caller.
            foreach (var run in runs)
            {
                await run.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new Run(runs);
    }

    private sealed class Run(IReadOnlyList<IRun> runs) : IRun
    {
        public string Id => runs[0].Id;

        public void LogParameters(IReadOnlyDictionary<string, string> parameters) => ForEach(r => r.LogParameters(parameters));

        public void LogMetric(string name, double value, long step = 0) => ForEach(r => r.LogMetric(name, value, step));

        public void SetTag(string key, string value) => ForEach(r => r.SetTag(key, value));

        public async ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default)
        {
            // Each tracker reads the content from the start, so it is buffered once.
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var errors = new List<Exception>();
            foreach (var run in runs)
            {
                try
                {
                    await run.LogArtifactAsync(relativePath, new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false), ct).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }

            Throw(errors);
        }

        public void Complete() => ForEach(r => r.Complete());

        public async ValueTask DisposeAsync()
        {
            var errors = new List<Exception>();
            foreach (var run in runs)
            {
                try
                {
                    await run.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }

            Throw(errors);
        }

        private void ForEach(Action<IRun> action)
        {
            var errors = new List<Exception>();
            foreach (var run in runs)
            {
                try
                {
                    action(run);
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }

            Throw(errors);
        }

        private static void Throw(List<Exception> errors)
        {
            if (errors.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[0]);
            }

            if (errors.Count > 1)
            {
                throw new AggregateException(errors);
            }
        }
    }
}
