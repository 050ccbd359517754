using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Thresholds;
using Vigil.Validation;

namespace Vigil.Pipeline;

/// <summary>
/// What calibrates a detector's raw scores, causally, before thresholds are applied: a serialisable description (JSON
/// through <see cref="ToJson"/>/<see cref="FromJson"/>, or as the <c>calibration</c> key of any detector's options)
/// from which <see cref="Create"/> builds a fresh <see cref="ICausalCalibrator"/> per series.
/// </summary>
/// <remarks>
/// Stages, in order: optionally the rise of each raw score above the smallest of the previous ones
/// (<see cref="RiseWindow"/>); an optional EWMA of the raw scores (<see cref="SmoothingAlpha"/>); the calibrator
/// (<see cref="Method"/>); optionally NAB's log transform of the calibrated probability (<see cref="LogScale"/>). Every
/// stage uses only the rows up to the current one. In JSON the spec is an object (camelCase keys, the method in kebab
/// case) or just the method's name, e.g. <c>"likelihood"</c>.
/// </remarks>
[JsonConverter(typeof(CalibrationSpecJsonConverter))]
public sealed record CalibrationSpec
{
    /// <summary>No calibration: raw scores go straight to the thresholder.</summary>
    public static CalibrationSpec None { get; } = new();

    /// <summary>NAB's anomaly likelihood with NuPIC's windows, one-sided, log-scaled.</summary>
    public static CalibrationSpec Likelihood { get; } = new() { Method = CalibrationMethod.Likelihood };

    /// <summary>The calibrator.</summary>
    public CalibrationMethod Method { get; init; } = CalibrationMethod.None;

    /// <summary>Likelihood: raw scores in its moving average (NuPIC: 10). Longer windows ignore single spikes and flag sustained shifts.</summary>
    [Range(1, 100_000)]
    public int AveragingWindow { get; init; } = Defaults.AveragingWindow;

    /// <summary>Previous scores the distribution is estimated from (NuPIC: 8640). Longer windows adapt more slowly to a new regime.</summary>
    [Range(2, 1_000_000)]
    public int HistoricWindow { get; init; } = Defaults.HistoricWindow;

    /// <summary>Likelihood: rows between re-estimations of the distribution (NuPIC: 100).</summary>
    [Range(1, 1_000_000)]
    public int ReestimationPeriod { get; init; } = Defaults.ReestimationPeriod;

    /// <summary>Likelihood: also treat unusually low averages as anomalous (htm's R1 mirror); false for scores where only high is bad.</summary>
    public bool TwoSided { get; init; }

    /// <summary>Apply NAB's log transform <c>ln(1.0000000001 − p) / ln(1e-10)</c> to the calibrated probability, which separates values near 1.</summary>
    public bool LogScale { get; init; } = true;

    /// <summary>
    /// For detectors whose raw scores are unbounded (<see cref="Vigil.Detection.DetectorDescriptor.UnboundedScores"/>):
    /// whether the calibrator receives them mapped into [0, 1) by x / (1 + x) (true: the behaviour before 2026-12-06,
    /// which saved models keep) or as they are (false, the default). The map compresses exactly the large scores a
    /// tail probability is meant to single out: on NAB, lstm-autoencoder's likelihood scores 33.21 standard with it and
    /// 60.01 without (docs/calibration.md). Scores already in [0, 1] are never mapped.
    /// </summary>
    public bool BoundRawScores { get; init; }

    /// <summary>
    /// Rows of the rise: when positive, each raw score is replaced by how far it rises above the smallest of the
    /// previous <c>RiseWindow</c> raw scores (0 when it does not), before smoothing and calibration; 0 (the default)
    /// leaves raw scores as they are. For detectors that score a window ending at t (isolation-forest), an anomaly
    /// keeps every window that contains it unusual, so its raw score stays high for a window's length and a level that
    /// stays unusual keeps it high for good; the rise keeps the moment it appears and lets the rest fall back to 0
    /// (docs/calibration.md, "isolation-forest: scoring the rise").
    /// </summary>
    [Range(0, 100_000)]
    public int RiseWindow { get; init; }

    /// <summary>Weight of the newest raw score in an EWMA applied before calibrating, in (0, 1]; 1 = no smoothing.</summary>
    [Range(1e-6, 1.0)]
    public double SmoothingAlpha { get; init; } = 1.0;

    /// <summary>Whether this spec leaves scores unchanged (no calibrator, no rise and no smoothing).</summary>
    [JsonIgnore]
    public bool IsNone => Method == CalibrationMethod.None && SmoothingAlpha >= 1.0 && RiseWindow == 0;

    /// <summary>Every error in the spec, keys prefixed with <c>calibration.</c>.</summary>
    public IEnumerable<OptionError> Validate() =>
        OptionValidator.FromAttributes(this).Select(e => e with { Key = "calibration." + e.Key });

    /// <summary>A fresh calibrator for one series whose probationary period is <paramref name="probation"/> rows (the likelihood scores 0.5 there).</summary>
    public ICausalCalibrator Create(int probation) => new CalibrationStage(this, Math.Max(0, probation));

    /// <summary>The kebab-case name of a method: <c>none</c>, <c>likelihood</c>, <c>ecdf</c>, <c>gaussian-tail</c>.</summary>
    public static string NameOf(CalibrationMethod method) => JsonNamingPolicy.KebabCaseLower.ConvertName(method.ToString());

    /// <summary>Names accepted by <see cref="ParseMethod"/>.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = Enum.GetValues<CalibrationMethod>().Select(NameOf).ToArray();

    /// <summary>Parses a method name (<see cref="MethodNames"/>), case-insensitively.</summary>
    /// <exception cref="FormatException">Not a method name; the message lists them.</exception>
    public static CalibrationMethod ParseMethod(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var method in Enum.GetValues<CalibrationMethod>())
        {
            if (string.Equals(NameOf(method), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        throw new FormatException($"'{text}' is not a calibration: use one of {string.Join(", ", MethodNames)}.");
    }

    /// <summary>The spec as a JSON object (camelCase keys, kebab-case method).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CalibrationSpecJsonConverter.ObjectOptions);

    /// <summary>Reads a spec written by <see cref="ToJson"/> (or a bare method name in quotes).</summary>
    /// <exception cref="JsonException">Malformed JSON, an unknown key or method, or a value out of range.</exception>
    public static CalibrationSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<CalibrationSpec>(json) ?? throw new JsonException("A calibration spec cannot be null.");
    }

    /// <summary>Compact text for listings: the method, then the settings that differ from the defaults.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string key, object value, object fallback)
        {
            if (!Equals(value, fallback))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
            }
        }

        Add("averagingWindow", AveragingWindow, Defaults.AveragingWindow);
        Add("historicWindow", HistoricWindow, Defaults.HistoricWindow);
        Add("reestimationPeriod", ReestimationPeriod, Defaults.ReestimationPeriod);
        Add("twoSided", TwoSided, false);
        Add("logScale", LogScale, true);
        Add("riseWindow", RiseWindow, 0);
        Add("smoothingAlpha", SmoothingAlpha, 1.0);
        Add("boundRawScores", BoundRawScores, false);
        return parts.Count == 0 ? NameOf(Method) : $"{NameOf(Method)}({string.Join(", ", parts)})";
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>NuPIC's moving-average length.</summary>
        public const int AveragingWindow = AnomalyLikelihood.DefaultAveragingWindow;

        /// <summary>NuPIC's historic window (NAB's detector setting).</summary>
        public const int HistoricWindow = 8640;

        /// <summary>NuPIC's re-estimation period.</summary>
        public const int ReestimationPeriod = 100;
    }
}
