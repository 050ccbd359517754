using Vigil.Detection;
using Vigil.Thresholds;

namespace Vigil.Detectors.Htm;

/// <summary>
/// The HTM anomaly detector of NAB's <c>numenta</c> entry: a port of NuPIC's TemporalAnomaly model (date and
/// RDSE encoders, spatial pooler, backtracking temporal memory) with the anomaly likelihood and NAB's
/// log transform and spatial-anomaly rule.
/// </summary>
/// <remarks>
/// <para>
/// Specified in docs/htm.md (shared docs). With <see cref="HtmVariant.R0"/> and default options the raw scores
/// equal NuPIC 0.5.6's shipped NAB results bit for bit; <see cref="HtmVariant.R1"/> follows NuPIC 1.0.5.
/// Scores are in [0, 1]: ≈0.0301 during probation, 1.0 for values outside the running range by more than
/// 5 %. Seed 0 uses NuPIC's seeds (RDSE 42, SP 1956, TM 1960); seed s uses 42 + s, 1956 + s and 1960 + s.
/// </para>
/// <para>
/// The model is built on the first <see cref="Step"/>, when the RDSE resolution is known (from the options
/// or from the range given to <see cref="Prepare"/>). Only the hour and minute of the timestamp are used,
/// so gaps in time need no handling. Not thread-safe: one instance per series.
/// </para>
/// </remarks>
public sealed class HtmDetector : DetectorBase<HtmOptions>, IStreamingDetector, ISeriesContextAware, Vigil.Persistence.IPersistable, Vigil.Persistence.IExportableModel
{
    /// <summary>Version of the state layout <see cref="WriteState"/> writes.</summary>
    public const int StateVersion = 1;

    private const uint StateMagic = 0x4D544856; // "VHTM"

    private const ulong RdseSeed = 42;
    private const ulong SpSeed = 1956;
    private const ulong TmSeed = 1960;

    private SeriesContext? _context;
    private double _resolution;
    private int _probation;
    private HtmModel? _model;
    private NumentaPostProcessor? _post;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public HtmDetector(HtmOptions options)
        : base(options, Descriptor)
    {
    }

