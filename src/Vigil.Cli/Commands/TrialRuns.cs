using System.Globalization;
using Vigil.Experiments.Tracking;
using Vigil.Tuning;
using Vigil.Tuning.Space;

namespace Vigil.Cli.Commands;

/// <summary>
/// The tracking of <c>vigil tune</c>: the command's run holds the study (its settings, best value and parameters, the
/// held-out comparison), and every trial that finishes in this process becomes a child run with its parameters, its
/// state, its value and its intermediate values (one per fold or file group, at step = index), as Optuna's MLflow
/// callback records trials. Trials finish on several workers at once, so logging is serialised.
/// </summary>
internal sealed class TrialRuns(CommandRun parent, SearchSpace space, string detector)
{
    private readonly Lock _gate = new();

    /// <summary>Logs one finished trial as a child run.</summary>
    public void Log(TrialRecord trial)
    {
        lock (_gate)
        {
            var run = parent.StartChild($"trial {trial.Number}", new Dictionary<string, string>
            {
                ["trial.number"] = trial.Number.ToString(CultureInfo.InvariantCulture),
                ["trial.state"] = trial.State.ToString().ToLowerInvariant(),
            });
            try
            {
                run.LogDetector(detector, space.ToOptions(trial.Parameters).ToJsonString());
                for (int i = 0; i < trial.Intermediates.Count; i++)
                {
                    run.LogMetric("intermediate", trial.Intermediates[i], i);
                }

                if (trial.State == TrialState.Complete && trial.Value is double value)
                {
                    run.LogMetric("value", value);
                }

                if (trial.State != TrialState.Failed)
                {
                    run.Complete();
                }
            }
            finally
            {
                run.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Logs the study's settings and outcome on the command's run.</summary>
    public void LogStudy(TuningReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            var run = parent.Run;
            run.LogParameters(new Dictionary<string, string>
            {
                ["detector"] = report.Study.Detector,
                ["study"] = report.Study.Name,
                ["metric"] = report.Study.Metric,
                ["direction"] = report.Study.Direction.ToString().ToLowerInvariant(),
                ["sampler"] = report.Study.Sampler,
                ["pruner"] = report.Study.Pruner,
                ["seed"] = report.Study.Seed.ToString(CultureInfo.InvariantCulture),
                ["data"] = report.Study.Data,
            });
            run.LogMetric("trials", report.Trials.Count);
            run.LogMetric("trials.pruned", report.Trials.Count(t => t.State == TrialState.Pruned));
            if (report.Best is { Value: double best } trial)
            {
                run.LogMetric("best_value", best);
                run.LogMetric("best_trial", trial.Number);
                run.LogParameters(space.ToOptions(trial.Parameters).ToDictionary(p => "best." + p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal));
            }

            if (report.Comparison is { } c)
            {
                run.LogMetric("tuned.default", c.DefaultTune);
                run.LogMetric("tuned.best", c.BestTune);
                run.LogMetric("holdout.default", c.DefaultHoldout);
                run.LogMetric("holdout.best", c.BestHoldout);
            }
        }
    }
}
