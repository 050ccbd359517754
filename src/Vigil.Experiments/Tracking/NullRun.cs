namespace Vigil.Experiments.Tracking;

/// <summary>A run that records nothing: what <c>--no-track</c> and a failed tracker leave the job with.</summary>
public sealed class NullRun : IRun
{
    /// <summary>The shared instance.</summary>
    public static NullRun Instance { get; } = new();

    /// <inheritdoc />
    public string Id => "";

    /// <inheritdoc />
    public void LogParameters(IReadOnlyDictionary<string, string> parameters)
    {
    }

    /// <inheritdoc />
    public void LogMetric(string name, double value, long step = 0)
    {
    }

    /// <inheritdoc />
    public void SetTag(string key, string value)
    {
    }

    /// <inheritdoc />
    public ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Complete()
    {
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
