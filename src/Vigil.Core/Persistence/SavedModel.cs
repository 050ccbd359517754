using Vigil.Detection;

namespace Vigil.Persistence;

/// <summary>A model read back by <see cref="ModelStore"/>: its manifest, the restored detector and, when it was saved
/// mid-stream under <see cref="BatchAsStreaming"/>, the restored runner that continues it.</summary>
/// <param name="Manifest">The manifest as stored.</param>
/// <param name="Detector">The restored detector.</param>
/// <param name="Runner">The causal runner of a batch detector saved mid-stream; null otherwise.</param>
public sealed record SavedModel(ModelManifest Manifest, IAnomalyDetector Detector, BatchAsStreaming? Runner)
{
    /// <summary>
    /// A streaming view that continues exactly where the saved run stopped: the restored runner, the streaming
    /// detector itself, or a fitted batch detector under the saved refit policy (it scores from the first row).
    /// </summary>
    public IStreamingDetector Continue()
    {
        if (Runner is not null)
        {
            return Runner;
        }

        return Detector switch
        {
            IStreamingDetector streaming => streaming,
            IBatchDetector batch => new BatchAsStreaming(batch, new RefitPolicy(
                Math.Max(1, Manifest.Harness?.ProbationRows ?? 1),
                Manifest.Harness?.RefitEvery ?? (batch.Options as IRefitOptions)?.RefitEvery ?? 0,
                Manifest.Harness?.TrainWindow ?? (batch.Options as IRefitOptions)?.TrainWindow ?? 0)),
            _ => throw new InvalidOperationException($"Detector '{Detector.Descriptor.Name}' has no runnable protocol."),
        };
    }
}
