namespace Vigil.Evaluation.Nab;

/// <summary>The anomaly scores of one detector for a set of corpus files, keyed by <see cref="NabDataFile.RelativePath"/>.</summary>
public sealed class NabDetectorResults
{
    private NabSweepOrder? _sweepOrder;
    private NabCorpus? _sweepCorpus;

    private NabDetectorResults(string detector, IReadOnlyDictionary<string, double[]> scoresByFile)
    {
        Detector = detector;
        ScoresByFile = scoresByFile;
    }

    /// <summary>The detector name (the folder under <c>results/</c>).</summary>
    public string Detector { get; }

    /// <summary>One score per data row for each file, keyed by the data file's relative path.</summary>
    public IReadOnlyDictionary<string, double[]> ScoresByFile { get; }

    /// <summary>The sweep order, built once and shared by the profiles' threshold sweeps.</summary>
    internal NabSweepOrder SweepOrder(NabCorpus corpus)
    {
        var order = _sweepOrder;
        if (order is null || !ReferenceEquals(_sweepCorpus, corpus))
        {
            order = NabSweepOrder.Build(corpus, this);
            _sweepCorpus = corpus;
            _sweepOrder = order;
        }

        return order;
    }

    /// <summary>
    /// Reads the results files of <paramref name="detector"/> under <paramref name="resultsRoot"/> for
    /// <paramref name="files"/> (default: every corpus file).
    /// </summary>
    /// <exception cref="FileNotFoundException">
    /// One or more results files are missing; the message lists every one. A missing file is never skipped
    /// silently, because leaving out a hard file would raise the raw score (nab-scoring.md §12).
    /// </exception>
    /// <exception cref="Vigil.IO.SeriesFormatException">A results file is malformed (see <see cref="NabResultsFile.ReadScores"/>).</exception>
    public static NabDetectorResults Load(NabCorpus corpus, string resultsRoot, string detector, IEnumerable<NabDataFile>? files = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(resultsRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        var selected = (files ?? corpus.Files).ToList();
        var missing = new List<string>();
        foreach (var file in selected)
        {
            string path = NabResultsFile.PathFor(resultsRoot, detector, file);
            if (!File.Exists(path))
            {
                missing.Add(path);
            }
        }

        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"Detector '{detector}' has no results for {missing.Count} of {selected.Count} files; missing:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", missing),
                missing[0]);
        }

        var scores = new Dictionary<string, double[]>(selected.Count, StringComparer.Ordinal);
        foreach (var file in selected)
        {
            ct.ThrowIfCancellationRequested();
            scores[file.RelativePath] = NabResultsFile.ReadScores(NabResultsFile.PathFor(resultsRoot, detector, file), file);
        }

        return new NabDetectorResults(detector, scores);
    }

    /// <summary>Wraps scores already in memory (e.g. straight from a detector run), checking each length against its file.</summary>
    /// <exception cref="ArgumentException">A file is not in the corpus, a length differs from the file's row count, or a score is NaN, infinite or ≥ 1.1.</exception>
    public static NabDetectorResults FromScores(NabCorpus corpus, string detector, IEnumerable<KeyValuePair<string, double[]>> scoresByFile)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        ArgumentNullException.ThrowIfNull(scoresByFile);
        var scores = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (path, values) in scoresByFile)
        {
            var file = corpus.Contains(path) ? corpus.Get(path) : throw new ArgumentException($"'{path}' is not a file of the corpus.", nameof(scoresByFile));
            if (values.Length != file.RowCount)
            {
                throw new ArgumentException($"{file.RelativePath}: {values.Length} scores but {file.RowCount} data rows.", nameof(scoresByFile));
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]) || values[i] >= NabResultsFile.ScoreLimit)
                {
                    throw new ArgumentException($"{file.RelativePath}: score at row {i} is {values[i]}; scores must be finite and below 1.1.", nameof(scoresByFile));
                }
            }

            scores[file.RelativePath] = values;
        }

        return new NabDetectorResults(detector, scores);
    }
}
