using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Ensemble;

/// <summary>Options of <see cref="EnsembleDetector"/>.</summary>
public sealed record EnsembleOptions : DetectorOptions
{
    /// <summary>
    /// The member detectors, by registry name, separated by <c>;</c>, each optionally followed by its options as a JSON
    /// object, e.g. <c>artime; context-ose; htm {"variant":"r0"}</c>. Members must be streaming detectors with scores in
    /// [0, 1] (scores are clamped); they all see every row.
    /// </summary>
    public string Members { get; init; } = Defaults.Members;

    /// <summary>One weight per member, comma-separated (e.g. <c>1, 0.5, 0.5</c>); each member's score is multiplied by its weight before combining.</summary>
    public string Weights { get; init; } = Defaults.Weights;

    /// <summary>How the weighted scores are combined: <c>max</c>, <c>noisyOr</c> or <c>mean</c>.</summary>
    public EnsembleRule Rule { get; init; } = Defaults.Rule;

    /// <summary>
    /// Rows over which a combined score must be a new maximum to be reported (0 = off): a row scores 0 unless its combined
    /// score exceeds every combined score of the previous <c>peakWindow</c> rows. This keeps one alarm per burst whatever
    /// the threshold. Larger windows suppress more repeats (and more genuine second alarms).
    /// </summary>
    [Range(0, 1_000_000)]
    public int PeakWindow { get; init; } = Defaults.PeakWindow;

    /// <summary>The parsed members.</summary>
    /// <exception cref="FormatException">The text is malformed.</exception>
    public IReadOnlyList<EnsembleMember> ParsedMembers() => EnsembleMember.ParseList(Members);

    /// <summary>The parsed weights.</summary>
    /// <exception cref="FormatException">A weight is not a finite non-negative number.</exception>
    public double[] ParsedWeights()
    {
        var parts = Weights.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]) || !double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new FormatException($"weight {i + 1} '{parts[i]}' is not a finite number ≥ 0.");
            }
        }

        return weights;
    }

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        int members = -1;
        string? memberError = null;
        try
        {
            members = ParsedMembers().Count;
        }
        catch (FormatException e)
        {
            memberError = e.Message;
        }

        if (memberError is not null)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Members)), memberError);
        }
        else if (members == 0)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Members)), "needs at least one member.");
        }

        double[]? weights = null;
        string? weightError = null;
        try
        {
            weights = ParsedWeights();
        }
        catch (FormatException e)
        {
            weightError = e.Message;
        }

        if (weightError is not null)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Weights)), weightError);
        }
        else if (members > 0 && weights!.Length != members)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Weights)), $"needs one weight per member ({members}), got {weights.Length}.");
        }
        else if (weights is not null && weights.All(w => w == 0))
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Weights)), "at least one weight must be positive.");
        }
    }

    /// <summary>Default values (docs/detectors/ensemble.md explains the choice).</summary>
    public static class Defaults
    {
        /// <summary>
        /// contextOSE and htm as NAB ran them. With the <c>artime</c> port registered, the studied configuration is
        /// <c>artime; context-ose; htm {"variant":"r0"}</c> with weights <c>1, 0.75, 0.75</c> (docs/detectors/ensemble.md).
        /// </summary>
        public const string Members = "context-ose; htm {\"variant\":\"r0\"}";

        /// <summary>Equal weights (see docs/detectors/ensemble.md for the study of weights).</summary>
        public const string Weights = "0.75, 0.75";

        /// <summary>Weighted maximum.</summary>
        public const EnsembleRule Rule = EnsembleRule.Max;

        /// <summary>Off.</summary>
        public const int PeakWindow = 0;
    }
}
