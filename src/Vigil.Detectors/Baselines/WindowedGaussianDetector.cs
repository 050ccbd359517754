using Vigil.Detection;
using Vigil.Numerics;

namespace Vigil.Detectors.Baselines;

/// <summary>
/// NAB's windowed Gaussian detector: scores each value by a Gaussian tail probability under the mean and
/// standard deviation of a sliding window of earlier values.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm (NAB's <c>nab/detectors/gaussian/windowedGaussian_detector.py</c> with NuPIC 0.5.x's
/// <c>anomaly_likelihood.normalProbability</c>): the score is 0 while the window is empty, else
/// <see cref="NormalProbability"/> of the value. The value is then appended to the window while it holds
/// fewer than <see cref="WindowedGaussianOptions.WindowSize"/> values; after that it goes to a step buffer,
/// and once the buffer holds <see cref="WindowedGaussianOptions.StepSize"/> values the oldest that many leave
/// the window and the buffer joins it. Each time the window changes, mean and population standard deviation
/// are recomputed as NumPy does (<see cref="NumpyStatistics"/>); a zero deviation becomes 1e-6.
/// </para>
/// <para>
/// The reference's score is not symmetric: above the mean it is the upper tail (at most 0.5, near 0 for
/// spikes), below the mean it is one minus the mirrored tail (near 1 for drops). NAB's published results
/// depend on this, so it is kept; see docs/detectors/windowed-gaussian.md.
/// </para>
/// <para>Per row: O(window size) time, no allocation. Not thread-safe: one instance per series.</para>
/// </remarks>
public sealed class WindowedGaussianDetector : DetectorBase<WindowedGaussianOptions>, IStreamingDetector, Vigil.Persistence.IPersistable
{
    /// <summary>The standard deviation used when the window's values are all equal.</summary>
    public const double MinimumStandardDeviation = 0.000001;

    // Implementation note: the window is a ring buffer; statistics are computed over a copy in logical
    // (oldest-first) order because NumPy's pairwise summation depends on the order of the values.
    private readonly double[] _window;
    private readonly double[] _stepBuffer;
    private readonly double[] _ordered;
    private readonly double[] _scratch;
    private int _windowStart;
    private int _windowCount;
    private int _stepCount;
    private double _mean;
    private double _standardDeviation;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public WindowedGaussianDetector(WindowedGaussianOptions options)
        : base(options, Descriptor)
    {
        _window = new double[options.WindowSize];
        _stepBuffer = new double[options.StepSize];
        _ordered = new double[options.WindowSize];
        _scratch = new double[options.WindowSize];
        Reset();
    }

