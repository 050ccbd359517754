namespace Vigil.Evaluation.Metrics;

/// <summary>How an <see cref="F1ThresholdRule"/> chooses the threshold precision, recall and F1 are reported at.</summary>
public enum F1ThresholdKind
{
    /// <summary>NAB's standard-profile threshold (given by the NAB scoring), shared by every file; a row is detected when its score is ≥ it.</summary>
    NabStandard,

    /// <summary>
    /// Per file, a percentile of that file's scores on its probationary rows (the rows a causal detector trained on);
    /// a later row is detected when its score is strictly above it.
    /// </summary>
    ProbationPercentile,

    /// <summary>A fixed number shared by every file; a row is detected when its score is ≥ it.</summary>
    Fixed,
}
