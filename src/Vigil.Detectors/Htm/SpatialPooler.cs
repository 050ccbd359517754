namespace Vigil.Detectors.Htm;

/// <summary>
/// NuPIC's C++ spatial pooler with global inhibition on one-dimensional input and column spaces, learning
/// always on, with float arithmetic emulated operation by operation.
/// </summary>
/// <remarks>
/// Specified in docs htm.md §5: potential pools sampled from a wrapping neighbourhood that starts at each
/// column's centre, permanences initialised around the connected threshold and rounded to 5 decimals,
/// global inhibition keeping the columns with the largest (boosted) overlap (ties: larger column index),
/// Hebbian permanence updates with clamping and trimming, overlap/active duty cycles, the weak-column bump
/// and boosting (R1's exponential rule; with strength 0 the factor is exactly 1, as in NAB).
/// Per row: O(active inputs · columns + active columns · potential size), no allocation. Not thread-safe.
/// </remarks>
public sealed class SpatialPooler
{
    private const float PermMax = 1.0f;
    private const int UpdatePeriod = 50;

    private readonly int _inputs;
    private readonly int _columns;
    private readonly int _numActive;
    private readonly float _synPermConnected;
    private readonly float _connectedThreshold;
    private readonly float _activeInc;
    private readonly float _inactiveDec;
    private readonly float _permTrim;
    private readonly float _belowStimulusInc;
    private readonly float _minPctOverlapDutyCycle;
    private readonly int _dutyCyclePeriod;
    private readonly float _boostStrength;
    private readonly float _targetDensity;

    private readonly int[] _potential;          // column-major: _potentialSize inputs per column, ascending
    private readonly int _potentialSize;
    private readonly float[] _perm;             // column-major dense permanences
    private readonly byte[] _connectedByInput;  // input-major: [input * columns + column], for the overlap sums
    private readonly byte[] _connectedByColumn; // column-major copy, to update the input-major one only where it changes
    private readonly byte[] _overlapBytes;
    private readonly int[] _connectedCount;
    private readonly float[] _overlapDutyCycle;
    private readonly float[] _activeDutyCycle;
    private readonly float[] _minOverlapDutyCycle;
    private readonly float[] _boostFactor;
    private readonly int[] _overlap;
    private readonly float[] _boosted;
    private readonly bool[] _isActive;
    private readonly bool[] _inputOn;
    private readonly int[] _histogram;
    private readonly int[] _sortScratch;
    private readonly float[] _q;
    private int _iteration;

    /// <summary>Creates and initialises the pooler; consumes the random stream exactly as the reference does.</summary>
    /// <param name="inputs">Input width (NAB: 454).</param>
    /// <param name="columns">Column count (NAB: 2048).</param>
    /// <param name="numActiveColumns">Columns active per row (NAB: 40).</param>
    /// <param name="potentialPct">Fraction of the input each column may connect to (NAB: 0.8).</param>
    /// <param name="synPermConnected">Connected threshold (NAB: 0.2).</param>
    /// <param name="synPermActiveInc">Increment for active inputs (NAB: 0.003).</param>
    /// <param name="synPermInactiveDec">Decrement for inactive inputs (NAB: 0.0005).</param>
    /// <param name="boostStrength">Boost strength (NAB: 0, no boosting).</param>
    /// <param name="seed">Seed of the pooler's generator (NAB: 1956).</param>
    /// <param name="connectedEpsilon">True for R1's connected test p ≥ f32(threshold − 1e-6); false for R0's p ≥ threshold.</param>
    public SpatialPooler(
        int inputs = 454,
        int columns = 2048,
        int numActiveColumns = 40,
        double potentialPct = 0.8,
        double synPermConnected = 0.2,
        double synPermActiveInc = 0.003,
        double synPermInactiveDec = 0.0005,
        double boostStrength = 0.0,
        ulong seed = 1956,
        bool connectedEpsilon = true)
    {
        _inputs = inputs;
        _columns = columns;
        float connected = (float)synPermConnected;
        _synPermConnected = connected;
        _connectedThreshold = connectedEpsilon ? connected - 0.000001f : connected;
        _activeInc = (float)synPermActiveInc;
        _inactiveDec = (float)synPermInactiveDec;
        _permTrim = (float)(_activeInc / 2.0);
        _belowStimulusInc = (float)(connected / 10.0);
        _minPctOverlapDutyCycle = 0.001f;
        _dutyCyclePeriod = 1000;
        _boostStrength = (float)boostStrength;
        float density = Math.Min((float)numActiveColumns / columns, 0.5f);
        _numActive = (int)(density * columns);
        _targetDensity = density;

        _potentialSize = (int)Math.Round((float)(inputs * (float)potentialPct), MidpointRounding.AwayFromZero);
        _potential = new int[columns * _potentialSize];
        _perm = new float[columns * inputs];
        _connectedByInput = new byte[inputs * columns];
        _connectedByColumn = new byte[inputs * columns];
        _overlapBytes = new byte[columns];
        _connectedCount = new int[columns];
        _overlapDutyCycle = new float[columns];
        _activeDutyCycle = new float[columns];
        _minOverlapDutyCycle = new float[columns];
        _boostFactor = new float[columns];
        Array.Fill(_boostFactor, 1.0f);
        _overlap = new int[columns];
        _boosted = new float[columns];
        _isActive = new bool[columns];
        _inputOn = new bool[inputs];
        _histogram = new int[inputs + 2];
        _sortScratch = new int[columns];
        _q = new float[inputs];
        Initialize(new NupicRandom(seed));
    }

