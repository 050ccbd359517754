using System.Globalization;
using System.Text.Json;
using Vigil.Detection;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Experiments.Tracking;

/// <summary>What Vigil's jobs log, under the same names everywhere (so runs of different commands compare).</summary>
public static class RunLogging
{
    /// <summary>Logs the detector's name and every option of <paramref name="optionsJson"/> as <c>option.&lt;path&gt;</c>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="detector">Registry name.</param>
    /// <param name="optionsJson">The effective options as JSON (defaults included).</param>
    public static void LogDetector(this IRun run, string detector, string optionsJson)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["detector"] = detector };
        using var document = JsonDocument.Parse(optionsJson);
        Flatten(document.RootElement, "option", parameters);
        run.LogParameters(parameters);
    }

    /// <summary>Logs one epoch: <c>loss</c>, <c>val_loss</c> (when there is a validation split) and <c>epoch_seconds</c>, at step = epoch.</summary>
    public static void LogEpoch(this IRun run, TrainingEpoch epoch)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(epoch);
        run.LogMetric("loss", epoch.TrainingLoss, epoch.Epoch);
        if (double.IsFinite(epoch.ValidationLoss))
        {
            run.LogMetric("val_loss", epoch.ValidationLoss, epoch.Epoch);
        }

        run.LogMetric("epoch_seconds", epoch.Elapsed.TotalSeconds, epoch.Epoch);
    }

    /// <summary>A progress sink that logs each epoch to <paramref name="run"/> and passes it on to <paramref name="next"/>.</summary>
    public static IProgress<TrainingEpoch> EpochLogger(this IRun run, IProgress<TrainingEpoch>? next) => new EpochSink(run, next);

    /// <summary>Logs the size and speed of a run over corpus files: <c>files</c>, <c>rows</c>, <c>seconds</c>, <c>rows_per_second</c>.</summary>
    public static void LogThroughput(this IRun run, int files, long rows, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.LogMetric("files", files);
        run.LogMetric("rows", rows);
        run.LogMetric("seconds", elapsed.TotalSeconds);
        run.LogMetric("rows_per_second", rows / Math.Max(1e-9, elapsed.TotalSeconds));
    }

    /// <summary>Logs NAB's normalised score, raw score and threshold of each profile: <c>nab.standard</c>, <c>nab.standard.threshold</c>, …</summary>
    public static void LogNabScores(this IRun run, IReadOnlyList<NabProfileResult> profiles)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(profiles);
        foreach (var profile in profiles)
        {
            string key = "nab." + MetricName(profile.Profile.Name);
            run.LogMetric(key, profile.NormalizedScore);
            run.LogMetric(key + ".raw", profile.RawScore);
            run.LogMetric(key + ".threshold", profile.Threshold);
        }
    }

    /// <summary>
    /// Logs precision, recall and F1 of each report: <c>f1.&lt;mode&gt;</c> at the rule's threshold and <c>best_f1.&lt;mode&gt;</c>
    /// at the best-F1 threshold (modes: pointwise, point_adjusted, event, composite), with <c>precision.*</c> and <c>recall.*</c> beside them.
    /// </summary>
    public static void LogF1(this IRun run, IReadOnlyList<F1Report> reports)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var report in reports)
        {
            string mode = report.Mode switch
            {
                F1Mode.Pointwise => "pointwise",
                F1Mode.PointAdjusted => "point_adjusted",
                F1Mode.Event => "event",
                F1Mode.Composite => "composite",
                _ => MetricName(report.Mode.ToString()),
            };
            string prefix = report.BestF1 ? "best_" : "";
            run.LogMetric($"{prefix}f1.{mode}", report.Total.F1);
            run.LogMetric($"{prefix}precision.{mode}", report.Total.Precision);
            run.LogMetric($"{prefix}recall.{mode}", report.Total.Recall);
            if (report.BestF1)
            {
                run.LogMetric($"best_f1.{mode}.threshold", report.Threshold);
            }
        }
    }

    /// <summary>
    /// The tracked name of a metric that training measures (<see cref="Vigil.Persistence.ModelTrainer"/>'s camelCase names):
    /// <c>validationLoss</c> is <c>val_loss</c> as <see cref="LogEpoch"/> logs it, and every camelCase segment becomes
    /// snake_case (<c>f1.pointAdjusted</c> → <c>f1.point_adjusted</c>, as <see cref="LogF1"/> names it).
    /// </summary>
    public static string TrainingMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "validationLoss")
        {
            return "val_loss";
        }

        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return MetricName(text.ToString());
    }

    /// <summary>Turns a profile or mode name into a metric-name segment: lowercase, '-' and ' ' as '_'.</summary>
    public static string MetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
    }

    private static void Flatten(JsonElement element, string path, IDictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{path}.{property.Name}", into);
                }

                break;
            case JsonValueKind.String:
                into[path] = element.GetString()!;
                break;
            case JsonValueKind.Null:
                into[path] = "null";
                break;
            default:
                // Numbers, booleans and arrays keep their JSON text: 0.001, true, [1,2].
                into[path] = element.GetRawText();
                break;
        }
    }

    private sealed class EpochSink(IRun run, IProgress<TrainingEpoch>? next) : IProgress<TrainingEpoch>
    {
        public void Report(TrainingEpoch value)
        {
            run.LogEpoch(value);
            next?.Report(value);
        }
    }
}
