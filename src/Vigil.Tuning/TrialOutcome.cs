namespace Vigil.Tuning;

/// <summary>How an objective ended a trial.</summary>
/// <param name="State">Complete, pruned or failed.</param>
/// <param name="Value">The objective value of a complete trial.</param>
/// <param name="Message">Why it failed.</param>
public sealed record TrialOutcome(TrialState State, double? Value = null, string? Message = null)
{
    /// <summary>A complete trial with <paramref name="value"/>.</summary>
    public static TrialOutcome Complete(double value) => new(TrialState.Complete, value);

    /// <summary>A trial the pruner stopped.</summary>
    public static TrialOutcome Pruned { get; } = new(TrialState.Pruned);

    /// <summary>A failed trial.</summary>
    public static TrialOutcome Failed(string message) => new(TrialState.Failed, null, message);
}
