namespace Vigil.Tuning.Pruners;

/// <summary>
/// Asynchronous successive halving (ASHA, Li et al. 2020): rungs sit at steps <c>r·η^k − 1</c> (0-based); a trial
/// reaching a rung continues only if its value there is among the best <c>max(1, ⌊n/η⌋)</c> of the n trials (itself
/// included) that have reached that rung so far. Asynchronous: it never waits for a rung to fill.
/// </summary>
/// <param name="minResource">Steps before the first rung (r).</param>
/// <param name="reductionFactor">η: the fraction 1/η of trials is promoted at each rung.</param>
public sealed class SuccessiveHalvingPruner(int minResource = 1, int reductionFactor = 3) : IPruner
{
    /// <inheritdoc />
    public string Name => "asha";

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord running, IReadOnlyList<TrialRecord> history, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(history);
        int step = running.Intermediates.Count - 1;
        if (step < 0 || !IsRung(step))
        {
            return false;
        }

        double sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var competitors = history
            .Where(t => t.Number != running.Number && t.State is TrialState.Complete or TrialState.Pruned && t.Intermediates.Count > step)
            .Select(t => sign * t.Intermediates[step])
            .Append(sign * running.Intermediates[step])
            .Order()
            .ToArray();
        int promote = Math.Max(1, competitors.Length / reductionFactor);
        return sign * running.Intermediates[step] > competitors[promote - 1];
    }

    private bool IsRung(int step)
    {
        for (long rung = minResource; rung - 1 <= step; rung *= reductionFactor)
        {
            if (rung - 1 == step)
            {
                return true;
            }
        }

        return false;
    }
}
