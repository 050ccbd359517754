namespace Vigil.Experiments.Tracking;

/// <summary>A tracker whose runs can be read back, deleted, and marked as synchronised with a remote tracker.</summary>
public interface ITrackingStore : IExperimentTracker
{
    /// <summary>A description of where the store lives, for messages (e.g. its database path).</summary>
    string Location { get; }

    /// <summary>The experiments' names, sorted.</summary>
    IReadOnlyList<string> ListExperiments();

    /// <summary>The runs of <paramref name="experiment"/> (every run when null), newest first.</summary>
    /// <exception cref="UnknownExperimentException">No experiment has that name.</exception>
    IReadOnlyList<TrackedRun> ListRuns(string? experiment = null);

    /// <summary>The run with id <paramref name="runId"/>, or null.</summary>
    TrackedRun? FindRun(string runId);

    /// <summary>Deletes a run with its parameters, metrics, tags and artifacts; false when there is none.</summary>
    bool DeleteRun(string runId);

    /// <summary>Opens a stored artifact for reading.</summary>
    /// <exception cref="FileNotFoundException">The run has no such artifact.</exception>
    Stream OpenArtifact(string runId, string relativePath);

    /// <summary>Records how a run stands with its remote tracker.</summary>
    void SetSync(string runId, RunSync sync);
}
