namespace Vigil.Orleans.Training;

/// <summary>How <see cref="DistributedDataParallelTraining"/> runs a training.</summary>
public sealed record DataParallelTrainingSettings
{
    /// <summary>Steps between checkpoints (fetched from replica 0 after a synchronous update); a lost replica costs at most this many steps again. At least 1.</summary>
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>Restarts from the last checkpoint allowed after losing replicas, before the training fails.</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>Pause before a restart, so membership can declare the dead silo and new replicas land on live ones.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Names the training's grains (with a generation per restart); a fresh identifier by default.</summary>
    public string? Key { get; init; }

    /// <summary>Called after each synchronous step with the number of steps done (progress displays; tests use it to kill a silo mid-training).</summary>
    public Func<int, CancellationToken, ValueTask>? AfterStep { get; init; }
}
