namespace Vigil.Detectors.Artime;

/// <summary>
/// ARTime's whole state machine for one series: downsampling with a spike rule, quantisation to levels with a
/// running-median "chomp", Haar and level features over a sliding window, and the DVFA classifier whose vigilances
/// follow the recent similarities; a row scores above 0 only when a new cluster appears outside the masking rules.
/// A step-by-step port of ARTimeNAB.jl's <c>process_sample!</c>, <c>process_features!</c>, <c>detect!</c>,
/// <c>init_rho</c> and <c>confidence</c>; indices <c>i</c> here are the reference's 1-based downsampled step numbers.
/// </summary>
/// <remarks>Not thread-safe. <see cref="Process"/> allocates nothing after the trend window (except when the network grows).</remarks>
internal sealed class ArtimeModel
{
    private readonly int _window;
    private readonly int _levels;
    private readonly double _chomp;
    private readonly double _initialRho;
    private readonly double _inputMin;
    private readonly double _inputMax;
    private readonly ArtimeSchedule _schedule;
    private readonly HaarTransform _haar;
    private readonly RunningMedianLevelizer _levelizer;
    private readonly DvfaNetwork _art;

    private readonly double[] _dsWindow;
    private readonly double[] _fWindow;
    private readonly double[] _features;
    private readonly double[] _scratch;
    private readonly double[] _simWindow;
    private readonly double[] _simDiffWindow;
    private readonly double[] _belowRho;
    private readonly List<double> _anomalySimHistory = [];
    private double[]? _trendFeatures;

    private long _row = 1;                  // the reference's p.i
    private int _dsi = 1;
    private double _dsMovingAverage;
    private int _lastAnomalyI;
    private double _lastAnomalySim;
    private int _lastRhoUpdateI;
    private bool _maskAfterCat;
    private int _noNewCatCount;
    private long _rhoUbCount;               // OnlineStats.Mean{EqualWeight}: n and μ
    private double _rhoUbMean;
    private bool _learn = true;

    /// <summary>Creates the model for a series of <paramref name="length"/> rows (0: unknown) with values in [<paramref name="inputMin"/>, <paramref name="inputMax"/>].</summary>
    public ArtimeModel(ArtimeOptions options, double inputMin, double inputMax, long length)
    {
        _window = options.Window;
        _levels = options.Levels;
        _chomp = options.DiscretizeChomp;
        _initialRho = options.InitialRho;
        _inputMin = inputMin;
        _inputMax = inputMax;
        SeriesLength = length;
        _schedule = ArtimeSchedule.For(length, options.Window, options.WindowsPerProbation);
        _haar = new HaarTransform(_window);
        _levelizer = new RunningMedianLevelizer(_levels);
        _art = new DvfaNetwork(2 * _window);
        _dsWindow = new double[_schedule.Step];
        _fWindow = new double[_window];
        _features = new double[2 * _window];
        _scratch = new double[2 * _window];
        _simWindow = new double[(_schedule.TrendWindow / 2) + 1];
        _simWindow.AsSpan().Fill(1.0);
        _simDiffWindow = new double[_schedule.TrendWindow + 1];
        _belowRho = new double[_simDiffWindow.Length];
        _trendFeatures = new double[_schedule.TrendWindow * 2 * _window];
    }

    /// <summary>The row count the schedule was derived from (0: unknown).</summary>
    public long SeriesLength { get; }

    /// <summary>The lower bound of the input range.</summary>
    public double InputMin => _inputMin;

    /// <summary>The upper bound of the input range.</summary>
    public double InputMax => _inputMax;

    /// <summary>The timing derived from the length.</summary>
    public ArtimeSchedule Schedule => _schedule;

    /// <summary>The classifier's categories so far.</summary>
    public int CategoryCount => _art.CategoryCount;

