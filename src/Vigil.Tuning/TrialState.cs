namespace Vigil.Tuning;

/// <summary>Where a trial stands. Only <see cref="Running"/> ever changes.</summary>
public enum TrialState
{
    /// <summary>Claimed by a worker; parameters may not be sampled yet.</summary>
    Running,

    /// <summary>Finished with a value.</summary>
    Complete,

    /// <summary>Stopped early by the pruner; its intermediate values are kept.</summary>
    Pruned,

    /// <summary>The objective threw, or the process running it died.</summary>
    Failed,
}
