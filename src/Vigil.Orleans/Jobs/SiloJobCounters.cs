namespace Vigil.Orleans.Jobs;

/// <summary>This silo's job counts, for <c>vigil cluster status</c>.</summary>
/// <remarks>Thread safety: every member is safe to call from any thread.</remarks>
public sealed class SiloJobCounters
{
    private int _running;
    private long _completed;
    private long _failed;

    /// <summary>Jobs running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Jobs finished since the silo started.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Jobs that threw since the silo started.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Counts a job as started.</summary>
    public void Started() => Interlocked.Increment(ref _running);

    /// <summary>Counts a started job as ended.</summary>
    /// <param name="succeeded">Whether it returned its result.</param>
    public void Ended(bool succeeded)
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
    }
}