    /// <summary>
    /// Processes one value (the reference's <c>process_sample!</c>); returns its anomaly score in [0, 1]. With
    /// <paramref name="learn"/> false the classifier's categories stay as they are (after the trend window; the
    /// trend window itself is always learned when it completes); vigilances and windows still advance.
    /// </summary>
    public double Process(double value, bool learn = true)
    {
        _learn = learn;
        ShiftIn(_dsWindow, value);
        double anomaly = 0.0;
        if (_row % _schedule.Step == 0)
        {
            double ds = Downsample();
            int level = Math.Clamp(JuliaArithmetic.RoundToInt(ds * _levels), 0, _levels);   // clamp: only for values outside the given range
            ds = level / (double)_levels;
            double median = _levelizer.Add(level) / (double)_levels;
            if (Math.Abs(ds - median) < _chomp)
            {
                ds = median;
            }

            ShiftIn(_fWindow, ds);
            var features = _features.AsSpan();
            features.Clear();
            if (_dsi >= _window)
            {
                WaveletFeatures(features);
            }

            anomaly = ProcessFeatures(features, _dsi);
            _dsi++;
        }

        _row++;
        return anomaly;
    }

    // The spike-preserving downsample of the last `step` values, scaled to [0, 1] by the input range.
    private double Downsample()
    {
        var window = _dsWindow.AsSpan();
        double mean = JuliaArithmetic.Mean(window);
        double max = window[0];
        double min = window[0];
        foreach (double v in window)
        {
            max = Math.Max(max, v);
            min = Math.Min(min, v);
        }

        if (_dsi == 1)
        {
            _dsMovingAverage = mean;
        }

        _dsMovingAverage = (_dsMovingAverage + mean) / 2;
        double ds = max;
        if (Math.Abs(max - _dsMovingAverage) < Math.Abs(min - _dsMovingAverage))
        {
            ds = min;
        }

        if (Math.Abs(ds - mean) < 0.1 * mean)
        {
            ds = mean;   // a spike must be at least 10 % away from the mean
        }

        ds -= _inputMin;
        if (_inputMax - _inputMin != 0)
        {
            ds /= _inputMax - _inputMin;
        }

        return ds;
    }

    // features = [normalised Haar transform of the normalised level window; the level window].
    private void WaveletFeatures(Span<double> features)
    {
        int w = _window;
        var dw = _scratch.AsSpan(0, w);
        _fWindow.CopyTo(dw);
        ScaleToUnit(dw);
        var fw = features[..w];
        _haar.Forward(dw, fw, _scratch.AsSpan(w, w));
        ScaleToUnit(fw);
        _fWindow.CopyTo(features[w..]);
    }

    // x .- minimum(x), then ./ maximum when that is not 0.
    private static void ScaleToUnit(Span<double> x)
    {
        double min = x[0];
        foreach (double v in x)
        {
            min = Math.Min(min, v);
        }

        double max = double.NegativeInfinity;
        for (int k = 0; k < x.Length; k++)
        {
            x[k] -= min;
            max = Math.Max(max, x[k]);
        }

        if (max != 0)
        {
            for (int k = 0; k < x.Length; k++)
            {
                x[k] /= max;
            }
        }
    }

    private double ProcessFeatures(ReadOnlySpan<double> features, int i)
    {
        int tw = _schedule.TrendWindow;
        if (i > tw)
        {
            return Detect(features, i);
        }

        int width = 2 * _window;
        features.CopyTo(_trendFeatures.AsSpan((i - 1) * width, width));
        if (i == tw)
        {
            // The trend window is complete: seed the vigilance, then replay it through the classifier.
            double rho = InitialRho();
            _art.RhoLb = rho;
            _art.RhoUb = rho;
            var stored = _trendFeatures!;
            _trendFeatures = null;
            for (int fi = 1; fi <= tw; fi++)
            {
                Detect(stored.AsSpan((fi - 1) * width, width), fi);
            }
        }

        return 0.0;
    }

