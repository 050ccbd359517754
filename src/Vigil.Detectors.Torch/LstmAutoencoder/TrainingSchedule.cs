namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>
/// The batch size and epoch count one training of the LSTM autoencoder actually uses, derived from its options and
/// the number of training windows, so that a short training set (NAB's probation: a few hundred windows) still gets
/// enough optimiser steps to leave the network's initialisation.
/// </summary>
/// <remarks>
/// The batch is <see cref="LstmAutoencoderOptions.BatchSize"/>, lowered to <c>ceil(windows / MinBatchesPerEpoch)</c>
/// when that is smaller; the epochs are <see cref="LstmAutoencoderOptions.Epochs"/>, raised until the training takes
/// at least <see cref="LstmAutoencoderOptions.MinSteps"/> steps. Both depend only on the options and the window count,
/// so the single-process loop and the data-parallel replicas (<see cref="LstmDataParallelReplica"/>) agree.
/// </remarks>
/// <param name="BatchSize">Windows per optimiser step.</param>
/// <param name="Epochs">Passes over the training windows.</param>
/// <param name="BatchesPerEpoch">Optimiser steps per epoch.</param>
internal readonly record struct TrainingSchedule(int BatchSize, int Epochs, int BatchesPerEpoch)
{
    /// <summary>Total optimiser steps (without early stopping).</summary>
    public long TotalSteps => (long)Epochs * BatchesPerEpoch;

    /// <summary>The schedule of a first fit on <paramref name="windows"/> training windows.</summary>
    public static TrainingSchedule ForFit(LstmAutoencoderOptions options, int windows) =>
        Create(options, windows, options.Epochs, options.MinSteps);

    /// <summary>The schedule of a fine-tune on <paramref name="windows"/> windows: the adapted batch, <see cref="LstmAutoencoderOptions.FineTuneEpochs"/> epochs.</summary>
    public static TrainingSchedule ForFineTune(LstmAutoencoderOptions options, int windows) =>
        Create(options, windows, options.FineTuneEpochs, minSteps: 0);

    private static TrainingSchedule Create(LstmAutoencoderOptions options, int windows, int epochs, int minSteps)
    {
        if (windows <= 0)
        {
            return new TrainingSchedule(options.BatchSize, epochs, 0);
        }

        int adapted = options.MinBatchesPerEpoch > 0 ? (int)Math.Ceiling(windows / (double)options.MinBatchesPerEpoch) : options.BatchSize;
        int batch = Math.Max(1, Math.Min(options.BatchSize, adapted));
        int batches = (windows + batch - 1) / batch;
        int needed = minSteps > 0 ? (minSteps + batches - 1) / batches : 0;
        return new TrainingSchedule(batch, Math.Max(epochs, needed), batches);
    }
}
