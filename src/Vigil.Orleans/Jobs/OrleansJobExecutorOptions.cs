namespace Vigil.Orleans.Jobs;

/// <summary>How the Orleans executor spreads and re-submits jobs.</summary>
public sealed record OrleansJobExecutorOptions
{
    /// <summary>Jobs in flight at once; 0 = the cluster's cores (as its silos report them), at least two per silo.</summary>
    public int MaxInFlight { get; init; }

    /// <summary>Longest one job may take before it is treated as lost and re-submitted.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per job before the run fails (each attempt after a silo was lost).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Wait before re-submitting a lost job, doubled after each further loss of the same job (up to 8×).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
