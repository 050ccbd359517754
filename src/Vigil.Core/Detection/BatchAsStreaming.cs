namespace Vigil.Detection;

/// <summary>
/// Runs a batch detector causally, point by point: it collects the first <see cref="RefitPolicy.TrainLength"/>
/// points, fits on them, then scores each new point from its trailing context only, refitting on the past
/// as the policy says. The score of point t never depends on a point after t.
/// </summary>
/// <remarks>
/// A detector that implements <see cref="IFineTunableDetector"/> is fine-tuned, not refitted from scratch, at every
/// refit after the first fit. <see cref="CausalBatchScorer"/> computes the same scores in one model call per refit
/// period. Not thread-safe: one instance per series.
/// </remarks>
public sealed class BatchAsStreaming : IStreamingDetector
{
    private readonly IBatchDetector _inner;
    private readonly RefitPolicy _policy;
    private readonly List<DateTimeOffset> _timestamps = [];
    private readonly List<double> _values = [];
    private int _sinceFit;

    /// <summary>Wraps <paramref name="inner"/> (which should be unfitted) under <paramref name="policy"/>.</summary>
    public BatchAsStreaming(IBatchDetector inner, RefitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.TrainLength < 1 || policy.RefitEvery < 0 || policy.TrainWindow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "TrainLength must be at least 1; RefitEvery and TrainWindow at least 0.");
        }

        _inner = inner;
        _policy = policy;
    }

    /// <inheritdoc />
    public DetectorDescriptor Descriptor => _inner.Descriptor;

    /// <inheritdoc />
    public DetectorOptions Options => _inner.Options;

    /// <inheritdoc />
    public double Step(in Observation x, bool learn = true)
    {
        _timestamps.Add(x.Timestamp);
        _values.Add(x.Value);
        int n = _values.Count;

        if (!_inner.IsFitted)
        {
            if (learn && _policy.IsFitDue(fitted: false, n, 0))
            {
                Fit(n);
            }

            return 0.0;
        }

        int context = Math.Min(n, Math.Max(1, _inner.ContextLength));
        var window = new TimeSeries("stream", _timestamps.GetRange(n - context, context).ToArray(), _values.GetRange(n - context, context).ToArray());
        var scores = _inner.ScoreSamples(window).Scores.Span;
        double score = scores[^1];

        _sinceFit++;
        if (learn && _policy.IsFitDue(fitted: true, n, _sinceFit))
        {
            Fit(n);
        }

        return score;
    }

    /// <inheritdoc />
    public void Reset()
    {
        // Keep the fitted model; forget the buffered sequence except what refits need.
        _timestamps.Clear();
        _values.Clear();
        _sinceFit = 0;
    }

    private void Fit(int n)
    {
        // The first fit takes every collected point; only refits are limited to the trailing TrainWindow.
        int length = (int)_policy.FitLength(_inner.IsFitted, n);
        var train = new TimeSeries("train", _timestamps.GetRange(n - length, length).ToArray(), _values.GetRange(n - length, length).ToArray());
        if (_inner.IsFitted && _inner is IFineTunableDetector tunable)
        {
            tunable.FineTune(train);
        }
        else
        {
            _inner.Fit(train);
        }

        _sinceFit = 0;
    }
}
