namespace Vigil.IO;

/// <summary>What a reader does with gaps in time between consecutive rows.</summary>
public enum GapPolicy
{
    /// <summary>Accept irregular sampling and gaps as they are (detectors see rows, not a clock).</summary>
    Keep,

    /// <summary>Reject a gap longer than <see cref="CsvReadOptions.MaxGap"/>, naming the file and line.</summary>
    Reject,
}
