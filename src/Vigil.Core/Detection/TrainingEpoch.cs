namespace Vigil.Detection;

/// <summary>What a trainable detector reports after each training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs planned (training may stop earlier).</param>
/// <param name="TrainingLoss">Mean training loss of the epoch (per-sample weighted).</param>
/// <param name="ValidationLoss">Loss on the validation split after the epoch, or NaN when there is none.</param>
/// <param name="Elapsed">Wall time the epoch took.</param>
public sealed record TrainingEpoch(int Epoch, int Epochs, double TrainingLoss, double ValidationLoss, TimeSpan Elapsed);
