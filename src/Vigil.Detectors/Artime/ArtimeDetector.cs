using Vigil.Detection;

namespace Vigil.Detectors.Artime;

/// <summary>
/// ARTime, NAB's scoreboard leader: adaptive resonance theory (a dual-vigilance fuzzy ART network) on Haar-wavelet
/// and level features of the downsampled series, a port of ARTimeNAB.jl as NAB ran it.
/// </summary>
/// <remarks>
/// <para>
/// Specified in docs/detectors/artime.md. With default options and NAB's harness context (the file's minimum,
/// maximum and row count) the scores equal the shipped <c>results/ARTime</c> rows. Scores are 0 except where a new
/// cluster appears outside the masking rules, where they are a confidence in (0, 1] rounded to 6 decimals.
/// </para>
/// <para>
/// ARTime needs the input range and the series length before the first value: it takes them from
/// <see cref="Prepare"/>. Without a range it uses [v₀ − s, v₀ + s] around the first value v₀ with s = max(|v₀|, 1);
/// without a length it uses the 750-row probation of a long file. Values outside the range are clamped to the
/// extreme levels. Timestamps are not used. Not thread-safe: one instance per series.
/// </para>
/// </remarks>
public sealed class ArtimeDetector : DetectorBase<ArtimeOptions>, IStreamingDetector, ISeriesContextAware, Vigil.Persistence.IPersistable
{
    /// <summary>Version of the state layout <see cref="WriteState"/> writes.</summary>
    public const int StateVersion = 1;

    private const uint StateMagic = 0x4D495441; // "ATIM"

    private SeriesContext? _context;
    private ArtimeModel? _model;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public ArtimeDetector(ArtimeOptions options)
        : base(options, Descriptor)
    {
    }

    /// <summary>Registry entry: <c>artime</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "artime",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(ArtimeOptions),
        StateVersion: StateVersion,
        Create: options => new ArtimeDetector((ArtimeOptions)options),
        Restore: (options, reader, version) => Restore((ArtimeOptions)options, reader, version),
        Summary: "ARTime (NAB's leader): dual-vigilance fuzzy ART on Haar-wavelet features of the downsampled series.");

    /// <summary>Takes the input range and the series length as NAB's harness gives them.</summary>
    /// <exception cref="InvalidOperationException">Called after the first step.</exception>
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_model is not null)
        {
            throw new InvalidOperationException("Prepare must be called before the first Step.");
        }

        _context = context;
    }

    /// <summary>Scores <paramref name="x"/> and learns from it.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public double Step(in Observation x, bool learn = true)
    {
        double value = x.Value;
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"ARTime cannot process the value {value} at {x.Timestamp:O}; values must be finite.", nameof(x));
        }

        _model ??= Build(value);
        return _model.Process(value, learn);
    }

    /// <summary>Forgets everything: the next step starts a fresh model (ARTime's timing is tied to the start of the series).</summary>
    public void Reset() => _model = null;

    /// <summary>
    /// Writes the detector's complete state (versioned, <see cref="StateVersion"/>): the harness context and, once
    /// started, the model's range, length, windows, level histogram, vigilances and every category. A detector
    /// restored from it continues bit for bit. Little-endian, as <see cref="BinaryWriter"/> writes.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DetectorStateHeader.Write(writer, StateMagic, StateVersion);
        DetectorStateHeader.WriteContext(writer, _context, withSeriesLength: true);

        writer.Write(_model is not null);
        if (_model is not null)
        {
            writer.Write(_model.InputMin);
            writer.Write(_model.InputMax);
            writer.Write(_model.SeriesLength);
            _model.WriteState(writer);
        }
    }

    /// <summary>Restores a detector from state written by <see cref="WriteState"/> with the same options.</summary>
    /// <exception cref="InvalidDataException">The state is not an ARTime state or its version is not supported.</exception>
    public static ArtimeDetector Restore(ArtimeOptions options, BinaryReader reader, int storedVersion)
    {
        DetectorStateHeader.Check(reader, "ARTime", "an", StateMagic, StateVersion, storedVersion);
        var detector = new ArtimeDetector(options);

        detector._context = DetectorStateHeader.ReadContext(reader, withSeriesLength: true);

        if (reader.ReadBoolean())
        {
            double min = reader.ReadDouble();
            double max = reader.ReadDouble();
            long length = reader.ReadInt64();
            detector._model = new ArtimeModel(options, min, max, length);
            detector._model.ReadState(reader);
        }

        return detector;
    }

    private ArtimeModel Build(double firstValue)
    {
        double min;
        double max;
        if (_context is { HasInputRange: true } c)
        {
            min = c.InputMin;
            max = c.InputMax;
        }
        else
        {
            double spread = Math.Max(Math.Abs(firstValue), 1.0);
            min = firstValue - spread;
            max = firstValue + spread;
        }

        return new ArtimeModel(Options, min, max, _context?.SeriesLength ?? 0);
    }
}
