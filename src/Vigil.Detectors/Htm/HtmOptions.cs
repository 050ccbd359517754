using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Htm;

/// <summary>Options of <see cref="HtmDetector"/>; the defaults are the parameters of NAB's numenta detector, with NuPIC 1.0 behaviour.</summary>
public sealed record HtmOptions : DetectorOptions
{
    /// <summary>
    /// Which NuPIC build to reproduce: <c>r1</c> (NuPIC 1.0.5, NAB's current requirement) or <c>r0</c>
    /// (NuPIC 0.5.6, the build behind NAB's shipped numenta results, reproduced bit for bit).
    /// </summary>
    public HtmVariant Variant { get; init; } = Defaults.Variant;

    /// <summary>Spatial-pooler columns. More columns separate inputs better but cost memory and time linearly; NAB uses 2048.</summary>
    [Range(64, 16384)]
    public int ColumnCount { get; init; } = Defaults.ColumnCount;

    /// <summary>Columns active per row (sparsity). Must be at most half of <see cref="ColumnCount"/>; NAB uses 40 (2 %).</summary>
    [Range(1, 8192)]
    public int NumActiveColumns { get; init; } = Defaults.NumActiveColumns;

    /// <summary>Cells per column: how many distinct contexts a column can represent. Fewer cells learn faster but confuse longer sequences; NAB uses 32.</summary>
    [Range(2, 64)]
    public int CellsPerColumn { get; init; } = Defaults.CellsPerColumn;

    /// <summary>Active synapses a segment needs to predict its cell. Lower values predict more eagerly (fewer raw anomalies, more false predictions); NAB uses 13.</summary>
    [Range(1, 64)]
    public int ActivationThreshold { get; init; } = Defaults.ActivationThreshold;

    /// <summary>Active synapses a segment needs to be reused when choosing a learning cell. Lower values reuse segments more; NAB uses 10.</summary>
    [Range(1, 64)]
    public int MinThreshold { get; init; } = Defaults.MinThreshold;

    /// <summary>Synapses a learning segment grows to per step. More synapses make predictions more specific; NAB uses 20.</summary>
    [Range(1, 64)]
    public int NewSynapseCount { get; init; } = Defaults.NewSynapseCount;

    /// <summary>Permanence of a new TM synapse. Closer to 0.5 (connected) learns sequences in fewer repetitions; NAB uses 0.21.</summary>
    [Range(0.0, 1.0)]
    public double InitialPermanence { get; init; } = Defaults.InitialPermanence;

    /// <summary>TM permanence increment on reinforcement. Larger values learn faster and forget faster; NAB uses 0.1.</summary>
    [Range(0.0, 1.0)]
    public double PermanenceIncrement { get; init; } = Defaults.PermanenceIncrement;

    /// <summary>TM permanence decrement of a reinforced segment's inactive synapses. Larger values prune faster; NAB uses 0.1.</summary>
    [Range(0.0, 1.0)]
    public double PermanenceDecrement { get; init; } = Defaults.PermanenceDecrement;

    /// <summary>Segments per cell before the least used one is evicted; NAB uses 128.</summary>
    [Range(1, 1024)]
    public int MaxSegmentsPerCell { get; init; } = Defaults.MaxSegmentsPerCell;

    /// <summary>Synapses per segment before the weakest are freed; NAB uses 32.</summary>
    [Range(1, 255)]
    public int MaxSynapsesPerSegment { get; init; } = Defaults.MaxSynapsesPerSegment;

    /// <summary>Steps the TM keeps its learning state without successful predictions. Longer tolerates noisier sequences; NAB uses 3.</summary>
    [Range(1, 100)]
    public int PamLength { get; init; } = Defaults.PamLength;

    /// <summary>Spatial-pooler boost strength; 0 (NAB) disables boosting, a few units make rarely used columns compete harder.</summary>
    [Range(0.0, 100.0)]
    public double BoostStrength { get; init; } = Defaults.BoostStrength;

