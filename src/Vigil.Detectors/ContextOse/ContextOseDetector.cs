using Vigil.Detection;

namespace Vigil.Detectors.ContextOse;

/// <summary>
/// The Contextual Anomaly Detector, open-source edition (CAD OSE, NAB's <c>contextOSE</c> entry): each value is
/// quantised to a few bits (sensor facts); contexts pair what was seen (facts plus the previous step's winning
/// contexts) with the facts that followed; a row is anomalous when its facts were not predicted and few of the
/// expected contexts came true.
/// </summary>
/// <remarks>
/// <para>
/// With default options and NAB's harness context (probation and input range) the scores equal NAB's shipped
/// contextOSE results on every row. The output is deterministic: there is no randomness; the Python 2 hashing
/// and dict order the original depends on are reproduced (<see cref="Python2Hash"/>, <see cref="Python2IntDict"/>).
/// </para>
/// <para>
/// Raw score: (1 − active/selected + added/proposed) / 2, where active/selected is the share of the contexts whose
/// left side was complete that came true, and added/proposed the share of proposed contexts that were new (0 unless
/// this step's whole transition was new). The <see cref="ContextOseVariant.Predictive"/> edition scores 0 instead
/// when the previous step predicted every sensor fact. The
/// output is the raw score, except that it is 0 while any of the last rest-period raw scores (starting with a
/// virtual 1.0 before the first row) reached <see cref="ContextOseOptions.BaseThreshold"/>. So the first
/// rest-period rows score 0, and an alarm silences the detector for the rest period. Not thread-safe.
/// </para>
/// </remarks>
public sealed class ContextOseDetector : DetectorBase<ContextOseOptions>, IStreamingDetector, ISeriesContextAware, Vigil.Persistence.IPersistable
{
    /// <summary>Version of the state layout <see cref="WriteState"/> writes.</summary>
    public const int StateVersion = 1;

    private const uint StateMagic = 0x534F4356; // "VCOS"
    private const long PredictiveSensorFactBase = 65536;
    private const long NeuronFactBase = 1L << 31;
    // Beyond this a quantised value has no exact long; Python would keep going with big ints (documented deviation).
    private const double MaxQuantised = 1L << 62;

    private SeriesContext? _context;
    private ContextMemory? _memory;
    private double _minValue;
    private double _valueStep;
    private long _restRows;
    private long _historyLength;
    private long _lastHighIndex;
    private long[] _leftFacts = [];
    private long[] _predicted = [];
    private int[] _ranked = new int[64];

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public ContextOseDetector(ContextOseOptions options)
        : base(options, Descriptor)
    {
    }

