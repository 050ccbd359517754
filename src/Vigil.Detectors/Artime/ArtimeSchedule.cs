namespace Vigil.Detectors.Artime;

/// <summary>
/// ARTime's own timing, derived from the file length as ARTimeNAB.jl's <c>init</c> does: its probationary period,
/// the downsampling step, the trend window (in downsampled steps) and the masking span after an anomaly.
/// </summary>
/// <param name="ProbationaryPeriod">Rows: ⌊0.15·length⌋ below 5000 rows, else 750, made even by dropping one.</param>
/// <param name="Step">Rows per downsampled step: max(1, probation ÷ (window · windowsPerProbation)).</param>
/// <param name="TrendWindow">Downsampled steps that seed the network: ⌊probation / step⌋, at least 2·window (see remarks).</param>
/// <param name="MaskAfterAnomaly">Downsampled steps masked after an anomaly: window · 1.5 (an integer: the window is even).</param>
/// <remarks>
/// The reference stores <c>window * 1.5</c> in an <c>Int</c> field, which Julia only allows for even windows (an odd one
/// throws InexactError), so the options require a power-of-two window. The reference fails on files so short that
/// the trend window is under 2·window − 2 (its seeding mean is then over an empty range); the port raises the trend
/// window to 2·window there, which changes nothing on NAB (its shortest file, 1127 rows, gives 168).
/// </remarks>
internal sealed record ArtimeSchedule(int ProbationaryPeriod, int Step, int TrendWindow, int MaskAfterAnomaly)
{
    /// <summary>The schedule for a file of <paramref name="length"/> rows (0 or less: unknown, treated as long).</summary>
    public static ArtimeSchedule For(long length, int window, int windowsPerProbation)
    {
        int probation = length > 0 && length < 5000 ? (int)Math.Floor(0.15 * length) : 750;
        probation -= probation % 2;
        int step = Math.Max(1, probation / (window * windowsPerProbation));
        int trend = Math.Max(probation / step, 2 * window);
        return new ArtimeSchedule(probation, step, trend, window * 3 / 2);
    }
}
