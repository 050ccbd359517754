namespace Vigil.Detection;

/// <summary>
/// Implemented by detectors that train in epochs. The CLI shows the reports as a progress bar and an experiment
/// tracker can log them as metrics (step = epoch).
/// </summary>
public interface IReportsTrainingProgress
{
    /// <summary>Receives one report per completed epoch, on the training thread; null for none.</summary>
    IProgress<TrainingEpoch>? TrainingProgress { get; set; }
}
