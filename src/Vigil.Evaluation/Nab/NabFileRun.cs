namespace Vigil.Evaluation.Nab;

/// <summary>The outcome of running a detector over one data file.</summary>
/// <param name="File">The corpus file.</param>
/// <param name="ResultsPath">Where the results CSV was written.</param>
/// <param name="Scores">The anomaly score of every row, in file order.</param>
/// <param name="Elapsed">Wall time spent on this file (reading, detecting, writing).</param>
public sealed record NabFileRun(NabDataFile File, string ResultsPath, double[] Scores, TimeSpan Elapsed)
{
    /// <summary>Whether the file was not run again because complete results of the same run were found (<c>--resume</c>).</summary>
    public bool Skipped { get; init; }
}
