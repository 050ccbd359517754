namespace Vigil.Experiments.Tracking;

/// <summary>Tag keys with a meaning to the trackers.</summary>
public static class RunTags
{
    /// <summary>The parent run's id (MLflow's own key for nested runs).</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    /// <summary>A human-readable run name (MLflow's key).</summary>
    public const string RunName = "mlflow.runName";

    /// <summary>The command that produced the run, e.g. <c>nab benchmark</c>.</summary>
    public const string Command = "vigil.command";

    /// <summary>The Vigil version that produced the run.</summary>
    public const string VigilVersion = "vigil.version";
}