    /// <summary>
    /// RDSE bucket width. 0 (default) derives it as NAB does: max(0.001, (range padded by 20 % each side) / <see cref="NumBuckets"/>)
    /// from the input range the harness provides (or from the first value when none is given). A positive value is used as is;
    /// smaller buckets see finer changes but generalise less.
    /// </summary>
    [Range(0.0, 1e300)]
    public double Resolution { get; init; } = Defaults.Resolution;

    /// <summary>Buckets the padded input range is divided into when <see cref="Resolution"/> is 0. More buckets see finer changes; NAB uses 130.</summary>
    [Range(1, 999)]
    public int NumBuckets { get; init; } = Defaults.NumBuckets;

    /// <summary>Records of (value, raw score) the likelihood is fitted to. Longer windows give steadier but slower-adapting likelihoods; NAB uses 8640.</summary>
    [Range(10, 1_000_000)]
    public int HistoricWindowSize { get; init; } = Defaults.HistoricWindowSize;

    /// <summary>Rows between re-fits of the likelihood distribution. Smaller adapts sooner, costs more; NAB uses 100.</summary>
    [Range(1, 100_000)]
    public int ReestimationPeriod { get; init; } = Defaults.ReestimationPeriod;

    /// <summary>
    /// Probationary length used when the harness gives none (rows scored 0.5-likelihood while the model learns; the first half is
    /// excluded from the fit). NAB's harness always gives one (15 % of the file, at most 750); shorter values score earlier.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ProbationLength { get; init; } = Defaults.ProbationLength;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (NumActiveColumns * 2 > ColumnCount)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(NumActiveColumns)), $"must be at most half of columnCount ({ColumnCount}), got {NumActiveColumns}.");
        }

        if (NewSynapseCount > MaxSynapsesPerSegment)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(NewSynapseCount)), $"must not exceed maxSynapsesPerSegment ({MaxSynapsesPerSegment}), got {NewSynapseCount}.");
        }
    }

    /// <summary>Default values: NAB's numenta detector parameters (htm.md §2, §5.1, §6.2).</summary>
    public static class Defaults
    {
        /// <summary>NuPIC 1.0 behaviour.</summary>
        public const HtmVariant Variant = HtmVariant.R1;

        /// <summary>NAB: 2048.</summary>
        public const int ColumnCount = 2048;

        /// <summary>NAB: 40.</summary>
        public const int NumActiveColumns = 40;

        /// <summary>NAB: 32.</summary>
        public const int CellsPerColumn = 32;

        /// <summary>NAB: 13.</summary>
        public const int ActivationThreshold = 13;

        /// <summary>NAB: 10.</summary>
        public const int MinThreshold = 10;

        /// <summary>NAB: 20.</summary>
        public const int NewSynapseCount = 20;

        /// <summary>NAB: 0.21.</summary>
        public const double InitialPermanence = 0.21;

        /// <summary>NAB: 0.1.</summary>
        public const double PermanenceIncrement = 0.1;

        /// <summary>NAB: 0.1.</summary>
        public const double PermanenceDecrement = 0.1;

        /// <summary>NAB: 128.</summary>
        public const int MaxSegmentsPerCell = 128;

        /// <summary>NAB: 32.</summary>
        public const int MaxSynapsesPerSegment = 32;

        /// <summary>NAB: 3.</summary>
        public const int PamLength = 3;

        /// <summary>NAB: 0 (no boosting).</summary>
        public const double BoostStrength = 0.0;

        /// <summary>0: derived from the input range as NAB does.</summary>
        public const double Resolution = 0.0;

        /// <summary>NAB: 130.</summary>
        public const int NumBuckets = 130;

        /// <summary>NAB: 8640.</summary>
        public const int HistoricWindowSize = 8640;

        /// <summary>NAB: 100.</summary>
        public const int ReestimationPeriod = 100;

        /// <summary>NAB's cap: 0.15 · 5000.</summary>
        public const int ProbationLength = 750;
    }
}
