using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Vigil.Detection;
using Vigil.Evaluation.Execution;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// Runs a detector over NAB data files exactly as NAB's harness does: a fresh detector per file, fed row by
/// row in file order, told the probationary length and the file's value range up front (NAB's detectors
/// receive <c>inputMin</c>/<c>inputMax</c>), and writing one results CSV per file.
/// </summary>
/// <remarks>
/// Causality: a detector only ever sees rows up to the one it scores. Each file goes through <see cref="Vigil.Pipeline.CausalRun"/>
/// (the same run as <c>vigil detect</c>) with the probationary length as training length: batch detectors are fitted
/// on the probationary prefix and refitted as their <see cref="IRefitOptions"/> say; scores are calibrated as the
/// options' <see cref="DetectorOptions.Calibration"/> says, and unbounded uncalibrated scores are mapped into [0, 1]
/// by <see cref="Vigil.Thresholds.RationalCalibrator"/>. Batch detectors' probationary rows, which NAB never scores,
/// carry the first model's in-sample scores of its own training rows, so that a threshold can be taken from them
/// (<c>vigil nab score --f1-threshold p99</c>). Files run in parallel; each file's detector is confined to one thread.
/// </remarks>
public sealed class NabRunner
{
    private readonly DetectorRegistry _registry;

