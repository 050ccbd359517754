using Vigil.Detection;

namespace Vigil.Persistence;

/// <summary>
/// The state of a deterministic streaming detector kept as what it was given: the harness context and every
/// observation (with its <c>learn</c> flag) since creation or the last reset. Restoring replays them into a fresh
/// detector, which then is, bit for bit, the detector that was saved.
/// </summary>
/// <remarks>
/// For detectors whose internal state is costly to write field by field (a Kalman filter mid-stream, a refitted
/// decomposition): the saved size and the restore time grow with the rows seen (16 bytes a row; a restore repeats
/// the fits the run did). Not thread-safe, like the detectors that own one.
/// </remarks>
public sealed class ObservationLog
{
    private const uint Magic = 0x474F4C56; // "VLOG"
    private readonly List<long> _ticks = [];
    private readonly List<double> _values = [];
    private readonly List<bool> _learn = [];

    /// <summary>The context the harness gave, if any.</summary>
    public SeriesContext? Context { get; set; }

    /// <summary>Observations recorded.</summary>
    public int Count => _values.Count;

    /// <summary>Records one step.</summary>
    public void Add(in Observation x, bool learn)
    {
        _ticks.Add(x.Timestamp.UtcTicks);
        _values.Add(x.Value);
        _learn.Add(learn);
    }

    /// <summary>Forgets the observations (after a detector's reset); the context stays, as it does in the detectors.</summary>
    public void Clear()
    {
        _ticks.Clear();
        _values.Clear();
        _learn.Clear();
    }

    /// <summary>Writes the context and the observations, little-endian.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(Context is not null);
        if (Context is not null)
        {
            writer.Write(Context.ProbationLength);
            writer.Write(Context.InputMin);
            writer.Write(Context.InputMax);
        }

        writer.Write(_values.Count);
        for (int i = 0; i < _values.Count; i++)
        {
            writer.Write(_ticks[i]);
            writer.Write(_values[i]);
            writer.Write(_learn[i]);
        }
    }

    /// <summary>
    /// Reads a log written by <see cref="Write"/> and replays it into <paramref name="fresh"/> (a new detector with
    /// the saved options): it is prepared with the saved context, then stepped through every observation.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a log, or impossible sizes.</exception>
    public static void ReplayInto(BinaryReader reader, IStreamingDetector fresh)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fresh);
        if (reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Not an observation-log state.");
        }

        if (reader.ReadBoolean())
        {
            var context = new SeriesContext(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble());
            if (fresh is ISeriesContextAware aware)
            {
                aware.Prepare(context);
            }
        }

        int count = reader.ReadInt32();
        if (count < 0 || count > (reader.BaseStream.Length - reader.BaseStream.Position) / 17)
        {
            throw new InvalidDataException($"Observation log claims {count} rows, more than the state holds.");
        }

        for (int i = 0; i < count; i++)
        {
            var x = new Observation(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadDouble());
            fresh.Step(x, reader.ReadBoolean());
        }
    }
}
