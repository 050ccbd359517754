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
public sealed class BatchAsStreaming : IStreamingDetector, Vigil.Persistence.IPersistable
{
    private const uint StateMagic = 0x53414256; // "VBAS"

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

    /// <summary>The batch detector being run.</summary>
    public IBatchDetector Inner => _inner;

    /// <summary>The refit policy it runs under.</summary>
    public RefitPolicy Policy => _policy;

    /// <summary>
    /// Cancels a fit or refit that <see cref="Step"/> starts (a streaming step has no token of its own, and the first fit
    /// of a large model can take minutes); <see cref="StreamingRunner.Run"/> sets it to its run's token. A cancelled fit
    /// throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>
    /// When set before the first fit, that fit also scores its own training rows in-sample into
    /// <see cref="FirstFitScores"/>, as <see cref="CausalBatchScorer"/> does with <c>scoreTrainingRows</c>: a run that
    /// drives a batch detector through this adapter (one that will be saved) then calibrates exactly as a run that does not.
    /// </summary>
    public bool KeepFirstFitScores { get; set; }

    /// <summary>The in-sample scores of the first fit's training rows, when <see cref="KeepFirstFitScores"/> was set; else null.</summary>
    public double[]? FirstFitScores { get; private set; }

    /// <summary>Rows stepped since creation or the last <see cref="Reset"/>.</summary>
    public long RowsSeen { get; private set; }

    /// <inheritdoc />
    public DetectorDescriptor Descriptor => _inner.Descriptor;

    /// <inheritdoc />
    public DetectorOptions Options => _inner.Options;

    /// <inheritdoc />
    public double Step(in Observation x, bool learn = true)
    {
        _timestamps.Add(x.Timestamp);
        _values.Add(x.Value);
        RowsSeen++;
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

    /// <summary>
    /// Takes <paramref name="rows"/> as the rows the inner detector was already fitted on (outside this runner), so
    /// that later rows are scored with them as context and refits include them, as if they had been stepped.
    /// </summary>
    public void Absorb(TimeSeries rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _timestamps.AddRange(rows.Timestamps.ToArray());
        _values.AddRange(rows.Values.ToArray());
        RowsSeen += rows.Length;
    }

    /// <inheritdoc />
    public void Reset()
    {
        // Keep the fitted model; forget the buffered sequence except what refits need.
        _timestamps.Clear();
        _values.Clear();
        _sinceFit = 0;
        RowsSeen = 0;
    }

    /// <summary>
    /// Writes the runner's own state (policy, rows since the last fit, and the trailing rows later scores and refits
    /// need), not the inner detector's: a model archive stores that separately.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int n = _values.Count;
        int keep = n;
        if (_inner.IsFitted)
        {
            // Later rows need the scoring context; refits need the training window (all rows when it is 0).
            long needed = Math.Max(1, _inner.ContextLength);
            if (_policy.RefitEvery > 0)
            {
                needed = _policy.TrainWindow > 0 ? Math.Max(needed, _policy.TrainWindow) : n;
            }

            keep = (int)Math.Min(n, needed);
        }

        writer.Write(StateMagic);
        writer.Write(_policy.TrainLength);
        writer.Write(_policy.RefitEvery);
        writer.Write(_policy.TrainWindow);
        writer.Write(_sinceFit);
        writer.Write(RowsSeen);
        writer.Write(keep);
        for (int i = n - keep; i < n; i++)
        {
            writer.Write(_timestamps[i].UtcTicks);
            writer.Write(_values[i]);
        }
    }

    /// <summary>Restores a runner written by <see cref="WriteState"/> around <paramref name="inner"/> (restored separately).</summary>
    /// <exception cref="InvalidDataException">The state is not a runner state or its sizes are impossible.</exception>
    public static BatchAsStreaming Restore(IBatchDetector inner, BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadUInt32() != StateMagic)
        {
            throw new InvalidDataException("Not a batch-runner state.");
        }

        var policy = new RefitPolicy(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        int sinceFit = reader.ReadInt32();
        long rowsSeen = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count < 0 || sinceFit < 0 || rowsSeen < count || count > (reader.BaseStream.Length - reader.BaseStream.Position) / 16)
        {
            throw new InvalidDataException($"Batch-runner state has impossible sizes (rows {count}, since fit {sinceFit}, seen {rowsSeen}).");
        }

        var runner = new BatchAsStreaming(inner, policy) { _sinceFit = sinceFit, RowsSeen = rowsSeen };
        for (int i = 0; i < count; i++)
        {
            runner._timestamps.Add(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
            runner._values.Add(reader.ReadDouble());
        }

        return runner;
    }

    private void Fit(int n)
    {
        // The first fit takes every collected point; only refits are limited to the trailing TrainWindow.
        int length = (int)_policy.FitLength(_inner.IsFitted, n);
        var train = new TimeSeries("train", _timestamps.GetRange(n - length, length).ToArray(), _values.GetRange(n - length, length).ToArray());
        if (_inner.IsFitted && _inner is IFineTunableDetector tunable)
        {
            tunable.FineTune(train, Cancellation);
        }
        else
        {
            bool first = !_inner.IsFitted;
            _inner.Fit(train, Cancellation);
            if (first && KeepFirstFitScores)
            {
                FirstFitScores = _inner.ScoreSamples(train).Scores.ToArray();
            }
        }

        _sinceFit = 0;
    }
}
