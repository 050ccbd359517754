using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// One data file of the NAB corpus with its anomaly windows as row ranges. The row count and the window rows
/// are found on first use by one fast scan of the file's timestamps (cached afterwards).
/// </summary>
/// <remarks>Thread-safe: the scan runs at most once.</remarks>
public sealed class NabDataFile
{
    private readonly (DateTimeOffset Start, DateTimeOffset End)[] _windowTimes;
    // A class, not a tuple: Lazy over a value type is compiled on first use in every short scoring process.
    private readonly Lazy<ScanResult> _scan;

    internal NabDataFile(string dataRoot, string relativePath, (DateTimeOffset Start, DateTimeOffset End)[] windowTimes)
    {
        RelativePath = relativePath;
        int slash = relativePath.IndexOf('/');
        Category = slash < 0 ? string.Empty : relativePath[..slash];
        Name = Path.GetFileNameWithoutExtension(relativePath[(slash + 1)..]);
        DataPath = Path.Combine(dataRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));
        _windowTimes = windowTimes;
        _scan = new Lazy<ScanResult>(Scan, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Path relative to <c>data/</c> with forward slashes, e.g. <c>realKnownCause/nyc_taxi.csv</c>.</summary>
    public string RelativePath { get; }

    /// <summary>The category folder, e.g. <c>realKnownCause</c>.</summary>
    public string Category { get; }

    /// <summary>The file name without extension, e.g. <c>nyc_taxi</c>.</summary>
    public string Name { get; }

    /// <summary>Full path of the data CSV.</summary>
    public string DataPath { get; }

    /// <summary>Number of data rows <c>n</c> (header excluded).</summary>
    public int RowCount => _scan.Value.RowCount;

    /// <summary>Probationary length <c>p = min(floor(0.15 n), 750)</c> (nab-scoring.md §4).</summary>
    public int ProbationLength => ProbationLengthFor(RowCount);

    /// <summary>The anomaly windows as inclusive row ranges, in row order.</summary>
    public IReadOnlyList<AnomalyWindow> Windows => _scan.Value.Windows;

    /// <summary>Number of windows, known without scanning the file.</summary>
    public int WindowCount => _windowTimes.Length;

    /// <summary>NAB's probationary length for a file of <paramref name="rowCount"/> rows.</summary>
    /// <remarks>The integer form equals <c>min(floor(0.15 * n), 750)</c> for every n up to 10^6 and avoids rounding doubts.</remarks>
    public static int ProbationLengthFor(int rowCount) => Vigil.Detection.Probation.LengthFor(rowCount);

    /// <summary>Reads the whole series (timestamps and values) in file order.</summary>
    public TimeSeries LoadSeries() => CsvSeriesReader.Read(DataPath, CsvReadOptions.Nab, RelativePath);

    /// <summary>Reads the series together with its windows and probationary length.</summary>
    public LabeledSeries LoadLabeled() => new(LoadSeries(), Windows, ProbationLength);

    /// <inheritdoc/>
    public override string ToString() => RelativePath;

    private ScanResult Scan()
    {
        if (!File.Exists(DataPath))
        {
            throw new FileNotFoundException($"NAB data file not found: {DataPath}", DataPath);
        }

        byte[] buffer = PooledFileReader.Read(DataPath, out int length);
        try
        {
            return Scan(buffer.AsSpan(0, length));
        }
        finally
        {
            PooledFileReader.Return(buffer);
        }
    }

    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private ScanResult Scan(ReadOnlySpan<byte> bytes)
    {
        int k = _windowTimes.Length;
        var startTicks = new long[k];
        var endTicks = new long[k];
        for (int w = 0; w < k; w++)
        {
            startTicks[w] = _windowTimes[w].Start.UtcTicks;
            endTicks[w] = _windowTimes[w].End.UtcTicks;
        }

        var startRow = new int[k];
        var endRow = new int[k];
        var startMatches = new int[k];
        var endMatches = new int[k];
        int rows = 0;
        bool header = true;
        var lines = new Utf8LineReader(bytes);
        while (lines.TryReadLine(out var line))
        {

            if (header)
            {
                header = false;
                continue;
            }

            if (CsvField.IsBlank(line))
            {
                continue;
            }

            int comma = line.IndexOf((byte)',');
            var field = comma < 0 ? line : line[..comma];
            if (!NabText.TryParseTimestampTicks(field, out long ticks))
            {
                throw new SeriesFormatException(DataPath, lines.LineNumber, $"cannot parse timestamp '{NabText.Show(field)}'.");
            }

            for (int w = 0; w < k; w++)
            {
                if (ticks == startTicks[w])
                {
                    startRow[w] = rows;
                    startMatches[w]++;
                }

                if (ticks == endTicks[w])
                {
                    endRow[w] = rows;
                    endMatches[w]++;
                }
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new SeriesFormatException(DataPath, 0, "no data rows after the header.");
        }

        var windows = new AnomalyWindow[k];
        for (int w = 0; w < k; w++)
        {
            Require(startMatches[w], _windowTimes[w].Start, w);
            Require(endMatches[w], _windowTimes[w].End, w);
            windows[w] = new AnomalyWindow(startRow[w], endRow[w]);
            if (windows[w].LastRow < windows[w].FirstRow || (w > 0 && windows[w].FirstRow <= windows[w - 1].LastRow))
            {
                throw new FormatException($"{RelativePath}: window {w} maps to rows [{startRow[w]}..{endRow[w]}], which is empty or overlaps the previous window; windows must be in row order and disjoint.");
            }
        }

        return new ScanResult(rows, windows);
    }

    private void Require(int matches, DateTimeOffset time, int window)
    {
        // Implementation note: a boundary on a repeated timestamp would make the row range ambiguous,
        // so it is rejected instead of guessed (nab-scoring.md §1 guarantees exactly one match).
        if (matches != 1)
        {
            string problem = matches == 0 ? "matches no row" : $"matches {matches} rows";
            throw new FormatException($"{RelativePath}: window {window} boundary {time:yyyy-MM-dd HH:mm:ss.ffffff} {problem} of {DataPath}; each boundary must match exactly one row.");
        }
    }

    private sealed record ScanResult(int RowCount, AnomalyWindow[] Windows);
}