    /// <summary>Registry entry: <c>htm</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "htm",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(HtmOptions),
        StateVersion: StateVersion,
        Create: options => new HtmDetector((HtmOptions)options),
        Restore: (options, reader, version) => Restore((HtmOptions)options, reader, version),
        Summary: "HTM (NuPIC's numenta detector): SP + backtracking TM raw anomaly, anomaly likelihood, NAB's log and spatial rules.");

    /// <summary>The raw anomaly score of the last step (fraction of unpredicted active columns, as float).</summary>
    public float LastRawScore { get; private set; }

    /// <summary>The model, once the first step has built it.</summary>
    public HtmModel? Model => _model;

    /// <summary>Takes the probationary length and the input range as NAB's harness gives them.</summary>
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_model is not null)
        {
            throw new InvalidOperationException("Prepare must be called before the first Step.");
        }

        _context = context;
    }

    /// <summary>The RDSE resolution NAB derives from a value range (htm.md §2).</summary>
    public static double NabResolution(double inputMin, double inputMax, int numBuckets = HtmOptions.Defaults.NumBuckets)
    {
        double pad = Math.Abs(inputMax - inputMin) * 0.2;
        double lo = inputMin - pad;
        double hi = inputMax + pad;
        if (lo == hi)
        {
            hi = lo + 1;
        }

        return Math.Max(0.001, (hi - lo) / numBuckets);
    }

    /// <summary>Scores <paramref name="x"/> and learns from it.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite (the model has no encoding for it).</exception>
    public double Step(in Observation x, bool learn = true)
    {
        double value = x.Value;
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"HTM cannot encode the value {value} at {x.Timestamp:O}; values must be finite.", nameof(x));
        }

        if (_model is null)
        {
            Build(value);
        }

        float raw = _model!.Step(x.Timestamp.Hour, x.Timestamp.Minute, value, learn);
        LastRawScore = raw;
        double score = _post!.Score(value, raw);
        // Only reachable in R0 when the likelihood is exactly 1 − 1e-10 or beyond; NAB requires [0, 1].
        return Math.Clamp(score, 0.0, 1.0);
    }

    /// <summary>Forgets everything: the next step starts a fresh model (NuPIC's models have no cheaper reset that keeps the likelihood consistent).</summary>
    public void Reset()
    {
        _model = null;
        _post = null;
    }

    /// <summary>
    /// Writes the detector's complete state (versioned, <see cref="StateVersion"/>): the harness context, and
    /// once built, the model (RDSE buckets, SP permanences and duty cycles, every TM segment and state) and the
    /// likelihood. A detector restored from it continues bit for bit.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DetectorStateHeader.Write(writer, StateMagic, StateVersion);
        DetectorStateHeader.WriteContext(writer, _context);

        writer.Write(_model is not null);
        if (_model is not null)
        {
            writer.Write(_resolution);
            writer.Write(_probation);
            writer.Write(LastRawScore);
            _model.WriteState(writer);
            _post!.WriteState(writer);
        }
    }

    /// <summary>Restores a detector from state written by <see cref="WriteState"/> with the same options.</summary>
    /// <exception cref="InvalidDataException">The state is not an HTM state or its version is newer than this code.</exception>
    public static HtmDetector Restore(HtmOptions options, BinaryReader reader, int storedVersion)
    {
        DetectorStateHeader.Check(reader, "HTM", "an", StateMagic, StateVersion, storedVersion);
        var detector = new HtmDetector(options);

        detector._context = DetectorStateHeader.ReadContext(reader);

        if (reader.ReadBoolean())
        {
            double resolution = reader.ReadDouble();
            int probation = reader.ReadInt32();
            detector.LastRawScore = reader.ReadSingle();
            detector.Build(double.NaN, resolution, probation);
            detector._model!.ReadState(reader);
            detector._post!.ReadState(reader);
        }

        return detector;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ExportFormats { get; } = ["json"];

    /// <summary>Exports the temporal memory's learned connections as JSON (<c>json</c>, see <see cref="WriteConnectionsJson"/>).</summary>
    public void Export(string format, Stream destination)
    {
        if (format != "json")
        {
            throw new NotSupportedException($"htm exports json (its learned connections), not {format}.");
        }

        if (_model is null)
        {
            throw new NotSupportedException("htm has learned nothing yet (no row was stepped), so there are no connections to export.");
        }

        WriteConnectionsJson(destination);
    }

    /// <summary>Writes the TM's learned connections as JSON (nothing before the first step).</summary>
    public void WriteConnectionsJson(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _model?.TemporalMemory.WriteConnectionsJson(destination);
    }

    private void Build(double firstValue, double knownResolution = 0, int knownProbation = -1)
    {
        var o = Options;
        double resolution = knownResolution > 0 ? knownResolution
            : o.Resolution > 0 ? o.Resolution
            : _context is { HasInputRange: true } c ? NabResolution(c.InputMin, c.InputMax, o.NumBuckets)
            : NabResolution(firstValue, firstValue, o.NumBuckets);
        ulong seed = (ulong)o.Seed;
        var tm = new HtmTemporalMemoryParameters
        {
            ColumnCount = o.ColumnCount,
            CellsPerColumn = o.CellsPerColumn,
            ActivationThreshold = o.ActivationThreshold,
            MinThreshold = o.MinThreshold,
            NewSynapseCount = o.NewSynapseCount,
            InitialPermanence = (float)o.InitialPermanence,
            PermanenceIncrement = (float)o.PermanenceIncrement,
            PermanenceDecrement = (float)o.PermanenceDecrement,
            MaxSegmentsPerCell = o.MaxSegmentsPerCell,
            MaxSynapsesPerSegment = o.MaxSynapsesPerSegment,
            PamLength = o.PamLength,
            Seed = TmSeed + seed,
        };
        _resolution = resolution;
        _model = new HtmModel(resolution, o.Variant, tm, o.ColumnCount, o.NumActiveColumns, RdseSeed + seed, SpSeed + seed, o.BoostStrength);
        int probation = knownProbation >= 0 ? knownProbation : _context?.ProbationLength ?? o.ProbationLength;
        _probation = probation;
        var likelihood = new AnomalyLikelihood(probation, o.HistoricWindowSize, o.ReestimationPeriod, twoSided: o.Variant == HtmVariant.R1);
        _post = new NumentaPostProcessor(likelihood);
    }
}
