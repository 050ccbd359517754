using System.Globalization;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Tuning.Objectives;

/// <summary>
/// The objective metric of a study, named as on the command line: <c>nab.standard</c>, <c>nab.reward_low_FP_rate</c>,
/// <c>nab.reward_low_FN_rate</c>; <c>f1.pointwise</c>, <c>f1.point-adjusted</c>, <c>f1.event</c>, <c>f1.composite</c> (best F1), optionally
/// <c>@pNN</c> (F1 with each file's threshold at the NN-th percentile of its training rows); <c>loss</c>.
/// </summary>
/// <param name="Name">Canonical name.</param>
/// <param name="Kind">What it measures.</param>
/// <param name="Profile">NAB profile (for <see cref="TuningMetricKind.Nab"/>).</param>
/// <param name="Mode">F1 counting mode.</param>
/// <param name="Percentile">Percentile for <see cref="TuningMetricKind.PercentileF1"/>.</param>
public sealed record TuningMetric(string Name, TuningMetricKind Kind, NabProfile? Profile = null, F1Mode Mode = F1Mode.Pointwise, double Percentile = 0)
{
    /// <summary>Larger is better except for the loss.</summary>
    public StudyDirection Direction => Kind == TuningMetricKind.Loss ? StudyDirection.Minimize : StudyDirection.Maximize;

    /// <summary>Every name <see cref="Parse"/> accepts (percentile forms shown once).</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        .. NabProfile.Defaults.Select(p => "nab." + p.Name), "f1.pointwise", "f1.point-adjusted", "f1.event", "f1.composite", "f1.event@p99", "loss",
    ];

    /// <summary>Parses a metric name (case-insensitive).</summary>
    /// <exception cref="FormatException">Unknown name; the message lists the valid ones.</exception>
    public static TuningMetric Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Equals("loss", StringComparison.OrdinalIgnoreCase))
        {
            return new TuningMetric("loss", TuningMetricKind.Loss);
        }

        if (t.StartsWith("nab.", StringComparison.OrdinalIgnoreCase))
        {
            var profile = NabProfile.Defaults.FirstOrDefault(p => p.Name.Equals(t[4..], StringComparison.OrdinalIgnoreCase));
            if (profile is not null)
            {
                return new TuningMetric("nab." + profile.Name, TuningMetricKind.Nab, profile);
            }
        }

        if (t.StartsWith("f1.", StringComparison.OrdinalIgnoreCase))
        {
            string rest = t[3..];
            double? percentile = null;
            int at = rest.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
            {
                string p = rest[(at + 1)..];
                if (p.Length < 2 || char.ToLowerInvariant(p[0]) != 'p' || !double.TryParse(p[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v is < 0 or > 100)
                {
                    throw new FormatException($"Unknown metric '{text}': the threshold part must be @pNN with NN in 0..100, e.g. f1.event@p99.");
                }

                percentile = v;
                rest = rest[..at];
            }

            F1Mode? mode = rest.ToLowerInvariant() switch
            {
                "pointwise" or "point" => F1Mode.Pointwise,
                "point-adjusted" or "pa" => F1Mode.PointAdjusted,
                "event" => F1Mode.Event,
                "composite" => F1Mode.Composite,
                _ => null,
            };
            if (mode is { } m)
            {
                string name = "f1." + (m switch { F1Mode.Pointwise => "pointwise", F1Mode.PointAdjusted => "point-adjusted", F1Mode.Composite => "composite", _ => "event" });
                return percentile is { } pc
                    ? new TuningMetric(string.Create(CultureInfo.InvariantCulture, $"{name}@p{pc}"), TuningMetricKind.PercentileF1, null, m, pc)
                    : new TuningMetric(name, TuningMetricKind.BestF1, null, m);
            }
        }

        throw new FormatException($"Unknown metric '{text}'. Known: {string.Join(", ", KnownNames)} (any f1 mode takes @pNN).");
    }
}
