namespace Vigil.Evaluation.Execution;

/// <summary>
/// One unit of work an <see cref="IJobExecutor"/> runs: score one series with a freshly built detector, causally,
/// exactly as a NAB file run does (see <see cref="DetectorJobFunction"/>). A tuning trial or a cross-validation fold is
/// a batch of these jobs, one per file.
/// </summary>
/// <remarks>
/// Jobs are idempotent: the same job always gives the same scores, so an executor may run a job again when the
/// machine that ran it died, and the caller counts the job once by <see cref="Id"/>.
/// </remarks>
/// <param name="Id">Unique within one batch; results carry it back.</param>
/// <param name="Detector">Registry name.</param>
/// <param name="OptionsJson">Detector options as JSON (null = defaults), already validated by the caller.</param>
/// <param name="Series">The rows to score, in file order.</param>
/// <param name="TrainLength">Rows a batch detector trains on first (NAB's probationary length); at least 1.</param>
/// <param name="ScoreDigits">Significant digits the scores are rounded to (NAB's harness: 12); 0 keeps full precision.</param>
public sealed record DetectorJob(string Id, string Detector, string? OptionsJson, TimeSeries Series, int TrainLength, int ScoreDigits);