    private double Detect(ReadOnlySpan<double> f, int i)
    {
        int mask = _schedule.MaskAfterAnomaly;
        int tw = _schedule.TrendWindow;
        bool updateRhoAfterAnomaly = i - _lastAnomalyI == mask;
        bool updateRhoForTrend = i - _lastRhoUpdateI >= tw / 2;
        bool maskAfterAnomaly = i - _lastAnomalyI <= mask;
        if (i > tw + mask && _maskAfterCat && _noNewCatCount >= mask)
        {
            _maskAfterCat = false;
        }

        int cat;
        if (i < _window)
        {
            _art.Train(f, learning: false);
            cat = -1;
        }
        else
        {
            cat = _art.Train(f, frozen: !_learn && i > _schedule.TrendWindow);
        }

        _noNewCatCount = cat == -1 ? 0 : _noNewCatCount + 1;
        double a = _art.LastSimilarity;
        _rhoUbCount++;
        _rhoUbMean += (1.0 / _rhoUbCount) * (a - _rhoUbMean);   // OnlineStats: μ + γ·(x − μ), γ = 1/n
        ShiftIn(_simWindow, a);
        ShiftIn(_simDiffWindow, _art.RhoUb - a);
        if (i - _lastAnomalyI < mask && _anomalySimHistory.Count > 0 && a < _anomalySimHistory[^1])
        {
            _anomalySimHistory[^1] = a;
        }

        bool masking = _maskAfterCat || maskAfterAnomaly;
        double belowLastScale = maskAfterAnomaly ? 0.90 : 0.70;
        bool belowLast = a < _lastAnomalySim * belowLastScale;
        bool anomalyWithCat = cat == -1 && (!masking || belowLast);
        double anomaly = 0.0;
        if (i > tw && anomalyWithCat)
        {
            anomaly = Confidence(a, _art.LastEnergySimilarity);
            _anomalySimHistory.Add(a);
            _lastAnomalySim = a;
            _lastAnomalyI = i;
        }

        _maskAfterCat = cat == -1 || _maskAfterCat;
        if (i > tw && (updateRhoAfterAnomaly || updateRhoForTrend))
        {
            UpdateVigilance(i);
        }

        return anomaly;
    }

    private void UpdateVigilance(int i)
    {
        int tw = _schedule.TrendWindow;
        double minSim = double.PositiveInfinity;
        foreach (double s in _simWindow)
        {
            minSim = Math.Min(minSim, s);
        }

        double newUb = Math.Min(0.97, _rhoUbMean);
        double prevLb = _art.RhoLb;
        double newLb;
        if (prevLb <= minSim)
        {
            newLb = prevLb + ((minSim - prevLb) * 0.19);
        }
        else
        {
            double decrement = 0.0;
            if (i > tw * 2)
            {
                var below = _belowRho.AsSpan();
                int count = 0;
                foreach (double d in _simDiffWindow)
                {
                    if (d > 0.05)
                    {
                        below[count++] = Math.Min(0.37, d);
                    }
                }

                if (count > 0)
                {
                    decrement = JuliaArithmetic.Mean(below[..count]);
                }
            }

            decrement = Math.Max(0.01, decrement);
            newLb = prevLb - (decrement / 2);
            if (_anomalySimHistory.Count > 0)
            {
                newLb = Math.Max(JuliaArithmetic.Mean(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_anomalySimHistory)), newLb);
            }
        }