    /// <summary>Creates a runner that builds detectors from <paramref name="registry"/>.</summary>
    public NabRunner(DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Runs <paramref name="detector"/> over <paramref name="files"/> and writes <c>resultsRoot/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv</c>.</summary>
    /// <param name="detector">Registry name.</param>
    /// <param name="options">Detector options as JSON (null = defaults); validated before any file starts.</param>
    /// <param name="files">The corpus files to run.</param>
    /// <param name="resultsRoot">Folder that receives the detector's results folder.</param>
    /// <param name="parallelism">Files processed at once by the default local executor; 0 = one per core.</param>
    /// <param name="scoreDigits">Significant digits of the scores written (and returned): NAB's Python 2 harness
    /// wrote <see cref="NabScoreDigits"/>; 0 keeps full precision.</param>
    /// <param name="progress">Receives progress reports from worker threads.</param>
    /// <param name="ct">Cancels the run; files already written stay complete.</param>
    /// <param name="resume">Skip files whose complete results were written by a run with the same detector, options and
    /// score digits (recorded in <see cref="NabRunManifest"/>); their scores are read back.</param>
    /// <param name="executor">Where the per-file jobs run (null = this machine's cores, <see cref="LocalJobExecutor"/>).</param>
    /// <returns>One entry per file, in the order of <paramref name="files"/>.</returns>
    /// <exception cref="NabCorpusValidationException">One or more data files cannot be read; lists every one, and nothing was written.</exception>
    public IReadOnlyList<NabFileRun> Run(
        string detector,
        JsonElement? options,
        IReadOnlyList<NabDataFile> files,
        string resultsRoot,
        int parallelism = 0,
        int scoreDigits = NabScoreDigits,
        IProgress<NabRunProgress>? progress = null,
        CancellationToken ct = default,
        bool resume = false,
        IJobExecutor? executor = null) =>
        RunAsync(detector, options, files, resultsRoot, parallelism, scoreDigits, progress, resume, executor, ct).GetAwaiter().GetResult();

    /// <summary>As <see cref="Run"/>, awaitable: each file's results are written as its job's result arrives.</summary>
    /// <param name="detector">Registry name.</param>
    /// <param name="options">Detector options as JSON (null = defaults); validated before any file starts.</param>
    /// <param name="files">The corpus files to run.</param>
    /// <param name="resultsRoot">Folder that receives the detector's results folder.</param>
    /// <param name="parallelism">Files processed at once by the default local executor; 0 = one per core.</param>
    /// <param name="scoreDigits">Significant digits of the scores written; 0 keeps full precision.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="resume">Skip files whose complete results of the same run exist.</param>
    /// <param name="executor">Where the per-file jobs run (null = this machine's cores).</param>
    /// <param name="ct">Cancels the run; files already written stay complete.</param>
    /// <returns>One entry per file, in the order of <paramref name="files"/>.</returns>
    public async Task<IReadOnlyList<NabFileRun>> RunAsync(
        string detector,
        JsonElement? options,
        IReadOnlyList<NabDataFile> files,
        string resultsRoot,
        int parallelism = 0,
        int scoreDigits = NabScoreDigits,
        IProgress<NabRunProgress>? progress = null,
        bool resume = false,
        IJobExecutor? executor = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(resultsRoot);
        if (scoreDigits is < 0 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(scoreDigits), scoreDigits, "Score digits must be 0 (full precision) or 1..17.");
        }

        var descriptor = _registry.Get(detector);
        var boundOptions = OptionsBinder.Bind(descriptor, options);   // every option error before any work starts
        string optionsJson = OptionsBinder.ToJson(boundOptions);

        var manifest = NabRunManifest.Open(resultsRoot, descriptor.Name);
        var fingerprints = files.Select(f => NabRunManifest.Fingerprint(descriptor, boundOptions, scoreDigits, f)).ToArray();
        var series = LoadAll(files, parallelism, ct);   // every file checked before any result is written

        long rowsTotal = files.Sum(f => (long)f.RowCount);
        long rowsDone = 0;
        int filesDone = 0;
        var runs = new NabFileRun[files.Count];

        // Files already complete from the same run (--resume) are read back, not run again.
        var toRun = new List<int>();
        for (int index = 0; index < files.Count; index++)
        {
            var file = files[index];
            string path = NabResultsFile.PathFor(resultsRoot, detector, file);
            if (resume && manifest.Matches(file, fingerprints[index]) && TryReadComplete(path, file) is { } previous)
            {
                runs[index] = new NabFileRun(file, path, previous, TimeSpan.Zero) { Skipped = true };
                rowsDone += file.RowCount;
                progress?.Report(new NabRunProgress(++filesDone, files.Count, rowsDone, rowsTotal));
            }
            else
            {
                toRun.Add(index);
            }
        }

        // Longest files first: the run ends sooner when the big files do not start last. A job's id is its file index.
        var jobs = toRun.OrderByDescending(i => files[i].RowCount)
            .Select(i => new DetectorJob(i.ToString(CultureInfo.InvariantCulture), descriptor.Name, optionsJson, series[i], files[i].ProbationLength, scoreDigits))
            .ToArray();
        var rowsReported = new int[files.Count];
        var jobProgress = progress is null ? null : new CallbackProgress<DetectorJobProgress>(p =>
        {
            int index = int.Parse(p.Id, CultureInfo.InvariantCulture);
            int delta = p.RowsDone - Interlocked.Exchange(ref rowsReported[index], p.RowsDone);
            long total = Interlocked.Add(ref rowsDone, delta);
            progress.Report(new NabRunProgress(Volatile.Read(ref filesDone), files.Count, total, rowsTotal));
        });

        executor ??= new LocalJobExecutor(_registry, parallelism);
        await foreach (var result in executor.RunAsync(jobs, jobProgress, ct).ConfigureAwait(false))
        {
            int index = int.Parse(result.Id, CultureInfo.InvariantCulture);
            if (runs[index] is not null)
            {
                continue;   // an executor that ran a job twice (a machine died mid-job) still counts it once
            }

            var file = files[index];
            if (result.Scores.Length != file.RowCount)
            {
                throw new InvalidOperationException($"The job for {file.RelativePath} returned {result.Scores.Length} scores for {file.RowCount} rows.");
            }

            ct.ThrowIfCancellationRequested();
            string path = NabResultsFile.PathFor(resultsRoot, detector, file);
            NabResultsFile.Write(path, series[index], result.Scores, file);
            manifest.Record(file, fingerprints[index]);
            series[index] = null!;   // done with it: let a long run release the memory
            runs[index] = new NabFileRun(file, path, result.Scores, result.Elapsed);
            long total = Interlocked.Add(ref rowsDone, file.RowCount - Interlocked.Exchange(ref rowsReported[index], file.RowCount));
            progress?.Report(new NabRunProgress(Interlocked.Increment(ref filesDone), files.Count, total, rowsTotal));
        }

        ct.ThrowIfCancellationRequested();
        var missing = toRun.Where(i => runs[i] is null).Select(i => files[i].RelativePath).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"The executor returned no result for {missing.Length} file(s), e.g. {missing[0]}.");
        }

        return runs;
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Reads every file (in parallel); collects every file's problem instead of stopping at the first.</summary>
    private static TimeSeries[] LoadAll(IReadOnlyList<NabDataFile> files, int parallelism, CancellationToken ct)
    {
        var series = new TimeSeries[files.Count];
        var problems = new ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount, CancellationToken = ct }, i =>
        {
            try
            {
                series[i] = files[i].LoadSeries();
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add((i, e.Message));
            }
        });

        if (!problems.IsEmpty)
        {
            throw new NabCorpusValidationException(problems.OrderBy(p => p.Index).Select(p => p.Message).ToArray());
        }

        return series;
    }

    /// <summary>The scores of a complete results file for <paramref name="file"/>, or null when it is missing or incomplete.</summary>
    private static double[]? TryReadComplete(string path, NabDataFile file)
    {
        try
        {
            return File.Exists(path) ? NabResultsFile.ReadScores(path, file) : null;
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Significant digits NAB's harness wrote scores with: Python 2 formats floats as <c>%.12g</c>, so every
    /// published results file (and threshold found on it) carries 12 significant digits. The rounding matters:
    /// a score of 1 − 1e-13 was written, read and thresholded as exactly 1.0.
    /// </summary>
    public const int NabScoreDigits = 12;

    /// <summary>Rounds as <c>printf("%.{digits}g")</c> followed by a correctly rounded parse.</summary>
    public static double RoundToSignificantDigits(double value, int digits) =>
        double.Parse(value.ToString("G" + digits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
