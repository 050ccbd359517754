using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Vigil.Detection;
using Vigil.Pipeline;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// Runs a detector over NAB data files exactly as NAB's harness does: a fresh detector per file, fed row by
/// row in file order, told the probationary length and the file's value range up front (NAB's detectors
/// receive <c>inputMin</c>/<c>inputMax</c>), and writing one results CSV per file.
/// </summary>
/// <remarks>
/// Causality: a detector only ever sees rows up to the one it scores. Each file goes through <see cref="CausalRun"/>
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
    /// <param name="parallelism">Files processed at once; 0 = one per core.</param>
    /// <param name="scoreDigits">Significant digits of the scores written (and returned): NAB's Python 2 harness
    /// wrote <see cref="NabScoreDigits"/>; 0 keeps full precision.</param>
    /// <param name="progress">Receives progress reports from worker threads.</param>
    /// <param name="ct">Cancels the run; files already written stay complete.</param>
    /// <param name="resume">Skip files whose complete results were written by a run with the same detector, options and
    /// score digits (recorded in <see cref="NabRunManifest"/>); their scores are read back.</param>
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
        bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(resultsRoot);
        if (scoreDigits is < 0 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(scoreDigits), scoreDigits, "Score digits must be 0 (full precision) or 1..17.");
        }

        var descriptor = _registry.Get(detector);
        var boundOptions = OptionsBinder.Bind(descriptor, options);   // every option error before any work starts

        var manifest = NabRunManifest.Open(resultsRoot, descriptor.Name);
        var fingerprints = files.Select(f => NabRunManifest.Fingerprint(descriptor, boundOptions, scoreDigits, f)).ToArray();
        var series = LoadAll(files, parallelism, ct);   // every file checked before any result is written

        long rowsTotal = files.Sum(f => (long)f.RowCount);
        long rowsDone = 0;
        int filesDone = 0;
        var runs = new NabFileRun[files.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount,
            CancellationToken = ct,
        };

        // Longest files first, handed out one at a time: the run ends sooner when the big files do not start last.
        // (Parallel.ForEach over an array would split it into index ranges, giving one worker all the big files.)
        var order = Enumerable.Range(0, files.Count).OrderByDescending(i => files[i].RowCount).ToArray();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), parallel, index =>
        {
            var file = files[index];
            var clock = Stopwatch.StartNew();
            string path = NabResultsFile.PathFor(resultsRoot, detector, file);
            if (resume && manifest.Matches(file, fingerprints[index]) && TryReadComplete(path, file) is { } previous)
            {
                runs[index] = new NabFileRun(file, path, previous, clock.Elapsed) { Skipped = true };
                long total = Interlocked.Add(ref rowsDone, file.RowCount);
                progress?.Report(new NabRunProgress(Interlocked.Increment(ref filesDone), files.Count, total, rowsTotal));
                return;
            }

            var created = descriptor.Create(boundOptions);
            double[] scores;
            try
            {
                long reported = 0;
                void Report(int done)
                {
                    long delta = done - reported;
                    reported = done;
                    long total = Interlocked.Add(ref rowsDone, delta);
                    progress?.Report(new NabRunProgress(Volatile.Read(ref filesDone), files.Count, total, rowsTotal));
                }

                var run = CausalRun.Execute(created, new CausalRunRequest(series[index])
                {
                    TrainLength = Math.Max(1, file.ProbationLength),
                    InputMin = series[index].Min(),
                    InputMax = series[index].Max(),
                    UnitInterval = true,
                    ScoreTrainingRows = true,
                }, Report, ct);
                scores = run.Scores;
            }
            finally
            {
                (created as IDisposable)?.Dispose();
            }

            for (int i = 0; i < scores.Length; i++)
            {
                if (scores[i] < 0 || scores[i] > 1)
                {
                    throw new InvalidOperationException($"Detector '{detector}' produced score {scores[i]} at row {i} of {file.RelativePath}; NAB requires anomaly scores in [0, 1].");
                }

                if (scoreDigits > 0)
                {
                    scores[i] = RoundToSignificantDigits(scores[i], scoreDigits);
                }
            }

            ct.ThrowIfCancellationRequested();
            NabResultsFile.Write(path, series[index], scores, file);
            manifest.Record(file, fingerprints[index]);
            series[index] = null!;   // done with it: let a long run release the memory
            runs[index] = new NabFileRun(file, path, scores, clock.Elapsed);
            int finished = Interlocked.Increment(ref filesDone);
            progress?.Report(new NabRunProgress(finished, files.Count, Interlocked.Read(ref rowsDone), rowsTotal));
        });

        return runs;
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
