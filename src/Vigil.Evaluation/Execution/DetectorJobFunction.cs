using System.Diagnostics;
using System.Text.Json;
using Vigil.Detection;
using Vigil.Evaluation.Nab;
using Vigil.Pipeline;

namespace Vigil.Evaluation.Execution;

/// <summary>
/// The work of one <see cref="DetectorJob"/>, shared by every executor: build a fresh detector, run it causally over the
/// series as <see cref="NabRunner"/> always has, check that every score is in [0, 1] and round the scores.
/// </summary>
/// <remarks>Thread safety: stateless; each call builds and disposes its own detector.</remarks>
public static class DetectorJobFunction
{
    /// <summary>Runs <paramref name="job"/>.</summary>
    /// <param name="registry">Builds the detector.</param>
    /// <param name="job">The job.</param>
    /// <param name="worker">Where it runs, recorded in the result.</param>
    /// <param name="rowsDone">Receives the rows scored so far (cumulative), from the calling thread.</param>
    /// <param name="ct">Stops the job between rows.</param>
    /// <exception cref="InvalidOperationException">The detector produced a score outside [0, 1].</exception>
    public static DetectorJobResult Run(DetectorRegistry registry, DetectorJob job, string worker, Action<int>? rowsDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(job);
        if (job.ScoreDigits is < 0 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(job), job.ScoreDigits, "Score digits must be 0 (full precision) or 1..17.");
        }

        var clock = Stopwatch.StartNew();
        var descriptor = registry.Get(job.Detector);
        JsonElement? options = job.OptionsJson is null ? null : JsonDocument.Parse(job.OptionsJson).RootElement.Clone();
        var created = descriptor.Create(OptionsBinder.Bind(descriptor, options));
        double[] scores;
        try
        {
            var run = CausalRun.Execute(created, new CausalRunRequest(job.Series)
            {
                TrainLength = Math.Max(1, job.TrainLength),
                InputMin = job.Series.Min(),
                InputMax = job.Series.Max(),
                UnitInterval = true,
                ScoreTrainingRows = true,
            }, rowsDone, ct);
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
                throw new InvalidOperationException($"Detector '{job.Detector}' produced score {scores[i]} at row {i} of {job.Series.Id}; NAB requires anomaly scores in [0, 1].");
            }

            if (job.ScoreDigits > 0)
            {
                scores[i] = NabRunner.RoundToSignificantDigits(scores[i], job.ScoreDigits);
            }
        }

        return new DetectorJobResult(job.Id, scores, clock.Elapsed, worker);
    }
}
