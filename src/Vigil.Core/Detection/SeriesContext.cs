namespace Vigil.Detection;

/// <summary>What a harness may tell a detector about a series before feeding it.</summary>
/// <param name="ProbationLength">Rows the detector may use to learn before it is scored.</param>
/// <param name="InputMin">Smallest value of the series if the harness provides it (NAB does), else NaN.</param>
/// <param name="InputMax">Largest value of the series if the harness provides it, else NaN.</param>
/// <param name="SeriesLength">Rows in the series if the harness provides it (NAB's harness does: ARTime derives its timing from it), else 0.</param>
public sealed record SeriesContext(int ProbationLength, double InputMin = double.NaN, double InputMax = double.NaN, int SeriesLength = 0)
{
    /// <summary>Whether an input range was provided.</summary>
    public bool HasInputRange => double.IsFinite(InputMin) && double.IsFinite(InputMax);

    /// <summary>Whether the series length was provided.</summary>
    public bool HasSeriesLength => SeriesLength > 0;
}
