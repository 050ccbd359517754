using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Vigil.Detection;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// Runs a detector over NAB data files exactly as NAB's harness does: a fresh detector per file, fed row by
/// row in file order, told the probationary length and the file's value range up front (NAB's detectors
/// receive <c>inputMin</c>/<c>inputMax</c>), and writing one results CSV per file.
/// </summary>
/// <remarks>
/// Causality: a detector only ever sees rows up to the one it scores. Batch detectors follow
/// <see cref="BatchAsStreaming"/>'s protocol — fitted on the probationary prefix, refitted or fine-tuned on the past
/// as their <see cref="IRefitOptions"/> say — scored in one model call per refit period (<see cref="CausalBatchScorer"/>).
/// Their probationary rows, which NAB never scores, carry the first model's in-sample scores of its own training
/// rows, so that a threshold can be taken from them (<c>vigil nab score --f1-threshold p99</c>). Files run in
/// parallel; each file's detector is confined to one thread.
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
    /// <returns>One entry per file, in the order of <paramref name="files"/>.</returns>
    public IReadOnlyList<NabFileRun> Run(
        string detector,
        JsonElement? options,
        IReadOnlyList<NabDataFile> files,
        string resultsRoot,
        int parallelism = 0,
        int scoreDigits = NabScoreDigits,
        IProgress<NabRunProgress>? progress = null,
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
            var series = file.LoadSeries();
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

                if (created is IBatchDetector batch)
                {
                    scores = ScoreBatchCausally(batch, series, RefitPolicyFor(boundOptions, file), descriptor.UnboundedScores, Report, ct);
                }
                else
                {
                    var instance = created as IStreamingDetector
                        ?? throw new InvalidOperationException($"Detector '{descriptor.Name}' ({created.GetType().Name}) implements neither IStreamingDetector nor IBatchDetector.");
                    var context = new SeriesContext(file.ProbationLength, series.Min(), series.Max(), series.Length);
                    scores = StreamingRunner.Run(instance, series, context, Report, ct).Scores.ToArray();
                }
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

            string path = NabResultsFile.PathFor(resultsRoot, detector, file);
            NabResultsFile.Write(path, series, scores, file);
            runs[index] = new NabFileRun(file, path, scores, clock.Elapsed);
            int finished = Interlocked.Increment(ref filesDone);
            progress?.Report(new NabRunProgress(finished, files.Count, Interlocked.Read(ref rowsDone), rowsTotal));
        });

        return runs;
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

    private static RefitPolicy RefitPolicyFor(DetectorOptions options, NabDataFile file) =>
        new(Math.Max(1, file.ProbationLength), (options as IRefitOptions)?.RefitEvery ?? 0, (options as IRefitOptions)?.TrainWindow ?? 0);

    /// <summary>
    /// The NAB scores of a batch detector: <see cref="CausalBatchScorer"/> under <paramref name="policy"/>, with the
    /// training rows holding the first model's in-sample scores, mapped into [0, 1] by <see cref="Vigil.Thresholds.RationalCalibrator"/>
    /// when the detector's scores are unbounded.
    /// </summary>
    /// <remarks>
    /// After the training rows, equal row for row to running the detector through <see cref="BatchAsStreaming"/>
    /// (tested): the score of row t depends only on rows ≤ t within its <see cref="IBatchDetector.ContextLength"/>,
    /// which the conformance kit checks for every batch detector. Scoring per row through the adapter costs one model
    /// call per row; this costs one call per refit period.
    /// </remarks>
    internal static double[] ScoreBatchCausally(IBatchDetector batch, TimeSeries series, RefitPolicy policy, bool unbounded, Action<int>? rowsDone = null, CancellationToken ct = default)
    {
        var scores = CausalBatchScorer.Score(batch, series, policy, scoreTrainingRows: true, rowsDone, ct);
        if (unbounded)
        {
            var calibrator = new Vigil.Thresholds.RationalCalibrator();
            for (int t = 0; t < scores.Length; t++)
            {
                scores[t] = calibrator.Calibrate(scores[t]);
            }
        }

        return scores;
    }
}
