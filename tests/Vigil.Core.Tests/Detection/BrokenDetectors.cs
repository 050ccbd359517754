using System.Runtime.InteropServices;
using Vigil.Detection;

namespace Vigil.Core.Tests.Detection;

/// <summary>Batch, and wrong: scores each point against the mean of the whole series it is given, future points included.</summary>
public sealed class LookAheadDetector(CountingOptions options) : IBatchDetector
{
    public static readonly DetectorDescriptor Descriptor = new("look-ahead", DetectorKind.Batch, typeof(CountingOptions), 1,
        o => new LookAheadDetector((CountingOptions)o), null, "broken on purpose: looks ahead");

    DetectorDescriptor IAnomalyDetector.Descriptor => Descriptor;

    public DetectorOptions Options { get; } = options;

    public bool IsFitted { get; private set; }

    public int ContextLength => int.MaxValue;

    public void Fit(TimeSeries train, CancellationToken ct = default) => IsFitted = true;

    public ScoreSeries ScoreSamples(TimeSeries series)
    {
        if (!IsFitted)
        {
            throw new NotFittedException(Descriptor.Name);
        }

        var v = series.Values.Span;
        double mean = v.ToArray().Average();
        var scores = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            scores[i] = Math.Abs(v[i] - mean);
        }

        return new ScoreSeries(scores, 0);
    }
}

/// <summary>Streaming, and wrong: a different score on every run (shared, unseeded randomness).</summary>
public sealed class NonDeterministicDetector(CountingOptions options) : IStreamingDetector
{
    public static readonly DetectorDescriptor Descriptor = new("non-deterministic", DetectorKind.Streaming, typeof(CountingOptions), 1,
        o => new NonDeterministicDetector((CountingOptions)o), null, "broken on purpose: not deterministic");

    DetectorDescriptor IAnomalyDetector.Descriptor => Descriptor;

    public DetectorOptions Options { get; } = options;

    public double Step(in Observation x, bool learn = true) => Random.Shared.NextDouble();

    public void Reset()
    {
    }
}

/// <summary>Batch, and wrong: "cleans" the series it is fitted on by clipping it in place.</summary>
public sealed class InputMutatingDetector(CountingOptions options) : IBatchDetector
{
    public static readonly DetectorDescriptor Descriptor = new("input-mutating", DetectorKind.Batch, typeof(CountingOptions), 1,
        o => new InputMutatingDetector((CountingOptions)o), null, "broken on purpose: mutates its input");

    private double _mean;

    DetectorDescriptor IAnomalyDetector.Descriptor => Descriptor;

    public DetectorOptions Options { get; } = options;

    public bool IsFitted { get; private set; }

    public int ContextLength => 1;

    public void Fit(TimeSeries train, CancellationToken ct = default)
    {
        var values = MemoryMarshal.AsMemory(train.Values).Span;   // writes through the read-only view
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Clamp(values[i], -1, 1);
        }

        _mean = train.Values.Span.ToArray().Average();
        IsFitted = true;
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
            scores[i] = Math.Abs(v[i] - _mean);
        }

        return new ScoreSeries(scores, 0);
    }
}
