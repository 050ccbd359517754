using Vigil.Detectors.Htm.Encoders;

namespace Vigil.Detectors.Htm;

/// <summary>
/// The NuPIC <c>TemporalAnomaly</c> model NAB's numenta detector runs: time-of-day + RDSE encoding, spatial
/// pooler, backtracking temporal memory, raw anomaly score.
/// </summary>
/// <remarks>
/// Specified in docs htm.md §1–§7. The raw score of a row is the fraction of its active columns that had no
/// confidence after the previous step, as float. Not thread-safe: one model per series.
/// </remarks>
public sealed class HtmModel
{
    private readonly TimeOfDayEncoder _timeEncoder;
    private readonly RandomDistributedScalarEncoder _valueEncoder;
    private readonly SpatialPooler _spatialPooler;
    private readonly BacktrackingTemporalMemory _temporalMemory;
    private readonly int[] _onBits;
    private readonly int[] _activeColumns;

    /// <summary>Creates the model.</summary>
    /// <param name="resolution">RDSE bucket width (NAB: max(0.001, padded range / 130)).</param>
    /// <param name="variant">R0 or R1 behaviour of the SP connected test and the TM's adaptSegment.</param>
    /// <param name="tm">Temporal-memory parameters (its column count must match <paramref name="columnCount"/>).</param>
    /// <param name="columnCount">SP columns (NAB: 2048).</param>
    /// <param name="numActiveColumns">Active columns per row (NAB: 40).</param>
    /// <param name="rdseSeed">RDSE seed (NAB: 42).</param>
    /// <param name="spSeed">SP seed (NAB: 1956).</param>
    /// <param name="boostStrength">SP boost strength (NAB: 0).</param>
    public HtmModel(
        double resolution,
        HtmVariant variant,
        HtmTemporalMemoryParameters tm,
        int columnCount = 2048,
        int numActiveColumns = 40,
        ulong rdseSeed = 42,
        ulong spSeed = 1956,
        double boostStrength = 0.0)
    {
        ArgumentNullException.ThrowIfNull(tm);
        _timeEncoder = new TimeOfDayEncoder();
        _valueEncoder = new RandomDistributedScalarEncoder(resolution, seed: rdseSeed);
        int inputs = _timeEncoder.Size + _valueEncoder.Size;
        _spatialPooler = new SpatialPooler(
            inputs: inputs,
            columns: columnCount,
            numActiveColumns: numActiveColumns,
            boostStrength: boostStrength,
            seed: spSeed,
            connectedEpsilon: variant == HtmVariant.R1);
        _temporalMemory = new BacktrackingTemporalMemory(tm with { ColumnCount = columnCount }, variant);
        _onBits = new int[_timeEncoder.Width + _valueEncoder.Width];
        _activeColumns = new int[_spatialPooler.ActiveColumnCount];
    }

    /// <summary>The spatial pooler.</summary>
    public SpatialPooler SpatialPooler => _spatialPooler;

    /// <summary>The temporal memory.</summary>
    public BacktrackingTemporalMemory TemporalMemory => _temporalMemory;

    /// <summary>The value encoder.</summary>
    public RandomDistributedScalarEncoder ValueEncoder => _valueEncoder;

    /// <summary>The active columns of the last row (ascending).</summary>
    public ReadOnlySpan<int> ActiveColumns => _activeColumns;

    /// <summary>Encodes, pools and runs the temporal memory on one row; returns its raw anomaly score.</summary>
    /// <param name="hour">Hour of the timestamp (0–23).</param>
    /// <param name="minute">Minute of the timestamp (0–59).</param>
    /// <param name="value">The metric value (finite).</param>
    /// <param name="learn">When false, the SP and TM do not learn.</param>
    public float Step(int hour, int minute, double value, bool learn = true)
    {
        _timeEncoder.Encode(hour, minute, _onBits);
        _valueEncoder.Encode(value, _onBits.AsSpan(_timeEncoder.Width), offset: _timeEncoder.Size);
        _spatialPooler.Compute(_onBits, _activeColumns, learn);
        float raw = _temporalMemory.RawAnomaly(_activeColumns);
        _temporalMemory.Compute(_activeColumns, learn);
        return raw;
    }

    /// <summary>Writes the encoder, pooler and memory state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _valueEncoder.WriteState(writer);
        _spatialPooler.WriteState(writer);
        _temporalMemory.WriteState(writer);
    }

    /// <summary>Reads state written by <see cref="WriteState"/> into a fresh model built with the same parameters.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _valueEncoder.ReadState(reader);
        _spatialPooler.ReadState(reader);
        _temporalMemory.ReadState(reader);
    }
}
