namespace Vigil.Tuning;

/// <summary>The best parameters beside the defaults, on the tuning files and on the held-out files.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="DefaultTune">Defaults, on the tuning files (as a trial scores them).</param>
/// <param name="BestTune">Best trial's value on the tuning files.</param>
/// <param name="DefaultHoldout">Defaults on the held-out files, thresholds from the tuning files.</param>
/// <param name="BestHoldout">Best parameters on the held-out files, thresholds from the tuning files.</param>
public sealed record HeldOutComparison(string Metric, double DefaultTune, double BestTune, double DefaultHoldout, double BestHoldout);
