namespace Vigil.Detection;

/// <summary>
/// The trailing points a self-refitting streaming detector keeps, and when it fits, under a <see cref="RefitPolicy"/>:
/// the same protocol as <see cref="BatchAsStreaming"/> (first fit on the first <see cref="RefitPolicy.TrainLength"/>
/// points, then every <see cref="RefitPolicy.RefitEvery"/> scored points on the trailing <see cref="RefitPolicy.TrainWindow"/>),
/// for detectors whose scoring state (a Kalman filter, say) lives between fits and so cannot be a batch detector.
/// </summary>
/// <remarks>
/// A ring buffer of <c>max(TrainLength, TrainWindow)</c> points: O(1) per point, no allocation except
/// <see cref="TrainingWindow"/>. Not thread-safe.
/// </remarks>
public sealed class RefitWindow
{
    private readonly DateTimeOffset[] _times;
    private readonly double[] _values;
    private RefitPolicy _policy;
    private int _scoredSinceFit;

    /// <summary>Creates the buffer, sized for <paramref name="policy"/>'s first fit and refits.</summary>
    public RefitWindow(RefitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.TrainLength < 1 || policy.RefitEvery < 0 || policy.TrainWindow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "TrainLength must be at least 1; RefitEvery and TrainWindow at least 0.");
        }

        _policy = policy;
        int capacity = Math.Max(policy.TrainLength, policy.TrainWindow);
        _times = new DateTimeOffset[capacity];
        _values = new double[capacity];
    }

    /// <summary>The policy in force.</summary>
    public RefitPolicy Policy => _policy;

    /// <summary>Points the buffer holds at most.</summary>
    public int Capacity => _values.Length;

    /// <summary>Points recorded since construction or <see cref="Reset"/>.</summary>
    public long Count { get; private set; }

    /// <summary>Whether the first fit has happened.</summary>
    public bool IsFitted { get; private set; }

    /// <summary>
    /// Takes a harness's training length (e.g. NAB's probationary length) for the first fit, capped by
    /// <see cref="Capacity"/>; ignored below <paramref name="minimum"/>.
    /// </summary>
    public void UseTrainLength(int trainLength, int minimum = 1)
    {
        if (trainLength >= minimum)
        {
            _policy = _policy with { TrainLength = Math.Min(trainLength, Capacity) };
        }
    }

    /// <summary>Counts a point the fitted model has just scored (refits are due every <see cref="RefitPolicy.RefitEvery"/> of them).</summary>
    public void CountScored() => _scoredSinceFit++;

    /// <summary>Records <paramref name="x"/>; returns whether a fit is due now (never when <paramref name="learn"/> is false).</summary>
    public bool Add(in Observation x, bool learn)
    {
        int slot = (int)(Count % _values.Length);
        _values[slot] = x.Value;
        _times[slot] = x.Timestamp;
        Count++;
        return learn && _policy.IsFitDue(IsFitted, Count, _scoredSinceFit);
    }

    /// <summary>The points the due fit uses, oldest first (all collected for the first fit, the trailing window for refits).</summary>
    public (DateTimeOffset[] Times, double[] Values) TrainingWindow()
    {
        int length = (int)Math.Min(Math.Min(_policy.FitLength(IsFitted, Count), Count), Capacity);
        var times = new DateTimeOffset[length];
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            int slot = (int)((Count - length + i) % _values.Length);
            times[i] = _times[slot];
            values[i] = _values[slot];
        }

        return (times, values);
    }

    /// <summary>Records that a fit on <see cref="TrainingWindow"/> has been made.</summary>
    public void MarkFitted()
    {
        IsFitted = true;
        _scoredSinceFit = 0;
    }

    /// <summary>Forgets every point and the fit.</summary>
    public void Reset()
    {
        Count = 0;
        _scoredSinceFit = 0;
        IsFitted = false;
    }
}