    /// <summary>Registry entry: <c>windowed-gaussian</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "windowed-gaussian",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(WindowedGaussianOptions),
        StateVersion: 1,
        Create: options => new WindowedGaussianDetector((WindowedGaussianOptions)options),
        Restore: (options, reader, _) => Restore((WindowedGaussianOptions)options, reader),
        Summary: "NAB's windowed Gaussian baseline: Gaussian tail probability under a sliding window's mean and deviation.");

    /// <summary>
    /// One minus the two-sided tail: <c>1 − ½·erfc(|x − mean| / (std·√2))</c>, the score of NAB's published
    /// windowedGaussian run. Written with <c>Math.Sqrt(2)</c>, as that run's Python divided by <c>math.sqrt(2)</c>.
    /// </summary>
    public static double TailComplement(double x, double mean, double standardDeviation)
    {
        if (x < mean)
        {
            x = 2 * mean - x;
        }

        double z = (x - mean) / standardDeviation;
        return 1.0 - 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2.0));
    }

    /// <summary>
    /// NuPIC 0.5.x's <c>normalProbability</c>: for x ≥ mean, the upper tail 0.5·erfc(z / 1.4142) with
    /// z = (x - mean) / std; for x &lt; mean, one minus that tail at the mirrored point 2·mean - x.
    /// </summary>
    /// <remarks>The constant 1.4142 (not √2) and the mirrored form are the reference's, kept for bitwise parity.</remarks>
    public static double NormalProbability(double x, double mean, double standardDeviation)
    {
        if (x < mean)
        {
            return 1.0 - NormalProbability(2 * mean - x, mean, standardDeviation);
        }

        double z = (x - mean) / standardDeviation;
        return 0.5 * SpecialFunctions.Erfc(z / 1.4142);
    }

    /// <summary>Scores <paramref name="x"/> against the current window, then adds it to the window.</summary>
    /// <param name="x">The next point.</param>
    /// <param name="learn">When false the point is scored but not added: window and statistics stay as they are.</param>
    public double Step(in Observation x, bool learn = true)
    {
        double value = x.Value;
        double score = _windowCount == 0 ? 0.0
            : Options.Scoring == WindowedGaussianScoring.TailComplement ? TailComplement(value, _mean, _standardDeviation)
            : NormalProbability(value, _mean, _standardDeviation);
        if (!learn)
        {
            return score;
        }

        int capacity = _window.Length;
        if (_windowCount < capacity)
        {
            _window[(_windowStart + _windowCount) % capacity] = value;
            _windowCount++;
            UpdateStatistics();
        }
        else
        {
            _stepBuffer[_stepCount++] = value;
            if (_stepCount == _stepBuffer.Length)
            {
                // Slide by the step: the oldest values leave, the buffered ones enter in order.
                for (int i = 0; i < _stepCount; i++)
                {
                    _window[_windowStart] = _stepBuffer[i];
                    _windowStart = (_windowStart + 1) % capacity;
                }

                _stepCount = 0;
                UpdateStatistics();
            }
        }

        return score;
    }

    /// <summary>Empties the window and the step buffer, as a fresh detector starts.</summary>
    public void Reset()
    {
        _windowStart = 0;
        _windowCount = 0;
        _stepCount = 0;
        _mean = 0.0;
        _standardDeviation = 1.0;
    }

    /// <summary>Writes the window, the pending step buffer and the current statistics.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_window.Length);
        writer.Write(_stepBuffer.Length);
        writer.Write(_windowStart);
        writer.Write(_windowCount);
        writer.Write(_stepCount);
        writer.Write(_mean);
        writer.Write(_standardDeviation);
        foreach (double v in _window)
        {
            writer.Write(v);
        }

        foreach (double v in _stepBuffer)
        {
            writer.Write(v);
        }
    }

    private static WindowedGaussianDetector Restore(WindowedGaussianOptions options, BinaryReader reader)
    {
        var detector = new WindowedGaussianDetector(options);
        int window = reader.ReadInt32();
        int step = reader.ReadInt32();
        int start = reader.ReadInt32();
        int count = reader.ReadInt32();
        int stepCount = reader.ReadInt32();
        if (window != detector._window.Length || step != detector._stepBuffer.Length || start < 0 || start >= window || count < 0 || count > window || stepCount < 0 || stepCount >= step)
        {
            throw new InvalidDataException($"windowed-gaussian state (window {window}, step {step}) does not fit the options (window {options.WindowSize}, step {options.StepSize}).");
        }

        detector._windowStart = start;
        detector._windowCount = count;
        detector._stepCount = stepCount;
        detector._mean = reader.ReadDouble();
        detector._standardDeviation = reader.ReadDouble();
        for (int i = 0; i < window; i++)
        {
            detector._window[i] = reader.ReadDouble();
        }

        for (int i = 0; i < step; i++)
        {
            detector._stepBuffer[i] = reader.ReadDouble();
        }

        return detector;
    }

    private void UpdateStatistics()
    {
        int capacity = _window.Length;
        int firstPart = Math.Min(_windowCount, capacity - _windowStart);
        _window.AsSpan(_windowStart, firstPart).CopyTo(_ordered);
        _window.AsSpan(0, _windowCount - firstPart).CopyTo(_ordered.AsSpan(firstPart));

        var values = _ordered.AsSpan(0, _windowCount);
        _mean = NumpyStatistics.Mean(values);
        _standardDeviation = NumpyStatistics.PopulationStandardDeviation(values, _mean, _scratch);
        if (_standardDeviation == 0.0)
        {
            _standardDeviation = MinimumStandardDeviation;
        }
    }
}
