namespace Vigil.Persistence;

/// <summary>
/// How the harness ran the saved detector, so that a loaded model continues as one uninterrupted run without the
/// user repeating flags.
/// </summary>
/// <param name="ProbationRows">Rows the detector learned from before it was scored (NAB's probation).</param>
/// <param name="InputMin">The input range's lower bound the harness gave, or NaN.</param>
/// <param name="InputMax">The input range's upper bound the harness gave, or NaN.</param>
/// <param name="RefitEvery">A batch detector's refit period under <see cref="Detection.BatchAsStreaming"/> (0 = never).</param>
/// <param name="TrainWindow">A batch detector's refit window (0 = all rows so far).</param>
/// <param name="RowsSeen">Rows the detector had stepped through when saved.</param>
public sealed record HarnessContext(int ProbationRows, double InputMin, double InputMax, int RefitEvery, int TrainWindow, long RowsSeen)
{
    /// <summary>Whether an input range was given.</summary>
    public bool HasInputRange => double.IsFinite(InputMin) && double.IsFinite(InputMax);
}