    /// <summary>Input width.</summary>
    public int InputSize => _inputs;

    /// <summary>Column count.</summary>
    public int ColumnCount => _columns;

    /// <summary>Columns active after each <see cref="Compute"/>.</summary>
    public int ActiveColumnCount => _numActive;

    /// <summary>Inputs in each column's potential pool.</summary>
    public int PotentialSize => _potentialSize;

    /// <summary>The potential pool of <paramref name="column"/>, ascending.</summary>
    public ReadOnlySpan<int> Potential(int column) => _potential.AsSpan(column * _potentialSize, _potentialSize);

    /// <summary>The permanence of (<paramref name="column"/>, <paramref name="input"/>).</summary>
    public float Permanence(int column, int input) => _perm[(column * _inputs) + input];

    /// <summary>Connected synapses of <paramref name="column"/>.</summary>
    public int ConnectedCount(int column) => _connectedCount[column];

    /// <summary>
    /// One row, learning on: writes the active columns (ascending) to <paramref name="activeColumns"/>.
    /// </summary>
    /// <param name="onBits">Indices of the ON input bits (distinct).</param>
    /// <param name="activeColumns">Receives <see cref="ActiveColumnCount"/> columns.</param>
    /// <param name="learn">When false, no permanence, duty-cycle or boost changes.</param>
    public void Compute(ReadOnlySpan<int> onBits, Span<int> activeColumns, bool learn = true)
    {
        if (learn)
        {
            _iteration++;
        }

        ComputeOverlaps(onBits);

        InhibitGlobal(activeColumns);
        if (learn)
        {
            AdaptSynapses(activeColumns);
            UpdateDutyCycles(activeColumns);
            BumpUpWeakColumns();
            UpdateBoostFactors();
            if (_iteration % UpdatePeriod == 0)
            {
                float m = 0f;
                foreach (float d in _overlapDutyCycle)
                {
                    m = Math.Max(m, d);
                }

                Array.Fill(_minOverlapDutyCycle, _minPctOverlapDutyCycle * m);
            }
        }

        foreach (int i in onBits)
        {
            _inputOn[i] = false;
        }
    }

    private void ComputeOverlaps(ReadOnlySpan<int> onBits)
    {
        // Implementation note: byte lanes are exact while at most 255 inputs are ON; wider inputs take the int path.
        if (onBits.Length < 256)
        {
            Array.Clear(_overlapBytes);
            int width = System.Numerics.Vector<byte>.Count;
            int vectorEnd = _columns - (_columns % width);
            foreach (int i in onBits)
            {
                _inputOn[i] = true;
                var row = _connectedByInput.AsSpan(i * _columns, _columns);
                int c = 0;
                for (; c < vectorEnd; c += width)
                {
                    var sum = new System.Numerics.Vector<byte>(_overlapBytes.AsSpan(c)) + new System.Numerics.Vector<byte>(row[c..]);
                    sum.CopyTo(_overlapBytes.AsSpan(c));
                }

                for (; c < _columns; c++)
                {
                    _overlapBytes[c] += row[c];
                }
            }

            for (int c = 0; c < _columns; c++)
            {
                _overlap[c] = _overlapBytes[c];
            }

            return;
        }

        Array.Clear(_overlap);
        foreach (int i in onBits)
        {
            _inputOn[i] = true;
            var row = _connectedByInput.AsSpan(i * _columns, _columns);
            for (int c = 0; c < row.Length; c++)
            {
                _overlap[c] += row[c];
            }
        }
    }

