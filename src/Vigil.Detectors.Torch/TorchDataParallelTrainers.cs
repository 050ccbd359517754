using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Training;

namespace Vigil.Detectors.Torch;

/// <summary>
/// The TorchSharp detectors that train by synchronous data-parallel SGD: <c>lstm-autoencoder</c>. A host composes
/// it (an Orleans silo registers it as its <see cref="IDataParallelTrainerFactory"/>) so that the host itself needs
/// no reference to TorchSharp.
/// </summary>
public sealed class TorchDataParallelTrainers : IDataParallelTrainerFactory
{
    /// <inheritdoc />
    public bool CanTrain(string detector) => detector == LstmAutoencoderDetector.Descriptor.Name;

    /// <inheritdoc />
    public IDataParallelReplica CreateReplica(DataParallelPlan plan, byte[]? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!CanTrain(plan.Detector))
        {
            throw new NotSupportedException($"{plan.Detector} cannot be trained data-parallel; {LstmAutoencoderDetector.Descriptor.Name} can.");
        }

        if (plan.Replicas < 1 || plan.Rank < 0 || plan.Rank >= plan.Replicas)
        {
            throw new ArgumentOutOfRangeException(nameof(plan), $"Rank {plan.Rank} is not in [0, {plan.Replicas}).");
        }

        // Replicas in one process take turns with libtorch (see LstmDataParallelReplica), from construction on.
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            return new LstmDataParallelReplica(plan, checkpoint);
        }
    }
}
