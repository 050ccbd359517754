using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Metrics;

/// <summary>The precision/recall/F1 reports the NAB commands show: three modes at a rule's threshold and at the best-F1 threshold.</summary>
public static class F1Table
{
    /// <summary>The modes, in report order: point-wise, point-adjusted, event, composite.</summary>
    public static IReadOnlyList<F1Mode> Modes { get; } = [F1Mode.Pointwise, F1Mode.PointAdjusted, F1Mode.Event, F1Mode.Composite];

    /// <summary>
    /// Eight reports: the four <see cref="Modes"/> at the threshold <paramref name="rule"/> chooses (NAB's standard-profile
    /// threshold <paramref name="nabThreshold"/> by default), then the four at the threshold that maximises F1.
    /// </summary>
    public static IReadOnlyList<F1Report> Compute(IReadOnlyList<NabDataFile> files, NabDetectorResults results, F1ThresholdRule rule, double nabThreshold)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rule);
        var pairs = files.Select(f => (f, results.ScoresByFile[f.RelativePath])).ToArray();
        var atThreshold = Modes.Select(m => F1Evaluator.Evaluate(pairs, rule, m, nabThreshold));
        var best = Modes.Select(m => F1Evaluator.Evaluate(pairs, null, m));
        return [.. atThreshold, .. best];
    }
}
