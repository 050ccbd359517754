using System.ComponentModel.DataAnnotations;

namespace Vigil.Detection;

/// <summary>How <see cref="BatchAsStreaming"/> (and detectors that refit themselves, through <see cref="RefitWindow"/>) train on the past.</summary>
/// <param name="TrainLength">Points collected before the first fit (e.g. NAB's probationary length); until then scores are 0.</param>
/// <param name="RefitEvery">Refit after this many further points; 0 never refits.</param>
/// <param name="TrainWindow">Refits use at most this many trailing points; 0 uses all points so far.</param>
public sealed record RefitPolicy(
    [property: Range(1, int.MaxValue)] int TrainLength,
    [property: Range(0, int.MaxValue)] int RefitEvery = 0,
    [property: Range(0, int.MaxValue)] int TrainWindow = 0)
{
    /// <summary>
    /// The one place a policy is built from a detector's options: first fit after <paramref name="trainLength"/> points,
    /// then refits as the options' <see cref="IRefitOptions"/> say (never, for options without them).
    /// </summary>
    /// <param name="options">The detector's options.</param>
    /// <param name="trainLength">Points before the first fit (at least 1; e.g. <see cref="Probation.TrainingLengthFor"/>).</param>
    public static RefitPolicy For(DetectorOptions options, int trainLength)
    {
        ArgumentNullException.ThrowIfNull(options);
        var refits = options as IRefitOptions;
        return new RefitPolicy(Math.Max(1, trainLength), refits?.RefitEvery ?? 0, refits?.TrainWindow ?? 0);
    }

    /// <summary>
    /// Whether a fit is due once a point has been recorded: the first fit when <paramref name="count"/> points have been
    /// collected, then a refit every <see cref="RefitEvery"/> scored points.
    /// </summary>
    /// <param name="fitted">Whether a model has been fitted.</param>
    /// <param name="count">Points recorded so far (including this one).</param>
    /// <param name="scoredSinceFit">Points scored since the last fit.</param>
    public bool IsFitDue(bool fitted, long count, int scoredSinceFit) =>
        fitted ? RefitEvery > 0 && scoredSinceFit >= RefitEvery : count >= TrainLength;

    /// <summary>How many trailing points a fit uses: all collected for the first fit, at most <see cref="TrainWindow"/> for refits.</summary>
    public long FitLength(bool fitted, long count) => fitted && TrainWindow > 0 ? Math.Min(count, TrainWindow) : count;
}
