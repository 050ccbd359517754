namespace Vigil.Orleans.Training;

/// <summary>Starts (or restarts) one replica of a synchronous data-parallel training.</summary>
/// <param name="Detector">Registry name of the detector (e.g. <c>lstm-autoencoder</c>).</param>
/// <param name="OptionsJson">The detector's options as JSON.</param>
/// <param name="Values">The whole training series.</param>
/// <param name="Rank">The replica's rank, in [0, <paramref name="Replicas"/>).</param>
/// <param name="Replicas">Replicas sharing each global batch.</param>
/// <param name="Checkpoint">The last synchronous state to resume from, or null to start at step 0.</param>
[GenerateSerializer, Immutable]
public sealed record DataParallelStartDto(string Detector, string OptionsJson, double[] Values, int Rank, int Replicas, byte[]? Checkpoint);