    /// <summary>Registry entry: <c>context-ose</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "context-ose",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(ContextOseOptions),
        StateVersion: StateVersion,
        Create: options => new ContextOseDetector((ContextOseOptions)options),
        Restore: (options, reader, version) => Restore((ContextOseOptions)options, reader, version),
        Summary: "Contextual Anomaly Detector OSE (NAB's contextOSE): contexts of quantised values and recent winning contexts; anomaly = expected contexts that failed, with a rest period.")
    {
        NabName = "contextOSE",
    };

    /// <summary>The raw score of the last step, before the rest-period rule.</summary>
    public double LastRawScore { get; private set; }

    /// <summary>Number of contexts learned so far.</summary>
    public int ContextCount => _memory?.ContextCount ?? 0;

    /// <summary>The rest period in rows (the option, or the harness's probation / 5, truncated), once the first step has run.</summary>
    public long RestRows => _restRows;

    /// <summary>Takes the probationary length and the input range as NAB's harness gives them.</summary>
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_memory is not null)
        {
            throw new InvalidOperationException("Prepare must be called before the first Step.");
        }

        _context = context;
    }

    /// <summary>Scores <paramref name="x"/> and learns from it.</summary>
    /// <param name="x">The next observation.</param>
    /// <param name="learn">When false, no context is added and no statistic changes; the sequence state still advances.</param>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public double Step(in Observation x, bool learn = true)
    {
        double value = x.Value;
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"context-ose cannot quantise the value {value} at {x.Timestamp:O}; values must be finite.", nameof(x));
        }

        if (Options.Variant == ContextOseVariant.Nab)
        {
            value = PandasFloatParsing.Reparse(value);
        }

        if (_memory is null)
        {
            Start(value);
        }

        long[] sensorFacts = Encode(value);
        bool predictive = Options.Variant == ContextOseVariant.Predictive;
        bool unpredicted = !predictive;
        if (predictive)
        {
            foreach (long fact in sensorFacts)
            {
                if (Array.BinarySearch(_predicted, fact) < 0)
                {
                    unpredicted = true;
                    break;
                }
            }
        }

        var (activeShare, addedShare) = Learn(sensorFacts, learn);
        double raw = unpredicted ? (1.0 - activeShare + addedShare) / 2.0 : 0.0;
        LastRawScore = raw;

        // Python: max(history[-int(restPeriod):]) < baseThreshold, where [-0:] is the whole history.
        long windowStart = _restRows > 0 ? Math.Max(0, _historyLength - _restRows) : 0;
        double score = _lastHighIndex < windowStart ? raw : 0.0;
        if (raw >= Options.BaseThreshold)
        {
            _lastHighIndex = _historyLength;
        }

        _historyLength++;
        return score;
    }

    /// <summary>Forgets everything: the next step starts a fresh memory (and <see cref="Prepare"/> may be called again).</summary>
    public void Reset()
    {
        _memory = null;
        _leftFacts = [];
        _predicted = [];
        LastRawScore = 0;
    }

    /// <summary>
    /// Writes the detector's complete state (versioned, <see cref="StateVersion"/>): the harness context and, once
    /// started, the quantiser, the rest-period state, the sequence state and every semi-context and context.
    /// A detector restored from it continues bit for bit.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DetectorStateHeader.Write(writer, StateMagic, StateVersion);
        DetectorStateHeader.WriteContext(writer, _context);

        writer.Write(_memory is not null);
        if (_memory is not null)
        {
            writer.Write(_minValue);
            writer.Write(_valueStep);
            writer.Write(_restRows);
            writer.Write(_historyLength);
            writer.Write(_lastHighIndex);
            writer.Write(LastRawScore);
            SemiContextTable.WriteFacts(writer, _leftFacts);
            SemiContextTable.WriteFacts(writer, _predicted);
            _memory.WriteState(writer);
        }
    }

    /// <summary>Restores a detector from state written by <see cref="WriteState"/> with the same options.</summary>
    /// <exception cref="InvalidDataException">The state is not a context-ose state, is corrupt, or its version is newer than this code.</exception>
    public static ContextOseDetector Restore(ContextOseOptions options, BinaryReader reader, int storedVersion)
    {
        DetectorStateHeader.Check(reader, "context-ose", "a", StateMagic, StateVersion, storedVersion);
        var detector = new ContextOseDetector(options);

        detector._context = DetectorStateHeader.ReadContext(reader);

        if (reader.ReadBoolean())
        {
            detector._minValue = reader.ReadDouble();
            detector._valueStep = reader.ReadDouble();
            detector._restRows = reader.ReadInt64();
            detector._historyLength = reader.ReadInt64();
            detector._lastHighIndex = reader.ReadInt64();
            detector.LastRawScore = reader.ReadDouble();
            detector._leftFacts = SemiContextTable.ReadFacts(reader);
            detector._predicted = SemiContextTable.ReadFacts(reader);
            var memory = new ContextMemory(options.MaxLeftSemiContextsLength);
            memory.ReadState(reader);
            detector._memory = memory;
            if (!(detector._valueStep > 0) || detector._historyLength < 1 || detector._lastHighIndex >= detector._historyLength)
            {
                throw new InvalidDataException("Invalid context-ose quantiser or rest-period state.");
            }
        }

        return detector;
    }

    /// <summary>
    /// CAD OSE's sensor facts of a value: <c>int((value − min) / step)</c> written as Python's
    /// <c>bin(n).lstrip("0b").rjust(bits, "0")</c>, and for the k-th character from the right the fact
    /// base + 2k + (1 if it is '1'), where base is 0 (<see cref="ContextOseVariant.Nab"/>) or 65536
    /// (<see cref="ContextOseVariant.Predictive"/>). Returned sorted (they are built in ascending order).
    /// </summary>
    internal long[] Encode(double value)
    {
        long factBase = Options.Variant == ContextOseVariant.Predictive ? PredictiveSensorFactBase : 0;
        double scaled = (value - _minValue) / _valueStep;
        long n = (long)Math.Clamp(scaled, -MaxQuantised, MaxQuantised); // truncation toward zero, as int()
        int width = Options.NumNormValueBits;
        if (n >= 0)
        {
            int bitLength = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)n);
            int length = Math.Max(bitLength, width);
            var facts = new long[length];
            for (int k = 0; k < length; k++)
            {
                facts[k] = factBase + 2 * k + ((n >> k) & 1);
            }

            return facts;
        }

        // bin() of a negative number is "-0b…": lstrip("0b") stops at the '-', so '-', '0' and 'b' become facts too.
        string text = "-0b" + Convert.ToString(-n, 2);
        if (text.Length < width)
        {
            text = new string('0', width - text.Length) + text;
        }

        var negative = new long[text.Length];
        for (int k = 0; k < text.Length; k++)
        {
            negative[k] = factBase + 2 * k + (text[text.Length - 1 - k] == '1' ? 1 : 0);
        }

        return negative;
    }

    private void Start(double firstValue)
    {
        var o = Options;
        double min;
        double max;
        if (o.InputMin is { } givenMin && o.InputMax is { } givenMax)
        {
            (min, max) = (givenMin, givenMax);
        }
        else if (_context is { HasInputRange: true } c)
        {
            // NAB's range is the minimum and maximum of the values as pandas read them.
            (min, max) = o.Variant == ContextOseVariant.Nab
                ? (PandasFloatParsing.Reparse(c.InputMin), PandasFloatParsing.Reparse(c.InputMax))
                : (c.InputMin, c.InputMax);
        }
        else
        {
            (min, max) = (firstValue, firstValue);
        }

        double maxBinValue = Math.Pow(2, o.NumNormValueBits) - 1.0;
        double fullRange = max - min;
        if (fullRange == 0.0)
        {
            fullRange = maxBinValue;
        }

        _minValue = min;
        _valueStep = fullRange / maxBinValue;
        double restPeriod = o.RestPeriod > 0 ? o.RestPeriod
            : _context is not null ? _context.ProbationLength / 5.0
            : ContextOseOptions.Defaults.StandaloneRestPeriod;
        _restRows = (long)restPeriod;
        // The history starts as [1.0]: entry 0 reaches any threshold up to 1.
        _historyLength = 1;
        _lastHighIndex = 1.0 >= o.BaseThreshold ? 0 : -1;
        _leftFacts = [];
        _predicted = [];
        _memory = new ContextMemory(o.MaxLeftSemiContextsLength);
    }

    private (double ActiveShare, double AddedShare) Learn(long[] sensorFacts, bool learn)
    {
        var memory = _memory!;
        bool newContext = false;
        FactPair? zeroLevel = null;
        if (_leftFacts.Length > 0 && sensorFacts.Length > 0)
        {
            zeroLevel = new FactPair(_leftFacts, sensorFacts);
            newContext = learn && memory.AddZeroLevelContext(_leftFacts, sensorFacts);
        }

        var (active, selected, potential) = memory.CrossRight(sensorFacts, newContext, learn);
        int uniquePotential = CountUnique(zeroLevel, potential);
        double activeShare = selected > 0 ? active.Count / (double)selected : 0.0;

        _leftFacts = NextLeftFacts(sensorFacts, active, memory);
        if (!learn)
        {
            potential.Clear();
        }

        var (added, predicted) = memory.CrossLeft(_leftFacts, potential, predict: Options.Variant == ContextOseVariant.Predictive);
        _predicted = predicted;
        if (newContext)
        {
            added++;
        }

        double addedShare = newContext && uniquePotential > 0 ? added / (double)uniquePotential : 0.0;
        return (activeShare, addedShare);
    }

    private static int CountUnique(FactPair? zeroLevel, List<FactPair> potential)
    {
        if (potential.Count == 0)
        {
            return zeroLevel is null ? 0 : 1;
        }

        var unique = new HashSet<FactPair>(potential.Count + 1);
        if (zeroLevel is { } pair)
        {
            unique.Add(pair);
        }

        foreach (var candidate in potential)
        {
            unique.Add(candidate);
        }

        return unique.Count;
    }

    // The sensor facts, then 2^31 + id of the top-ranked active contexts (ranked by activations, then the hashes
    // of their left and right facts, as CAD OSE's sort does), ascending.
    private long[] NextLeftFacts(long[] sensorFacts, List<int> active, ContextMemory memory)
    {
        int n = active.Count;
        if (_ranked.Length < n)
        {
            _ranked = new int[Math.Max(n, _ranked.Length * 2)];
        }

        var ranked = _ranked.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            ranked[i] = active[i];
        }

        // Keys are unique per context (a context is one left and one right semi-context), so any sort gives CAD's order.
        ranked.Sort(new ActiveContextOrder(memory));
        int take = Math.Min(Options.MaxActiveNeurons, n);
        var neurons = ranked[(n - take)..];
        neurons.Sort();
        var facts = new long[sensorFacts.Length + take];
        sensorFacts.CopyTo(facts, 0);
        for (int i = 0; i < take; i++)
        {
            facts[sensorFacts.Length + i] = NeuronFactBase + neurons[i];
        }

        return facts;
    }

    private readonly struct ActiveContextOrder(ContextMemory memory) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            int c = memory.Activations(x).CompareTo(memory.Activations(y));
            if (c != 0)
            {
                return c;
            }

            c = memory.LeftHash(x).CompareTo(memory.LeftHash(y));
            return c != 0 ? c : memory.RightHash(x).CompareTo(memory.RightHash(y));
        }
    }
}
