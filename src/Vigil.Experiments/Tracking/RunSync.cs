namespace Vigil.Experiments.Tracking;

/// <summary>A run's synchronisation with a remote tracker.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="Target">The remote tracker's URI, without credentials; null when <see cref="RunSyncState.LocalOnly"/>.</param>
/// <param name="RemoteRunId">The run's id on the remote tracker, once created there.</param>
public sealed record RunSync(RunSyncState State, string? Target = null, string? RemoteRunId = null)
{
    /// <summary>A run no remote tracker was configured for.</summary>
    public static RunSync LocalOnly { get; } = new(RunSyncState.LocalOnly);
}
