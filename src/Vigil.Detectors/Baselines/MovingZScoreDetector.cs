using Vigil.Detection;

namespace Vigil.Detectors.Baselines;

/// <summary>
/// A moving z-score baseline: how many standard deviations a value lies from the mean of the previous
/// values, mapped monotonically into [0, 1).
/// </summary>
/// <remarks>
/// <para>
/// With m and s the mean and population standard deviation of the previous
/// <see cref="MovingZScoreOptions.Window"/> values (the current value is never part of its own statistics),
/// z = |x - m| / max(s, <see cref="MovingZScoreOptions.MinStd"/>) and the score is
/// 1 - exp(-z / <see cref="MovingZScoreOptions.Scale"/>). Scores are 0 until
/// <see cref="MovingZScoreOptions.MinHistory"/> values were seen. It flags both spikes and drops, and is a
/// sanity baseline rather than a NAB reference detector.
/// </para>
/// <para>Per row: O(window) time, no allocation. Not thread-safe: one instance per series.</para>
/// </remarks>
public sealed class MovingZScoreDetector : DetectorBase<MovingZScoreOptions>, IStreamingDetector, Vigil.Persistence.IPersistable
{
    // Implementation note: mean and deviation are recomputed exactly (two passes over the ring buffer) on
    // every row instead of updated incrementally, so they never drift and are identical however long the
    // series; at the default window of 100 this costs little.
    private readonly double[] _history;
    private int _next;
    private int _count;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public MovingZScoreDetector(MovingZScoreOptions options)
        : base(options, Descriptor)
    {
        _history = new double[options.Window];
    }

    /// <summary>Registry entry: <c>moving-zscore</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "moving-zscore",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(MovingZScoreOptions),
        StateVersion: 1,
        Create: options => new MovingZScoreDetector((MovingZScoreOptions)options),
        Restore: (options, reader, _) => Restore((MovingZScoreOptions)options, reader),
        Summary: "Sanity baseline: |z-score| against a trailing window, mapped to [0, 1) by 1 - exp(-z/scale).");

    /// <summary>Scores <paramref name="x"/> against the previous values, then adds it to the history.</summary>
    /// <param name="x">The next point.</param>
    /// <param name="learn">When false the point is scored but not added to the history.</param>
    public double Step(in Observation x, bool learn = true)
    {
        double score = Score(x.Value);
        if (learn)
        {
            _history[_next] = x.Value;
            _next = (_next + 1) % _history.Length;
            _count = Math.Min(_count + 1, _history.Length);
        }

        return score;
    }

    /// <summary>Forgets the history, as a fresh detector starts.</summary>
    public void Reset()
    {
        _next = 0;
        _count = 0;
    }

    /// <summary>Writes the trailing window (ring buffer, next slot, fill count).</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_history.Length);
        writer.Write(_next);
        writer.Write(_count);
        foreach (double v in _history)
        {
            writer.Write(v);
        }
    }

    private static MovingZScoreDetector Restore(MovingZScoreOptions options, BinaryReader reader)
    {
        var detector = new MovingZScoreDetector(options);
        int length = reader.ReadInt32();
        int next = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (length != detector._history.Length || next < 0 || next >= length || count < 0 || count > length)
        {
            throw new InvalidDataException($"moving-zscore state holds a window of {length} (next {next}, count {count}) but the options say window {options.Window}.");
        }

        detector._next = next;
        detector._count = count;
        for (int i = 0; i < length; i++)
        {
            detector._history[i] = reader.ReadDouble();
        }

        return detector;
    }

    private double Score(double value)
    {
        if (_count < Options.MinHistory)
        {
            return 0.0;
        }

        // The first _count slots hold the history in ring order; that order is a function of the input alone,
        // so scores stay deterministic and prefix-stable.
        var history = _history.AsSpan(0, _count);
        double sum = 0.0;
        foreach (double v in history)
        {
            sum += v;
        }

        double mean = sum / _count;
        double squares = 0.0;
        foreach (double v in history)
        {
            double deviation = v - mean;
            squares += deviation * deviation;
        }

        double standardDeviation = Math.Max(Math.Sqrt(squares / _count), Options.MinStd);
        double z = Math.Abs(value - mean) / standardDeviation;
        if (!double.IsFinite(z))
        {
            // Only reachable with MinStd = 0 on a flat history and a different value: maximally anomalous.
            return double.IsNaN(z) ? 0.0 : 1.0;
        }

        return 1.0 - Math.Exp(-z / Options.Scale);
    }
}
