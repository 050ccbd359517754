namespace Vigil.Experiments.Tracking;

/// <summary>
/// Keeps tracking from ever failing the job it tracks: any error of the inner tracker becomes one warning, and the
/// run carries on without tracking.
/// </summary>
/// <param name="inner">The tracker that does the work.</param>
/// <param name="warn">Receives each warning (one line, for users; never a stack trace).</param>
public sealed class GuardedTracker(IExperimentTracker inner, Action<string> warn) : IExperimentTracker
{
    /// <inheritdoc />
    public async ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        try
        {
            return new Run(await inner.StartRunAsync(experiment, tags, ct).ConfigureAwait(false), warn);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            warn($"tracking is off for this run: {TrackingErrors.Describe(e)}");
            return NullRun.Instance;
        }
    }

    private sealed class Run(IRun inner, Action<string> warn) : IRun
    {
        private volatile bool _broken;

        public string Id => inner.Id;

        public void LogParameters(IReadOnlyDictionary<string, string> parameters) => Guard(() => inner.LogParameters(parameters));

        public void LogMetric(string name, double value, long step = 0) => Guard(() => inner.LogMetric(name, value, step));

        public void SetTag(string key, string value) => Guard(() => inner.SetTag(key, value));

        public async ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                await inner.LogArtifactAsync(relativePath, content, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Fail(e);
            }
        }

        public void Complete() => Guard(inner.Complete);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void Guard(Action action)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                action();
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void Fail(Exception e)
        {
            if (!_broken)
            {
                _broken = true;
                warn($"tracking stopped for run {inner.Id}: {TrackingErrors.Describe(e)}");
            }
        }
    }
}
