namespace Vigil.Detection;

/// <summary>
/// The one probationary-period rule every harness uses (NAB's, nab-scoring.md §4): a detector learns on the first
/// 15% of a series' rows, at most 750, before it is scored.
/// </summary>
public static class Probation
{
    /// <summary>The largest probationary length, whatever the series' length.</summary>
    public const int MaxLength = 750;

    /// <summary>NAB's probationary length <c>min(floor(0.15 n), 750)</c> for a series of <paramref name="rowCount"/> rows.</summary>
    /// <remarks>The integer form equals <c>min(floor(0.15 * n), 750)</c> for every n up to 10^6 and avoids rounding doubts.</remarks>
    public static int LengthFor(int rowCount) => (int)Math.Max(0, Math.Min(15L * rowCount / 100, MaxLength));

    /// <summary>
    /// The rows a batch detector trains on before scoring: <paramref name="requested"/> when given, else
    /// <see cref="LengthFor"/>, and at least one row (a fit needs data).
    /// </summary>
    public static int TrainingLengthFor(int rowCount, int? requested = null) => requested ?? Math.Max(1, LengthFor(rowCount));
}