    /// <summary>Writes the learned state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_iteration);
        foreach (float p in _perm)
        {
            writer.Write(p);
        }

        WriteFloats(writer, _overlapDutyCycle);
        WriteFloats(writer, _activeDutyCycle);
        WriteFloats(writer, _minOverlapDutyCycle);
        WriteFloats(writer, _boostFactor);
    }

    /// <summary>Reads state written by <see cref="WriteState"/> into a pooler built with the same parameters.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _iteration = reader.ReadInt32();
        for (int i = 0; i < _perm.Length; i++)
        {
            _perm[i] = reader.ReadSingle();
        }

        ReadFloats(reader, _overlapDutyCycle);
        ReadFloats(reader, _activeDutyCycle);
        ReadFloats(reader, _minOverlapDutyCycle);
        ReadFloats(reader, _boostFactor);
        for (int c = 0; c < _columns; c++)
        {
            int count = 0;
            for (int i = 0; i < _inputs; i++)
            {
                bool on = _perm[(c * _inputs) + i] >= _connectedThreshold;
                _connectedByInput[(i * _columns) + c] = on ? (byte)1 : (byte)0;
                _connectedByColumn[(c * _inputs) + i] = on ? (byte)1 : (byte)0;
                count += on ? 1 : 0;
            }

            _connectedCount[c] = count;
        }
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        foreach (float v in values)
        {
            writer.Write(v);
        }
    }

    private static void ReadFloats(BinaryReader reader, float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }
    }

    private void Initialize(NupicRandom rng)
    {
        // The reference fills a tie-breaker table it never uses; the draws still advance the stream.
        for (int i = 0; i < _columns; i++)
        {
            rng.GetReal64();
        }

        var population = new int[_inputs];
        var chosen = new int[_potentialSize];
        float connectedRange = PermMax - _synPermConnected;
        for (int c = 0; c < _columns; c++)
        {
            int center = (int)Math.Floor((c + 0.5) * (_inputs / (double)_columns));
            for (int k = 0; k < _inputs; k++)
            {
                population[k] = (center + k) % _inputs;
            }

            rng.Sample(population, _potentialSize, chosen);
            var pool = _potential.AsSpan(c * _potentialSize, _potentialSize);
            chosen.CopyTo(pool);
            pool.Sort();

            Array.Clear(_q);
            foreach (int i in pool)
            {
                float v;
                if (rng.GetReal64() <= 0.5)
                {
                    v = (float)((double)_synPermConnected + (connectedRange * rng.GetReal64()));
                }
                else
                {
                    v = (float)(_synPermConnected * rng.GetReal64());
                }

                float scaled = v * 100000f;
                v = (float)((int)scaled / 100000.0);
                if (v < _permTrim)
                {
                    v = 0f;
                }

                _q[i] = v;
            }

            Commit(c, raiseToThreshold: true);
        }

    }

    private void InhibitGlobal(Span<int> active)
    {
        Array.Clear(_isActive);
        bool boosted = _boostStrength != 0f;
        if (!boosted)
        {
            // Integer overlaps: a counting selection gives the same set as the reference's sorted insertion
            // (descending overlap, larger index first among equals).
            Array.Clear(_histogram);
            int maxOverlap = 0;
            for (int c = 0; c < _columns; c++)
            {
                _histogram[_overlap[c]]++;
                maxOverlap = Math.Max(maxOverlap, _overlap[c]);
            }

            int remaining = _numActive;
            int threshold = maxOverlap;
            while (threshold > 0 && _histogram[threshold] < remaining)
            {
                remaining -= _histogram[threshold];
                threshold--;
            }

            // Every column above the threshold, plus the `remaining` largest indices at the threshold.
            for (int c = _columns - 1; c >= 0; c--)
            {
                int o = _overlap[c];
                if (o > threshold)
                {
                    _isActive[c] = true;
                }
                else if (o == threshold && remaining > 0)
                {
                    _isActive[c] = true;
                    remaining--;
                }
            }
        }
        else
        {
            for (int c = 0; c < _columns; c++)
            {
                _boosted[c] = _overlap[c] * _boostFactor[c];
                _sortScratch[c] = c;
            }

            Array.Sort(_sortScratch, (a, b) =>
            {
                int byScore = _boosted[b].CompareTo(_boosted[a]);
                return byScore != 0 ? byScore : b.CompareTo(a);
            });
            for (int k = 0; k < _numActive; k++)
            {
                _isActive[_sortScratch[k]] = true;
            }
        }

        int n = 0;
        for (int c = 0; c < _columns; c++)
        {
            if (_isActive[c])
            {
                active[n++] = c;
            }
        }
    }

    private void AdaptSynapses(ReadOnlySpan<int> active)
    {
        foreach (int c in active)
        {
            UpdatePotential(c, raiseToThreshold: true, bump: false);
        }
    }

    // Commit restricted to the potential pool: the other entries are 0, never connected, and stay 0, so
    // updating only the pool in one pass gives the same permanences, connected sets and counts.
    private void UpdatePotential(int c, bool raiseToThreshold, bool bump)
    {
        var perm = _perm.AsSpan(c * _inputs, _inputs);
        var connectedRow = _connectedByColumn.AsSpan(c * _inputs, _inputs);
        int count = _connectedCount[c];
        foreach (int i in Potential(c))
        {
            float v = perm[i] + (bump ? _belowStimulusInc : _inputOn[i] ? _activeInc : -_inactiveDec);
            if (raiseToThreshold)
            {
                if (v < 0f)
                {
                    v = 0f;
                }
                else if (v > PermMax)
                {
                    v = PermMax;
                }
            }

            byte connected = v >= _connectedThreshold ? (byte)1 : (byte)0;
            if (connected != connectedRow[i])
            {
                count += connected - connectedRow[i];
                connectedRow[i] = connected;
                _connectedByInput[(i * _columns) + c] = connected;
            }

            if (v > PermMax)
            {
                v = PermMax;
            }

            if (v < _permTrim)
            {
                v = 0f;
            }

            perm[i] = v;
        }

        _connectedCount[c] = count;
    }

    private void UpdateDutyCycles(ReadOnlySpan<int> active)
    {
        int period = Math.Min(_dutyCyclePeriod, _iteration);
        float pm1 = period - 1;
        float p = period;
        for (int c = 0; c < _columns; c++)
        {
            float o = _overlap[c] > 0 ? 1f : 0f;
            float a = _isActive[c] ? 1f : 0f;
            _overlapDutyCycle[c] = ((_overlapDutyCycle[c] * pm1) + o) / p;
            _activeDutyCycle[c] = ((_activeDutyCycle[c] * pm1) + a) / p;
        }

        _ = active;
    }

    private void BumpUpWeakColumns()
    {
        for (int c = 0; c < _columns; c++)
        {
            if (!(_overlapDutyCycle[c] < _minOverlapDutyCycle[c]))
            {
                continue;
            }

            UpdatePotential(c, raiseToThreshold: false, bump: true);
        }
    }

    private void UpdateBoostFactors()
    {
        if (_boostStrength == 0f)
        {
            return;   // exp(x · 0) is exactly 1: the factors never change
        }

        for (int c = 0; c < _columns; c++)
        {
            _boostFactor[c] = (float)Math.Exp((_targetDensity - _activeDutyCycle[c]) * _boostStrength);
        }
    }

    // Writes _q as column c's permanences: clamp (when raising), connected set decided before trimming.
    private void Commit(int c, bool raiseToThreshold)
    {
        var q = _q;
        if (raiseToThreshold)
        {
            for (int i = 0; i < q.Length; i++)
            {
                if (q[i] < 0f)
                {
                    q[i] = 0f;
                }
                else if (q[i] > PermMax)
                {
                    q[i] = PermMax;
                }
            }
        }

        int count = 0;
        var perm = _perm.AsSpan(c * _inputs, _inputs);
        var connectedRow = _connectedByColumn.AsSpan(c * _inputs, _inputs);
        for (int i = 0; i < q.Length; i++)
        {
            float v = q[i];
            byte connected = v >= _connectedThreshold ? (byte)1 : (byte)0;
            if (connected != connectedRow[i])
            {
                connectedRow[i] = connected;
                _connectedByInput[(i * _columns) + c] = connected;
            }

            count += connected;
            if (v > PermMax)
            {
                v = PermMax;
            }

            if (v < _permTrim)
            {
                v = 0f;
            }

            perm[i] = v;
        }

        _connectedCount[c] = count;
    }
}
