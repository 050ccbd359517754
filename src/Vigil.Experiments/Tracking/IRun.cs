namespace Vigil.Experiments.Tracking;

/// <summary>One tracked run. Disposing it without <see cref="Complete"/> records it as <see cref="RunStatus.Failed"/>.</summary>
/// <remarks>The logging methods are thread safe: a detector may report epochs from its training thread.</remarks>
public interface IRun : IAsyncDisposable
{
    /// <summary>The run's id (32 lowercase hex digits).</summary>
    string Id { get; }

    /// <summary>Logs parameters; a parameter logged twice keeps its last value.</summary>
    void LogParameters(IReadOnlyDictionary<string, string> parameters);

    /// <summary>Logs one value of a metric; <paramref name="step"/> orders the values of one metric (e.g. the epoch).</summary>
    void LogMetric(string name, double value, long step = 0);

    /// <summary>Sets a tag (a label that is not an input of the job, e.g. the saved model's path).</summary>
    void SetTag(string key, string value);

    /// <summary>Stores a file with the run under <paramref name="relativePath"/> (forward slashes, no <c>..</c>).</summary>
    ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default);

    /// <summary>Marks the run finished; disposing then records <see cref="RunStatus.Finished"/>.</summary>
    void Complete();
}