        newLb = Math.Min(newUb, newLb);
        _art.RhoLb = newLb;
        _art.RhoUb = newUb;
        _lastRhoUpdateI = i;
        _maskAfterCat = true;
    }

    private double Confidence(double featureSim, double energySim)
    {
        featureSim = Math.Min(0.999, featureSim);
        double ub = ((1 - featureSim) - (1 - _art.RhoUb)) / (1 - featureSim);
        double lb = ((1 - featureSim) - (1 - _art.RhoLb)) / (1 - featureSim);
        double s = ((ub * 0.35) + (lb * 0.65)) + ((1.0 - energySim) * 1.5);
        s = Math.Min(1.0, s);
        return JuliaArithmetic.RoundDigits(s, 6);
    }

    // init_rho: order the trend window's feature vectors (from the window-th on) by their summed similarity to the
    // others, train a scratch network on them at the initial vigilance, and average its similarities from the middle on.
    private double InitialRho()
    {
        int width = 2 * _window;
        int tw = _schedule.TrendWindow;
        int n = tw - _window + 1;
        var columns = _trendFeatures.AsSpan((_window - 1) * width, n * width);
        var sim = new double[n * n];
        sim.AsSpan().Fill(1.0);
        var product = new double[width];
        for (int i = 0; i < n; i++)
        {
            var ti = columns.Slice(i * width, width);
            for (int j = 0; j < i; j++)
            {
                double s = Similarity(ti, columns.Slice(j * width, width), product);
                sim[(i * n) + j] = s;
                sim[(j * n) + i] = s;
            }
        }

        var sums = new double[n];
        for (int i = 0; i < n; i++)
        {
            sums[i] = JuliaArithmetic.Sum(sim.AsSpan(i * n, n));   // sim is symmetric: row i is column i
        }

        // sortperm(sums): ascending, ties by index (Julia's permutation ordering breaks ties by index).
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (p, q) => sums[p] != sums[q] ? sums[p].CompareTo(sums[q]) : p.CompareTo(q));
        var art = new DvfaNetwork(width) { RhoLb = _initialRho, RhoUb = _initialRho };
        var similarities = new double[n];
        for (int k = 0; k < n; k++)
        {
            art.Train(columns.Slice(order[k] * width, width));
            similarities[k] = art.LastSimilarity;
        }

        return JuliaArithmetic.Mean(similarities.AsSpan((tw / 2) - 1));
    }

    // The reference's "close to cosine" similarity.
    private static double Similarity(ReadOnlySpan<double> t1, ReadOnlySpan<double> t2, double[] product)
    {
        double n1 = JuliaArithmetic.Norm2(t1);
        double n2 = JuliaArithmetic.Norm2(t2);
        if (n1 == 0.0)
        {
            return 1 - n2;
        }

        if (n2 == 0.0)
        {
            return 1 - n1;
        }

        for (int k = 0; k < t1.Length; k++)
        {
            product[k] = t1[k] * t2[k];
        }

        return JuliaArithmetic.Sum(product) / (n1 * n2);
    }

    /// <summary>Writes everything that evolves (the construction inputs are written by the detector).</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_row);
        writer.Write(_dsi);
        writer.Write(_dsMovingAverage);
        writer.Write(_lastAnomalyI);
        writer.Write(_lastAnomalySim);
        writer.Write(_lastRhoUpdateI);
        writer.Write(_maskAfterCat);
        writer.Write(_noNewCatCount);
        writer.Write(_rhoUbCount);
        writer.Write(_rhoUbMean);
        WriteArray(writer, _dsWindow);
        WriteArray(writer, _fWindow);
        WriteArray(writer, _simWindow);
        WriteArray(writer, _simDiffWindow);
        writer.Write(_anomalySimHistory.Count);
        foreach (double a in _anomalySimHistory)
        {
            writer.Write(a);
        }

        writer.Write(_trendFeatures is not null);
        if (_trendFeatures is not null)
        {
            WriteArray(writer, _trendFeatures);
        }

        _levelizer.WriteState(writer);
        _art.WriteState(writer);
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote into a model built from the same options and inputs.</summary>
    /// <exception cref="InvalidDataException">The state does not fit this model.</exception>
    public void ReadState(BinaryReader reader)
    {
        _row = reader.ReadInt64();
        _dsi = reader.ReadInt32();
        _dsMovingAverage = reader.ReadDouble();
        _lastAnomalyI = reader.ReadInt32();
        _lastAnomalySim = reader.ReadDouble();
        _lastRhoUpdateI = reader.ReadInt32();
        _maskAfterCat = reader.ReadBoolean();
        _noNewCatCount = reader.ReadInt32();
        _rhoUbCount = reader.ReadInt64();
        _rhoUbMean = reader.ReadDouble();
        ReadArray(reader, _dsWindow);
        ReadArray(reader, _fWindow);
        ReadArray(reader, _simWindow);
        ReadArray(reader, _simDiffWindow);
        int history = reader.ReadInt32();
        if (history < 0 || history > _rhoUbCount)
        {
            throw new InvalidDataException("ARTime state: invalid anomaly history length.");
        }

        _anomalySimHistory.Clear();
        for (int k = 0; k < history; k++)
        {
            _anomalySimHistory.Add(reader.ReadDouble());
        }

        if (reader.ReadBoolean())
        {
            _trendFeatures ??= new double[_schedule.TrendWindow * 2 * _window];
            ReadArray(reader, _trendFeatures);
        }
        else
        {
            _trendFeatures = null;
        }

        _levelizer.ReadState(reader);
        _art.ReadState(reader);
    }

    private static void WriteArray(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (double v in values)
        {
            writer.Write(v);
        }
    }

    private static void ReadArray(BinaryReader reader, double[] into)
    {
        int length = reader.ReadInt32();
        if (length != into.Length)
        {
            throw new InvalidDataException($"ARTime state: a window of {length} values where {into.Length} were expected.");
        }

        for (int k = 0; k < length; k++)
        {
            into[k] = reader.ReadDouble();
        }
    }

    private static void ShiftIn(double[] window, double value)
    {
        if (window.Length > 1)
        {
            Array.Copy(window, 1, window, 0, window.Length - 1);
        }

        window[^1] = value;
    }
}
