using System.ComponentModel.DataAnnotations;
using Vigil.Detection;

namespace Vigil.Core.Tests.Detection;

public enum SmoothingKind
{
    None,
    Exponential,
}

public sealed record CountingOptions : DetectorOptions
{
    [Range(1, 100)]
    public int Window { get; init; } = 5;

    [Range(0.0, 1.0)]
    public double Alpha { get; init; } = 0.5;

    public SmoothingKind Smoothing { get; init; } = SmoothingKind.None;

    public bool Flag { get; init; }
}

/// <summary>Streaming: score = |x - mean of the previous Window points|.</summary>
public sealed class TrailingMeanDetector(CountingOptions options) : IStreamingDetector, Vigil.Persistence.IPersistable
{
    public static readonly DetectorDescriptor Descriptor = new("trailing-mean", DetectorKind.Streaming, typeof(CountingOptions), 1,
        o => new TrailingMeanDetector((CountingOptions)o), Restore, "test detector");

    private readonly Queue<double> _past = new();
    private readonly CountingOptions _options = Validated(options, Descriptor.Name);

    internal static CountingOptions Validated(CountingOptions options, string name)
    {
        options.EnsureValid(name);
        return options;
    }

    DetectorDescriptor IAnomalyDetector.Descriptor => Descriptor;

    public DetectorOptions Options => _options;

    public double Step(in Observation x, bool learn = true)
    {
        double score = _past.Count == 0 ? 0 : Math.Abs(x.Value - _past.Average());
        _past.Enqueue(x.Value);
        if (_past.Count > _options.Window)
        {
            _past.Dequeue();
        }

        return score;
    }

    public void Reset() => _past.Clear();

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_past.Count);
        foreach (double v in _past)
        {
            writer.Write(v);
        }
    }

    private static TrailingMeanDetector Restore(DetectorOptions options, BinaryReader reader, int version)
    {
        var detector = new TrailingMeanDetector((CountingOptions)options);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            detector._past.Enqueue(reader.ReadDouble());
        }

        return detector;
    }
}

/// <summary>Batch: fitted mean of the training data; score = |x - fitted mean| + |x - previous point| (context 2).</summary>
public sealed class FittedMeanDetector(CountingOptions options) : IBatchDetector, Vigil.Persistence.IPersistable
{
    public static readonly DetectorDescriptor Descriptor = new("fitted-mean", DetectorKind.Batch, typeof(CountingOptions), 1,
        o => new FittedMeanDetector((CountingOptions)o), Restore, "test detector");

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(IsFitted);
        writer.Write(_mean);
    }

    private static FittedMeanDetector Restore(DetectorOptions options, BinaryReader reader, int version) =>
        new((CountingOptions)options) { IsFitted = reader.ReadBoolean(), _mean = reader.ReadDouble() };

    private readonly CountingOptions _options = TrailingMeanDetector.Validated(options, Descriptor.Name);
    private double _mean;

    public int FitCount { get; private set; }

    public List<int> FitLengths { get; } = [];

    DetectorDescriptor IAnomalyDetector.Descriptor => Descriptor;

    public DetectorOptions Options => _options;

    public bool IsFitted { get; private set; }

    public int ContextLength => 2;

    /// <summary>Runs at the start of every fit, before the token is checked (e.g. to cancel the run mid-fit).</summary>
    public Action? DuringFit { get; set; }

    public void Fit(TimeSeries train, CancellationToken ct = default)
    {
        DuringFit?.Invoke();
        ct.ThrowIfCancellationRequested();   // a long fit checks its token as it goes
        _mean = train.Values.Span.ToArray().Average();
        IsFitted = true;
        FitCount++;
        FitLengths.Add(train.Length);
    }

    public ScoreSeries ScoreSamples(TimeSeries series)
    {
        if (!IsFitted)
        {
            throw new NotFittedException(Descriptor.Name);
        }

        var v = series.Values.Span;
        var scores = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            scores[i] = Math.Abs(v[i] - _mean) + (i > 0 ? Math.Abs(v[i] - v[i - 1]) : 0);
        }

        return new ScoreSeries(scores, 1);
    }
}

/// <summary>
/// Fine-tunable batch: Fit sets the mean of the training data, FineTune moves it halfway to the mean of the recent
/// data; score = |x - mean| + |x - previous point| (context 2). Records every call as "fit:LEN" or "tune:LEN".
/// </summary>
public sealed class FineTunedMeanDetector(CountingOptions options) : IFineTunableDetector
{
    public static readonly DetectorDescriptor Descriptor = new("fine-tuned-mean", DetectorKind.Batch, typeof(CountingOptions), 1,
        o => new FineTunedMeanDetector((CountingOptions)o), null, "test detector");

    private readonly CountingOptions _options = TrailingMeanDetector.Validated(options, Descriptor.Name);
    private double _mean;

    public List<string> Calls { get; } = [];

    DetectorDescriptor IAnomalyDetector.Descriptor => Descriptor;

    public DetectorOptions Options => _options;

    public bool IsFitted { get; private set; }

    public int ContextLength => 2;

    public void Fit(TimeSeries train, CancellationToken ct = default)
    {
        _mean = train.Values.Span.ToArray().Average();
        IsFitted = true;
        Calls.Add($"fit:{train.Length}");
    }

    public void FineTune(TimeSeries recent, CancellationToken ct = default)
    {
        _mean = (_mean + recent.Values.Span.ToArray().Average()) / 2;
        Calls.Add($"tune:{recent.Length}");
    }

    public ScoreSeries ScoreSamples(TimeSeries series)
    {
        var v = series.Values.Span;
        var scores = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            scores[i] = Math.Abs(v[i] - _mean) + (i > 0 ? Math.Abs(v[i] - v[i - 1]) : 0);
        }

        return new ScoreSeries(scores, 1);
    }
}
