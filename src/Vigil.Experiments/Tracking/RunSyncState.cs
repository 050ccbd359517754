namespace Vigil.Experiments.Tracking;

/// <summary>Whether a locally stored run also reached the remote tracker (MLflow) it was meant for.</summary>
public enum RunSyncState
{
    /// <summary>Only kept locally; no remote tracker was configured.</summary>
    LocalOnly,

    /// <summary>Being mirrored to the remote tracker (a run left in this state by a dead process needs a push).</summary>
    Pending,

    /// <summary>Everything reached the remote tracker.</summary>
    Synced,

    /// <summary>The remote tracker could not be reached; <c>vigil runs push --to URI</c> uploads the run later.</summary>
    Unsynced,
}
