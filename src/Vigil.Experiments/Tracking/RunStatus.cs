namespace Vigil.Experiments.Tracking;

/// <summary>The life cycle of a run (MLflow's RUNNING, FINISHED and FAILED).</summary>
public enum RunStatus
{
    /// <summary>Started and not yet ended (or its process died before ending it).</summary>
    Running,

    /// <summary>Completed.</summary>
    Finished,

    /// <summary>Ended without <see cref="IRun.Complete"/>: the job failed or was cancelled.</summary>
    Failed,
}
