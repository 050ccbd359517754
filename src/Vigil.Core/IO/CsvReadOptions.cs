namespace Vigil.IO;

/// <summary>How <see cref="CsvSeriesReader"/> reads a <c>timestamp,value</c> file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Header of the timestamp column (case-insensitive).</summary>
    public string TimestampColumn { get; init; } = "timestamp";

    /// <summary>Header of the value column (case-insensitive).</summary>
    public string ValueColumn { get; init; } = "value";

    /// <summary>Repeated or backward timestamps: error (default) or keep file order.</summary>
    public TimestampOrder Order { get; init; } = TimestampOrder.Strict;

    /// <summary>Gaps in time: keep (default) or reject those longer than <see cref="MaxGap"/>.</summary>
    public GapPolicy Gaps { get; init; } = GapPolicy.Keep;

    /// <summary>Longest accepted gap when <see cref="Gaps"/> is <see cref="GapPolicy.Reject"/>.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.MaxValue;

    /// <summary>Whether an empty file (no data rows) is accepted. Detectors need data, so it is an error by default.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>
    /// Appended to the message about a repeated or backward timestamp: how the caller can accept such files
    /// (e.g. <c>", or read it in file order (--allow-unordered)"</c>); empty when it cannot.
    /// </summary>
    public string UnorderedHint { get; init; } = "";

    /// <summary>Reads NAB's corpus: file order kept, gaps kept.</summary>
    public static CsvReadOptions Nab { get; } = new() { Order = TimestampOrder.FileOrder };
}
