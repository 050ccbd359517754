namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>A call kept failing transiently until its retries ran out (e.g. the server stayed unreachable).</summary>
/// <param name="attempts">Attempts made.</param>
/// <param name="last">The last failure.</param>
public sealed class RetriesExhaustedException(int attempts, Exception last)
    : Exception($"{TrackingErrors.Describe(last)} (gave up after {attempts} attempts)", last)
{
    /// <summary>Attempts made.</summary>
    public int Attempts { get; } = attempts;
}
