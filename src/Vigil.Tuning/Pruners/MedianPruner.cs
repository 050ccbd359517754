namespace Vigil.Tuning.Pruners;

/// <summary>
/// Stops a trial whose intermediate value at a step is worse than the median of the complete trials' values at the
/// same step, once <see cref="StartupTrials"/> complete trials exist and after <see cref="WarmupSteps"/> steps.
/// </summary>
/// <param name="startupTrials">Complete trials needed before anything is pruned.</param>
/// <param name="warmupSteps">Steps (0-based) before which no trial is pruned.</param>
public sealed class MedianPruner(int startupTrials = 5, int warmupSteps = 0) : IPruner
{
    /// <inheritdoc />
    public string Name => "median";

    /// <summary>Complete trials needed before anything is pruned.</summary>
    public int StartupTrials { get; } = startupTrials;

    /// <summary>Steps before which no trial is pruned.</summary>
    public int WarmupSteps { get; } = warmupSteps;

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord running, IReadOnlyList<TrialRecord> history, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(history);
        int step = running.Intermediates.Count - 1;
        if (step < WarmupSteps || step < 0)
        {
            return false;
        }

        var peers = history
            .Where(t => t.State == TrialState.Complete && t.Intermediates.Count > step)
            .Select(t => t.Intermediates[step])
            .Order()
            .ToArray();
        if (peers.Length < StartupTrials || peers.Length == 0)
        {
            return false;
        }

        double median = peers.Length % 2 == 1 ? peers[peers.Length / 2] : 0.5 * (peers[(peers.Length / 2) - 1] + peers[peers.Length / 2]);
        double value = running.Intermediates[step];
        return direction == StudyDirection.Minimize ? value > median : value < median;
    }
}
