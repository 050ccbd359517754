namespace Vigil.Reporting;

/// <summary>One row of NAB's published v1.1 scoreboard: a detector's normalised score under the three cost profiles.</summary>
/// <param name="Detector">The detector's name as NAB's results folder spells it (e.g. <c>numenta</c>, <c>contextOSE</c>).</param>
/// <param name="Standard">Normalised score, standard profile.</param>
/// <param name="RewardLowFp">Normalised score, reward_low_FP_rate profile.</param>
/// <param name="RewardLowFn">Normalised score, reward_low_FN_rate profile.</param>
/// <param name="Note">What the figure is, when it is not simply the published row (empty otherwise).</param>
public sealed record PublishedNabScore(string Detector, double Standard, double RewardLowFp, double RewardLowFn, string Note = "");
